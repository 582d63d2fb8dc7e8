/**
 * An API failure explained in plain words, with a way forward: a version conflict (409) or a
 * step no longer allowed (422) offers to reload the case and see who changed it.
 */
import type { ApiError } from '../api';
import { useI18n } from '../i18n';
import { explainFields } from '../validation';
import { fieldId } from './fields';

interface Props {
  error: ApiError | null;
  /** Reload what the failed action was based on (the case, the inbox...). */
  onReload?: () => void;
  /** Show the latest changes (the case's timeline). */
  onShowChanges?: () => void;
  /** Labels of the form's fields, by API path, to list field errors with links. */
  fieldLabels?: Record<string, string>;
  /** What a 422's `state` names: a case's stage (default) or a handoff's state. */
  states?: 'state' | 'handoffState';
}

export function ErrorNotice({ error, onReload, onShowChanges, fieldLabels, states = 'state' }: Props) {
  const i18n = useI18n();
  const { t, label, serverText } = i18n;
  if (!error) return null;
  const details = error.body?.details;
  const server = error.body?.message ? serverText(error.body.message) : null;
  let text: string;
  let showServer = false;
  let conflict = false;
  switch (error.status) {
    case 0:
      text = t('err.network');
      break;
    case 400:
      text = t('err.invalid');
      showServer = !details?.fields;
      break;
    case 401:
      text = t('err.unauthorized');
      break;
    case 403:
      text = t('err.forbidden');
      showServer = true;
      break;
    case 404:
      text = t('err.notFound');
      break;
    case 409:
      conflict = details?.currentVersion !== undefined;
      text = conflict
        ? t('err.conflictVersion', { expected: details?.expectedVersion ?? '?', current: details?.currentVersion ?? '?' })
        : t('err.conflict');
      showServer = !conflict;
      break;
    case 422: {
      conflict = true;
      const allowed = (details?.allowed ?? []).map((e) => label('event', e));
      text = `${t('err.notAllowed', { state: label(states, details?.state), event: label('event', details?.event) })} ${
        allowed.length ? t('err.allowedNow', { list: allowed.join(', ') }) : t('err.nothingAllowed')}`;
      break;
    }
    case 429:
      text = t('err.tooMany');
      break;
    default:
      text = t('err.server');
  }
  const fields = details?.fields ? explainFields(details.fields, i18n) : null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{text}</p>
      {showServer && server && <p className="muted">{t('err.serverSays', { message: server })}</p>}
      {fields && Object.keys(fields).length > 0 && (
        <>
          <p>{t('err.fieldList')}</p>
          <ul>
            {Object.entries(fields).map(([path, messages]) => (
              <li key={path}>
                {fieldLabels?.[path] ? <a href={`#${fieldId(path)}`}>{fieldLabels[path]}</a> : <code>{path}</code>}: {messages.join('; ')}
              </li>
            ))}
          </ul>
        </>
      )}
      {(conflict || error.status === 0 || error.status >= 500) && (onReload || onShowChanges) && (
        <p className="actions">
          {onReload && <button type="button" onClick={onReload}>{conflict ? t('err.reloadCase') : t('common.retry')}</button>}
          {conflict && onShowChanges && <button type="button" className="secondary" onClick={onShowChanges}>{t('err.whoChanged')}</button>}
        </p>
      )}
    </div>
  );
}
