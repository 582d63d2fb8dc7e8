/**
 * The case's child in the registry: the way to the child's page, the child's other cases (within
 * the caller's scope) and, for case staff, relinking the case to another child on record.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { CaseDetail } from '../../api/types';
import { Badge } from '../../components/bits';
import { ChildPicker } from '../../components/ChildPicker';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCommand } from '../../hooks';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { explainFields } from '../../validation';

interface Props {
  c: CaseDetail;
  /** The caller manages the case (may relink it). */
  manager: boolean;
  onRelinked(): void;
  onReload(): void;
}

export function ChildLinks({ c, manager, onRelinked, onReload }: Props) {
  const { t, label, date } = useI18n();
  if (!c.childId) return null;
  const earlier = c.earlierCases ?? [];
  return (
    <>
      <p className="actions"><Link to={`/children/${c.childId}`} className="button secondary">{t('case.openChild')}</Link></p>
      {manager && <Relink c={c} childId={c.childId} onRelinked={onRelinked} onReload={onReload} />}
      <h3>{t('case.earlierCases')}</h3>
      {earlier.length === 0 ? <p className="muted">{t('case.noEarlierCases')}</p> : (
        <ul className="cards">
          {earlier.map((k) => (
            <li key={k.id} className="case-card settled">
              <div className="case-card-head">
                <Link to={`/cases/${k.id}`} className="case-code">{k.code}</Link>
                <Badge tone="info">{label('state', k.state)}</Badge>
              </div>
              <dl className="facts">
                <div><dt>{t('cases.received')}</dt><dd>{date(k.receivedAt)}</dd></div>
                {k.closedAt && <div><dt>{t('childPage.closedAt')}</dt><dd>{date(k.closedAt)}</dd></div>}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Relink({ c, childId, onRelinked, onReload }: { c: CaseDetail; childId: string; onRelinked(): void; onReload(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState('');
  const cmd = useCommand();
  const errors = useMemo(() => explainFields(cmd.error?.fields ?? {}, i18n), [cmd.error, i18n]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await cmd.run(() => api<unknown>(`/cases/${c.id}/child`, { method: 'PUT', body: { childId: chosen || undefined } }));
    if (res !== undefined) {
      setOpen(false);
      setChosen('');
      onRelinked();
    }
  };

  return (
    <div className="event-action">
      <button type="button" className="secondary toggle" aria-expanded={open} aria-controls="relink-form" onClick={() => setOpen(!open)}>
        {t('case.relink')}
      </button>
      {open && (
        <form id="relink-form" className="card form" onSubmit={submit} noValidate aria-label={t('case.relink')}>
          <p>{t('case.relinkIntro')}</p>
          <ErrorNotice error={cmd.error} onReload={onReload} fieldLabels={{ childId: t('picker.choose') }} />
          <ChildPicker name="childId" exclude={childId} value={chosen} onChange={setChosen} errors={errors} />
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('case.relinkSubmit')}</button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
          </p>
        </form>
      )}
    </div>
  );
}
