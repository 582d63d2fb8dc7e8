/**
 * What was recorded without a connection and is not sent yet (outbox.ts): waiting for the
 * connection, or held for the person because what it was written against changed meanwhile (both
 * versions side by side: theirs, and the case's changes since the version they wrote against or the
 * handoff or separation as it is now) or because the server refused it (correct it in its form,
 * where it goes back as a draft). A step taken behind one of those on the same handoff is shown held.
 */
import { useState, type ReactNode } from 'react';
import type { CaseDetail, InboxItem, Separation, TimelineItem } from '../api/types';
import { useUser } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { HandoffExtraFacts } from '../components/HandoffExtras';
import { Badge, Loading, PageTitle, Status } from '../components/bits';
import { saveDraft } from '../drafts';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { flush, remove, resendOver, useOnline, useOutbox, type Queued } from '../outbox';
import { ApiError } from '../api';
import { Link, navigate } from '../router';
import { named, useWorkflow } from '../workflows';
import { Fields } from './case/DecisionReview';
import { SeparationFacts } from './case/Separations';

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
          <ul className="cards">{items.map((i) => (
            // Held: a step taken behind one that waits for the person (a conflict, a refusal) is not sent before it.
            <OutboxItem key={i.id} item={i} held={i.after !== undefined && items.some((x) => x.id === i.after && x.status !== 'waiting')} />
          ))}</ul>
        </>
      )}
    </>
  );
}

/** Where a held item's form is: the intake, a partner's inbox (its steps on handoffs) or the case's page. */
const formOf = (item: Queued) => (item.kind === 'intake' ? '/intake'
  : item.kind === 'handoffAction' && item.eventType !== 'CANCEL' ? '/inbox' : `/cases/${item.caseId}`);

function OutboxItem({ item, held }: { item: Queued; held: boolean }) {
  const { t, dateTime } = useI18n();
  const edit = async () => {
    await saveDraft(item.draftId, item.draft);
    await remove(item.id);
    navigate(formOf(item));
  };
  const body = item.body as { child?: { fullName?: string }; incident?: { description?: string } };
  return (
    <li className={`case-card${item.status === 'waiting' ? '' : ' is-overdue'}`}>
      <div className="case-card-head">
        <strong><ItemName item={item} /></strong>
        {item.caseCode && <Link to={`/cases/${item.caseId}`}>{item.caseCode}</Link>}
      </div>
      <p className="muted small">{t('outbox.queuedAt', { at: dateTime(item.queuedAt) })}</p>
      {item.status === 'waiting' && (held ? <Badge tone="warn">{t('outbox.held')}</Badge> : <Badge tone="info">{t('outbox.waiting')}</Badge>)}
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
      {item.status === 'conflict' && (item.kind === 'handoffAction' ? <HandoffConflict item={item} />
        : item.kind === 'separationEvent' ? <SeparationConflict item={item} />
        : item.caseId && <CaseConflict item={item} />)}
      {item.status !== 'conflict' && item.eventType && <Mine item={item} />}
      <p className="actions">
        {/* A step with no words of its own (accept, start) has no form to correct it in. */}
        {item.status !== 'waiting' && item.draft !== null && <button type="button" className="secondary" onClick={() => void edit()}>{t('outbox.edit')}</button>}
        <button type="button" className="secondary" onClick={() => void remove(item.id)}>{t('outbox.discard')}</button>
      </p>
    </li>
  );
}

/** What the item is: a report, a request, a proposal, or the step by its contract's name. */
function ItemName({ item }: { item: Queued }) {
  const { t, label, lang } = useI18n();
  const contract = useWorkflow(item.workflow?.name ?? '', item.workflow?.version ?? 0)?.events[item.eventType ?? ''];
  if (item.kind === 'intake') return <>{t('outbox.intake')}</>;
  if (item.kind === 'handoff') return <>{t('outbox.handoff')}</>;
  if (item.kind === 'separation') return <>{t('outbox.separation')}</>;
  return <>{contract ? named(contract, lang) : label('event', item.eventType)}</>;
}

/** The data of a step as the person recorded it: a handoff step's body is its data; events carry theirs in `data`. */
function stepData(item: Queued): Record<string, unknown> {
  const { expectedVersion: _, ...rest } = item.body;
  return item.kind === 'handoffAction' ? rest : (item.body.data as Record<string, unknown> | undefined) ?? {};
}

