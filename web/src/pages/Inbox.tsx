/**
 * A partner agency's handoffs: accept, decline (with a reason), start, complete (with the
 * outcome). Each shows only the need-to-know view of its case: no reporter, no full name.
 * Without a connection each step waits in the outbox and is sent once when it returns; while steps
 * of a handoff wait, its card shows the handoff as they will leave it and offers the steps allowed
 * from there (pendingSteps.ts), kept behind them.
 */
import { useState } from 'react';
import { query } from '../api';
import { useUser } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { HandoffBadges } from '../components/HandoffBadges';
import { HandoffExtraFacts, ProcedureStatusForm } from '../components/HandoffExtras';
import { HandoffTextStep, KeptSteps, useHandoffStep, useHandoffView, type HandoffStep } from '../components/HandoffSteps';
import { PdfActions } from '../components/PdfActions';
import { Countdown, Loading, PageTitle, Pager, Status } from '../components/bits';
import { Select } from '../components/fields';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { handoffStateValues as HANDOFF_STATES } from '../api/schema.gen';
import { Link, navigate, useLocation } from '../router';
import type { InboxItem, Page } from '../api/types';
import { HandoffAttachments } from './case/Attachments';

export function Inbox() {
  const user = useUser();
  const { t, label } = useI18n();
  const { params } = useLocation();
  const status = params.get('status') ?? 'open';
  const page = Number(params.get('page') ?? '1') || 1;
  const list = useApi<Page<InboxItem>>(`/handoffs/inbox${query({ status, page })}`);
  const [message, setMessage] = useState<string | null>(null);

  const updated = (h: InboxItem) => {
    if (list.data) list.set({ ...list.data, items: list.data.items.map((x) => (x.id === h.id ? h : x)) });
    setMessage(t('inbox.updated', { code: h.case.code, state: label('handoffState', h.state) }));
  };
  const queued = (h: InboxItem, step: HandoffStep) => setMessage(t('outbox.queuedHandoffStep', { step: label('event', step), code: h.case.code }));

  return (
    <>
      <PageTitle title={t('inbox.title')}>{t('inbox.title')}</PageTitle>
      <p>{t('inbox.intro', { agency: user.agency.name })}</p>
      <div className="filters">
        <Select name="status" label={t('inbox.status')} value={status === 'all' ? '' : status}
          onChange={(v) => navigate(`/inbox${query({ status: v || 'all' })}`)} placeholder={t('common.all')}
          options={[{ value: 'open', label: t('inbox.status.open') }, ...HANDOFF_STATES.map((s) => ({ value: s, label: label('handoffState', s) }))]} />
      </div>
      <Status message={message} />
      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.items.length === 0
        ? <p className="muted">{t('inbox.none')}</p>
        : <ul className="cards">{list.data.items.map((h) => <InboxCard key={h.id} h={h} onUpdated={updated} onQueued={(step) => queued(h, step)} onReload={list.reload} />)}</ul>)}
      {list.data && (
        <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total}
          onPage={(p) => navigate(`/inbox${query({ status, page: p })}`)} />
      )}
    </>
  );
}

