/** `/ack/:token`: the link of an urgent alert (issue 18). Acknowledging stops the early escalation and shows on the case's timeline. */
import { api } from '../api';
import type { AckView } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading, PageTitle } from '../components/bits';
import { useCommand } from '../hooks';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { Link } from '../router';

export function Ack({ token }: { token: string }) {
  const { t, dateTime } = useI18n();
  const alert = useApi<AckView>(`/notifications/ack/${encodeURIComponent(token)}`);
  const cmd = useCommand();
  const acknowledge = async () => {
    if (await cmd.run(() => api<AckView>(`/notifications/ack/${encodeURIComponent(token)}`, { method: 'POST' }))) alert.reload();
  };
  const a = alert.data;
  return (
    <>
      <PageTitle title={t('ack.title')}>{t('ack.title')}</PageTitle>
      <ErrorNotice error={alert.error ?? cmd.error} onReload={alert.reload} />
      {alert.loading && !a && <Loading />}
      {a && (
        <section className="card">
          <p>{t('ack.intro')}</p>
          <dl className="facts">
            <dt>{t('ack.case')}</dt><dd>{a.caseCode ?? '—'}</dd>
            <dt>{t('ack.sentAt')}</dt><dd>{dateTime(a.createdAt)}</dd>
            <dt>{t('ack.dueAt')}</dt><dd>{dateTime(a.dueAt)}</dd>
          </dl>
          {a.acknowledgedAt
            ? <p className="notice" role="status">{t('ack.done', { who: a.acknowledgedBy ?? '', at: dateTime(a.acknowledgedAt) })}</p>
            : a.reEscalatedAt
              ? <p className="notice" role="status">{t('ack.reEscalated', { at: dateTime(a.reEscalatedAt) })}</p>
              : null}
          <p className="actions">
            {!a.acknowledgedAt && <button type="button" disabled={cmd.busy} onClick={() => void acknowledge()}>{t('ack.confirm')}</button>}
            {a.caseId && <Link to={`/cases/${a.caseId}`}>{t('ack.openCase')}</Link>}
          </p>
        </section>
      )}
    </>
  );
}
