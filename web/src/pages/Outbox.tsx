/**
 * What was recorded without a connection and is not sent yet (outbox.ts): waiting for the
 * connection, or held for the person because the case changed meanwhile (both versions side by
 * side: theirs and what changed on the case since the version they wrote against) or because the
 * server refused it (correct it in its form, where it goes back as a draft).
 */
import { useState } from 'react';
import type { CaseDetail, TimelineItem } from '../api/types';
import { useUser } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { Badge, Loading, PageTitle, Status } from '../components/bits';
import { saveDraft } from '../drafts';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { flush, remove, resendOver, useOnline, useOutbox, type Queued } from '../outbox';
import { ApiError } from '../api';
import { Link, navigate } from '../router';
import { named, useWorkflow } from '../workflows';
import { Fields } from './case/DecisionReview';

export function Outbox() {
  const user = useUser();
  const { t } = useI18n();
  const items = useOutbox(user.id);
  const online = useOnline();
  const [status, setStatus] = useState<string | null>(null);
  const sendNow = async () => setStatus(t('outbox.sent', { n: await flush(user.id) }));
  return (
    <>
      <PageTitle title={t('outbox.title')}>{t('outbox.title')}</PageTitle>
      <p>{t('outbox.intro')}</p>
      <Status message={status} />
      {items.length === 0 ? <p className="muted">{t('outbox.none')}</p> : (
        <>
          {online && items.some((i) => i.status === 'waiting') && (
            <p className="actions"><button type="button" onClick={() => void sendNow()}>{t('outbox.sendNow')}</button></p>
          )}
          <ul className="cards">{items.map((i) => <OutboxItem key={i.id} item={i} />)}</ul>
        </>
      )}
    </>
  );
}

function OutboxItem({ item }: { item: Queued }) {
  const i18n = useI18n();
  const { t, dateTime, label } = i18n;
  const edit = async () => {
    await saveDraft(item.draftId, item.draft);
    await remove(item.id);
    navigate(item.kind === 'intake' ? '/intake' : `/cases/${item.caseId}`);
  };
  const body = item.body as { child?: { fullName?: string }; incident?: { description?: string }; expectedVersion?: number };
  return (
    <li className={`case-card${item.status === 'waiting' ? '' : ' is-overdue'}`}>
      <div className="case-card-head">
        <strong>{item.kind === 'intake' ? t('outbox.intake') : item.kind === 'handoff' ? t('outbox.handoff')
          : item.kind === 'separation' ? t('outbox.separation') : label('event', item.eventType)}</strong>
        {item.caseCode && <Link to={`/cases/${item.caseId}`}>{item.caseCode}</Link>}
      </div>
      <p className="muted small">{t('outbox.queuedAt', { at: dateTime(item.queuedAt) })}</p>
      {item.status === 'waiting' && <Badge tone="info">{t('outbox.waiting')}</Badge>}
      {item.kind === 'intake' && (
        <dl className="facts">
          {body.child?.fullName && <div><dt>{t('case.name')}</dt><dd>{body.child.fullName}</dd></div>}
          {body.incident?.description && <div className="wide"><dt>{t('intake.description')}</dt><dd className="prose">{body.incident.description}</dd></div>}
        </dl>
      )}
      {item.status === 'failed' && (
        <>
          <p className="notice notice-error">{t('outbox.failed')}</p>
          <ErrorNotice error={new ApiError(item.errorStatus ?? 400, item.error ?? null)} />
        </>
      )}
      {item.status === 'conflict' && item.caseId && <Conflict item={item} />}
      {item.kind === 'event' && item.status !== 'conflict' && item.caseId && <Mine item={item} />}
      <p className="actions">
        {item.status !== 'waiting' && <button type="button" className="secondary" onClick={() => void edit()}>{t('outbox.edit')}</button>}
        <button type="button" className="secondary" onClick={() => void remove(item.id)}>{t('outbox.discard')}</button>
      </p>
    </li>
  );
}

/** The person's step, in full, as its contract declares it. */
function Mine({ item, c }: { item: Queued; c?: CaseDetail }) {
  const i18n = useI18n();
  const detail = useApi<CaseDetail>(c ? null : `/cases/${item.caseId}`);
  const current = c ?? detail.data;
  const contract = useWorkflow(current?.workflow ?? '', current?.workflowVersion ?? 0)?.events[item.eventType ?? ''];
  const data = (item.body as { data?: Record<string, unknown> }).data ?? {};
  if (!contract) return null;
  return <Fields fields={contract.fields} data={data} i18n={i18n} />;
}

/** Both versions: the person's step, and what happened to the case since the version they wrote against. */
function Conflict({ item }: { item: Queued }) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  const detail = useApi<CaseDetail>(`/cases/${item.caseId}`);
  const timeline = useApi<{ items: TimelineItem[] }>(`/cases/${item.caseId}/timeline`);
  const def = useWorkflow(detail.data?.workflow ?? '', detail.data?.workflowVersion ?? 0);
  const mine = Number((item.body as { expectedVersion?: number }).expectedVersion ?? 0);
  const c = detail.data;
  const since = (timeline.data?.items ?? []).filter((i) => i.kind === 'event' && (i.seq ?? 0) > mine);
  return (
    <section className="conflict" aria-label={t('outbox.conflictTitle', { code: item.caseCode ?? '', mine, current: c?.version ?? '…' })}>
      <h3>{t('outbox.conflictTitle', { code: item.caseCode ?? '', mine, current: c?.version ?? '…' })}</h3>
      <p>{t('outbox.conflictIntro')}</p>
      <ErrorNotice error={detail.error ?? timeline.error} onReload={() => { detail.reload(); timeline.reload(); }} />
      {(!c || !timeline.data) && <Loading />}
      {c && timeline.data && (
        <div className="versions">
          <div className="version">
            <h4>{t('outbox.mine')}</h4>
            <p><strong>{label('event', item.eventType)}</strong></p>
            <Mine item={item} c={c} />
          </div>
          <div className="version">
            <h4>{t('outbox.theirs')}</h4>
            <p>{t('case.state')}: <strong>{label('state', c.state)}</strong></p>
            <ol>
              {since.map((e) => {
                const contract = e.type ? def?.events[e.type] : undefined;
                return (
                  <li key={e.seq}>
                    <strong>{contract ? named(contract, i18n.lang) : label('event', e.type)}</strong>
                    {e.actor && <> — {e.actor.name ?? label('role', e.actor.role)}</>}, {dateTime(e.at)}
                    {contract && <Fields fields={contract.fields} data={e.data ?? {}} i18n={i18n} />}
                  </li>
                );
              })}
            </ol>
          </div>
        </div>
      )}
      {c && (
        <p className="actions">
          <button type="button" onClick={() => void resendOver(item.id, c.version).then(() => flush(item.userId))}>{t('outbox.resend')}</button>
        </p>
      )}
    </section>
  );
}