function InboxCard({ h, onUpdated, onQueued, onReload }: { h: InboxItem; onUpdated(h: InboxItem): void; onQueued(step: HandoffStep): void; onReload(): void }) {
  const { t, label, lang, dateTime } = useI18n();
  const [open, setOpen] = useState<HandoffStep | null>(null);
  const ref = { ...h, caseCode: h.case.code };
  const { cmd, send } = useHandoffStep(ref);
  const headingId = `h-${h.id}`;
  // Steps kept on the device: the handoff as they leave it, and the steps from there (kept behind them).
  const { def, kept, pending, steps } = useHandoffView(ref);
  const pendingId = `${h.id}-pending`;
  // The words an action needs (a reason, an outcome) come from the handoff workflow's contract; the rest are one button.
  const hasText = (action: HandoffStep) => def?.events[action]?.fields.some((f) => f.kind === 'text') ?? false;

  const act = async (action: HandoffStep) => {
    const res = await send(action, {});
    if (res === 'queued') onQueued(action);
    else if (res) onUpdated(res.handoff);
  };
  const done = (next: InboxItem) => {
    setOpen(null);
    onUpdated(next);
  };
  const waiting = (step: HandoffStep) => () => {
    setOpen(null);
    onQueued(step);
  };
  const age = h.case.child.ageYears === null ? t('inbox.ageUnknown') : t('inbox.age', { n: h.case.child.ageYears });
  const running = ['offered', 'accepted', 'in_progress'].includes(h.state);
  return (
    <li className={`case-card${h.overdue ? ' is-overdue' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="case-card-head">
        <span>{label('handoffKind', h.kind)}</span>
        <Link to={`/cases/${h.caseId}`} className="case-code">{h.case.code}</Link>
      </h2>
      <HandoffBadges h={h} />
      <dl className="facts">
        <div><dt>{t('inbox.child')}</dt><dd>{t('inbox.childText', { name: h.case.child.firstName ?? '—', age, sex: label('sex', h.case.child.sex) })}</dd></div>
        <div><dt>{t('case.commune')}</dt><dd>{h.case.communeName}</dd></div>
        <div><dt>{t('case.types')}</dt><dd>{h.case.incidentTypes.map((a) => label('abuse', a)).join(', ')}</dd></div>
        <div className="wide"><dt>{t('handoff.instructionsLabel')}</dt><dd className="prose">{h.instructions}</dd></div>
        <HandoffExtraFacts h={h} />
        {h.outcome && <div className="wide"><dt>{t('handoff.outcome')}</dt><dd className="prose">{h.outcome}</dd></div>}
        {h.reason && <div className="wide"><dt>{t('handoff.reason')}</dt><dd className="prose">{h.reason}</dd></div>}
      </dl>
      <ul className="deadlines">
        {h.deadlines.filter((d) => d.status !== 'cancelled').map((d) => (
          <li key={d.id}>
            <strong>{lang === 'vi' ? d.titleVi : d.titleEn}</strong>: {dateTime(d.dueAt)}
            {running && (d.status === 'pending' || d.status === 'breached') ? <> · <Countdown dueAt={d.dueAt} /></> : <> · {label('deadlineStatus', d.status)}</>}
          </li>
        ))}
      </ul>
      <HandoffAttachments handoffId={h.id} canAdd={h.state !== 'declined' && h.state !== 'cancelled'} />
      <ErrorNotice error={cmd.error} onReload={onReload} states="handoffState" />
      {pending && <KeptSteps id={pendingId} kept={kept} pending={pending} />}
      <div className="actions">
        {steps.map((a) => (
          // The procedure status has a form of its own (a status, a date, a reference, a note); a reason or an outcome a text.
          a === 'RECORD_PROCEDURE_STATUS' || hasText(a)
            ? (
              <button key={a} type="button" className="secondary" aria-expanded={open === a} aria-controls={`${h.id}-${a}`}
                aria-describedby={pending ? pendingId : undefined} onClick={() => { setOpen(open === a ? null : a); cmd.clear(); }}>{label('event', a)}</button>
            )
            : <button key={a} type="button" disabled={cmd.busy} aria-describedby={pending ? pendingId : undefined} onClick={() => void act(a)}>{label('event', a)}</button>
        ))}
      </div>
      <PdfActions path={`/handoffs/${h.id}/document`} filename={`${h.case.code}-${h.kind}.pdf`}
        what={`${label('handoffKind', h.kind)} ${h.case.code}`} viewLabel={t('handoff.printSheet')} downloadLabel={null} />
      {open === 'RECORD_PROCEDURE_STATUS' && (
        <ProcedureStatusForm h={ref} onCancel={() => setOpen(null)} onDone={done} onQueued={waiting(open)} />
      )}
      {open && open !== 'RECORD_PROCEDURE_STATUS' && hasText(open) && (
        <HandoffTextStep key={open} h={ref} step={open} onDone={done} onQueued={waiting(open)} onReload={onReload} onCancel={() => setOpen(null)} />
      )}
    </li>
  );
}