/** The person's step, in full, as its contract declares it (the workflow the step names, or its case's). */
function Mine({ item }: { item: Queued }) {
  const i18n = useI18n();
  const detail = useApi<CaseDetail>(item.workflow ? null : `/cases/${item.caseId}`);
  const workflow = item.workflow ?? { name: detail.data?.workflow ?? '', version: detail.data?.workflowVersion ?? 0 };
  const contract = useWorkflow(workflow.name, workflow.version)?.events[item.eventType ?? ''];
  if (!contract) return null;
  return <Fields fields={contract.fields} data={stepData(item)} i18n={i18n} />;
}

interface ConflictProps {
  item: Queued;
  title: string;
  /** The current version, once read. */
  current: number | undefined;
  error: ApiError | null;
  onReload(): void;
  /** What is there now (the changes since, or the handoff or separation as it is). */
  theirs: ReactNode;
}

/** Both versions side by side, and the person's choice: send theirs over the current version (or correct or discard it, below). */
function Conflict({ item, title, current, error, onReload, theirs }: ConflictProps) {
  const { t } = useI18n();
  return (
    <section className="conflict" aria-label={title}>
      <h3>{title}</h3>
      <p>{t('outbox.conflictIntro')}</p>
      <ErrorNotice error={error} onReload={onReload} />
      {current === undefined ? <Loading /> : (
        <>
          <div className="versions">
            <div className="version">
              <h4>{t('outbox.mine')}</h4>
              <p><strong><ItemName item={item} /></strong></p>
              <Mine item={item} />
            </div>
            <div className="version">
              <h4>{t('outbox.theirs')}</h4>
              {theirs}
            </div>
          </div>
          <p className="actions">
            <button type="button" onClick={() => void resendOver(item.id, current).then(() => flush(item.userId))}>{t('outbox.resend')}</button>
          </p>
        </>
      )}
    </section>
  );
}

const expectedOf = (item: Queued) => Number((item.body as { expectedVersion?: number }).expectedVersion ?? 0);

/** A case event: what happened to the case since the version the person wrote against. */
function CaseConflict({ item }: { item: Queued }) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  const detail = useApi<CaseDetail>(`/cases/${item.caseId}`);
  const timeline = useApi<{ items: TimelineItem[] }>(`/cases/${item.caseId}/timeline`);
  const def = useWorkflow(detail.data?.workflow ?? '', detail.data?.workflowVersion ?? 0);
  const mine = expectedOf(item);
  const c = detail.data;
  const since = (timeline.data?.items ?? []).filter((i) => i.kind === 'event' && (i.seq ?? 0) > mine);
  return (
    <Conflict item={item} title={t('outbox.conflictTitle', { code: item.caseCode ?? '', mine, current: c?.version ?? '…' })}
      current={c && timeline.data ? c.version : undefined} error={detail.error ?? timeline.error}
      onReload={() => { detail.reload(); timeline.reload(); }}
      theirs={c && (
        <>
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
        </>
      )} />
  );
}

/** A step on a handoff: the handoff as it is now (its state, outcome, reason, procedure statuses). */
function HandoffConflict({ item }: { item: Queued }) {
  const { t, label } = useI18n();
  const h = useApi<InboxItem>(`/handoffs/${item.handoffId}`);
  const now = h.data;
  return (
    <Conflict item={item} current={now?.version} error={h.error} onReload={h.reload}
      title={t('outbox.conflictHandoff', { kind: now ? label('handoffKind', now.kind) : '…', code: item.caseCode ?? '', mine: expectedOf(item), current: now?.version ?? '…' })}
      theirs={now && (
        <>
          <p>{t('outbox.handoffNow', { state: label('handoffState', now.state), agency: now.agency.name })}</p>
          <dl className="facts">
            <HandoffExtraFacts h={now} />
            {now.outcome && <div className="wide"><dt>{t('handoff.outcome')}</dt><dd className="prose">{now.outcome}</dd></div>}
            {now.reason && <div className="wide"><dt>{t('handoff.reason')}</dt><dd className="prose">{now.reason}</dd></div>}
          </dl>
        </>
      )} />
  );
}

/** A step on a separation: the separation as it is now (its state, dates, the visits recorded). */
function SeparationConflict({ item }: { item: Queued }) {
  const { t } = useI18n();
  const s = useApi<Separation>(`/separations/${item.separationId}`);
  return (
    <Conflict item={item} current={s.data?.version} error={s.error} onReload={s.reload}
      title={t('outbox.conflictSeparation', { code: item.caseCode ?? '', mine: expectedOf(item), current: s.data?.version ?? '…' })}
      theirs={s.data && <SeparationFacts s={s.data} />} />
  );
}
