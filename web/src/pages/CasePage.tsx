/**
 * One case: what is known, what is due, who else works on it, what happened, and what to do next;
 * the child's record and earlier cases, the communes of the case and its transfers between them.
 */
import { useEffect, useRef, useState } from 'react';
import { CASE_MANAGER_ROLES, useUser } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { HandoffBadges } from '../components/HandoffBadges';
import { HandoffExtraFacts } from '../components/HandoffExtras';
import { HandoffTextStep, KeptSteps, useHandoffView } from '../components/HandoffSteps';
import { Badge, Countdown, Loading, PageTitle, Status } from '../components/bits';
import { useNow } from '../hooks';
import { useApi, useCommuneName } from '../query';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { legalBasisText } from '../format';
import type { CaseDetail, Deadline, Handoff, TimelineItem } from '../api/types';
import { ChildLinks } from './case/ChildLinks';
import { CommunesSection } from './case/Communes';
import { DecisionsSection } from './case/Decisions';
import { SeparationsSection } from './case/Separations';
import { EventActions, orderedEvents } from './case/EventActions';
import { named, useWorkflow } from '../workflows';
import { HandoffForm } from './case/HandoffForm';
import { Timeline } from './case/Timeline';
import { ReportFacts } from './case/Report';
import { CaseDocuments, PrintPageButton } from './case/Documents';
import { CaseAttachments } from './case/Attachments';
import { UrgentReportsSection } from './case/UrgentReports';
import { FlagsSection } from './case/Flags';
import { LegalHoldSection } from './case/LegalHold';

const OPEN_HANDOFF = ['offered', 'accepted', 'in_progress'];

export function CasePage({ id }: { id: string }) {
  const user = useUser();
  const { t, label, dateTime, date } = useI18n();
  const detail = useApi<CaseDetail>(`/cases/${id}`);
  const timeline = useApi<{ items: TimelineItem[] }>(`/cases/${id}/timeline`);
  const [status, setStatus] = useState<string | null>(null);
  const timelineHeading = useRef<HTMLHeadingElement>(null);
  const communeName = useCommuneName();

  const reload = () => {
    setStatus(null);
    detail.reload();
    timeline.reload();
  };
  const resultRef = useRef<HTMLDivElement>(null);
  /** A step's result, said and shown: scrolled to and focused once the page has re-rendered. */
  const showResult = (message: string) => {
    setStatus(message);
    requestAnimationFrame(() => {
      resultRef.current?.scrollIntoView({ block: 'nearest' });
      resultRef.current?.focus({ preventScroll: true });
    });
  };
  const showChanges = () => {
    reload();
    timelineHeading.current?.scrollIntoView({ block: 'start' });
    timelineHeading.current?.focus({ preventScroll: true });
  };


  const c = detail.data;
  // A link to a part of the case (the approvals list's "decide": #actions-h) lands there once it is shown.
  const loaded = c !== null;
  useEffect(() => {
    if (!loaded || !window.location.hash) return;
    const target = document.getElementById(window.location.hash.slice(1));
    target?.scrollIntoView({ block: 'start' });
  }, [loaded]);
  if (!c) {
    return (
      <>
        <PageTitle title={t('nav.cases')}>{t('nav.cases')}</PageTitle>
        {detail.loading ? <Loading /> : (
          <>
            <ErrorNotice error={detail.error} onReload={detail.reload} />
            <p><Link to="/">{t('common.home')}</Link></p>
          </>
        )}
      </>
    );
  }

  const needToKnow = c.child.fullName === undefined;
  const manager = CASE_MANAGER_ROLES.includes(user.role) && !needToKnow && c.state !== 'closed';
  return (
    <>
      <PageTitle title={t('case.title', { code: c.code })}>{t('case.title', { code: c.code })}</PageTitle>
      <CaseHead c={c} />
      {c.overdue && <p className="notice notice-error">{t('case.overdueBanner')}</p>}
      {c.repeat && (
        <p className="notice notice-warn">{t('case.repeatOf')} <Link to={`/cases/${c.repeat.ofCaseId}`}>{c.repeat.code}</Link>.</p>
      )}
      {needToKnow && <p className="notice">{t('case.needToKnow')}</p>}
      <ErrorNotice error={detail.error} onReload={reload} />
      <PrintPageButton />

      <section aria-labelledby="summary-h" className="card">
        <h2 id="summary-h">{t('case.summary')}</h2>
        <dl className="facts">
          <div><dt>{t('case.state')}</dt><dd>{label('state', c.state)}</dd></div>
          {c.assignee !== undefined && <div><dt>{t('case.assignee')}</dt><dd>{c.assignee?.fullName ?? t('case.noAssignee')}</dd></div>}
          <div><dt>{t('case.risk')}</dt><dd>{c.riskLevel ? label('risk', c.riskLevel) : t('case.riskUnknown')}</dd></div>
          {c.channel && <div><dt>{t('case.channel')}</dt><dd>{label('channel', c.channel)}</dd></div>}
          <div><dt>{t('case.received')}</dt><dd>{dateTime(c.receivedAt)}</dd></div>
          <div><dt>{t('case.commune')}</dt><dd>{communeName(c.communeCode)}</dd></div>
          {c.outcome && <div><dt>{t('case.outcome')}</dt><dd>{label('outcome', c.outcome)}</dd></div>}
          <div><dt>{t('case.version')}</dt><dd>{c.version}</dd></div>
        </dl>
      </section>

      <CommunesSection c={c} onReload={reload} onChanged={(message) => {
        reload();
        setStatus(message);
      }} />

      <section aria-labelledby="actions-h" className="card">
        <h2 id="actions-h">{t('case.actions')}</h2>
        {/* Where each step's result shows, and where focus lands after it (never on <body>). */}
        <div ref={resultRef} tabIndex={-1} className="step-result"><Status message={status} /></div>
        {/* A new version means any open form was based on what is no longer there: start afresh. */}
        <EventActions key={c.version} c={c} onReload={reload} onShowChanges={showChanges}
          onApplied={(next, type) => {
            detail.set(next);
            timeline.reload();
            showResult(t('case.saved', { event: label('event', type) }));
          }}
          onQueued={(type) => showResult(t('outbox.queuedEvent', { event: label('event', type) }))} />
        {manager && (
          <HandoffForm c={c} onReload={reload} onShowChanges={showChanges}
            onCreated={(h) => {
              reload();
              showResult(t('handoff.created', { agency: h.agency.name }));
            }} />
        )}
        {needToKnow && <p><Link to="/inbox">{t('nav.inbox')}</Link></p>}
      </section>

      {!needToKnow && <SeparationsSection c={c} />}

      <DecisionsSection c={c} />

      <UrgentReportsSection c={c} />

      <FlagsSection c={c} />

      <LegalHoldSection c={c} onChanged={reload} />

      <section aria-labelledby="deadlines-h" className="card">
        <h2 id="deadlines-h">{t('case.deadlines')}</h2>
        <Deadlines deadlines={c.deadlines} />
      </section>

      <section aria-labelledby="handoffs-h" className="card">
        <h2 id="handoffs-h">{t('case.handoffs')}</h2>
        {c.handoffs.length === 0 ? <p className="muted">{t('case.noHandoffs')}</p> : (
          <ul className="cards">{c.handoffs.map((h) => <HandoffCard key={h.id} h={h} c={c} onChanged={reload} />)}</ul>
        )}
      </section>

      <CaseAttachments c={c} />

      <section aria-labelledby="child-h" className="card">
        <h2 id="child-h">{t('case.child')}</h2>
        <dl className="facts">
          {needToKnow
            ? <div><dt>{t('case.firstName')}</dt><dd>{c.child.firstName ?? '—'}</dd></div>
            : <div><dt>{t('case.name')}</dt><dd>{c.child.fullName ?? t('cases.unnamed')}</dd></div>}
          <div><dt>{t('case.sex')}</dt><dd>{label('sex', c.child.sex)}</dd></div>
          <div><dt>{t('case.age')}</dt><dd>{c.child.ageYears ?? '—'}</dd></div>
          {c.child.dateOfBirth && <div><dt>{t('case.dob')}</dt><dd>{date(c.child.dateOfBirth)}</dd></div>}
          {c.child.address && <div><dt>{t('case.address')}</dt><dd>{c.child.address}</dd></div>}
        </dl>
        <ChildLinks c={c} manager={manager} onReload={reload} onRelinked={() => {
          reload();
          setStatus(t('case.relinked'));
        }} />
        <ReportFacts c={c} />
      </section>

      {!needToKnow && <CaseDocuments c={c} />}
      <section aria-labelledby="timeline-h" className="card">
        <h2 id="timeline-h" ref={timelineHeading} tabIndex={-1}>{t('case.timeline')}</h2>
        <p className="muted">{t('case.timelineOrder')}</p>
        <ErrorNotice error={timeline.error} onReload={timeline.reload} />
        {timeline.data ? <Timeline items={timeline.data.items} deadlines={c.deadlines} workflow={{ name: c.workflow, version: c.workflowVersion }} /> : timeline.loading && <Loading />}
      </section>
    </>
  );
}

/**
 * What next, by when: the child, the stage, the deadline the next step settles (the case's own
 * earliest unsettled one) with its countdown, and the step recommended now.
 */
function CaseHead({ c }: { c: CaseDetail }) {
  const { t, label, lang, dateTime } = useI18n();
  const def = useWorkflow(c.workflow, c.workflowVersion);
  const next = nextDeadline(c.deadlines);
  const recommended = def ? orderedEvents(c, def).recommended : null;
  const now = useNow();
  const late = next !== null && new Date(next.dueAt).getTime() < now;
  const child = c.child.fullName === undefined ? c.child.firstName : c.child.fullName;
  return (
    <section className={`case-head${late ? ' is-late' : ''}`} aria-label={t('case.headLabel')}>
      <p className="child">{child ?? t('cases.unnamed')}{c.child.ageYears !== null && <span className="muted"> · {t('case.ageYears', { n: c.child.ageYears })}</span>}</p>
      <div className="badges">
        <Badge tone="info">{label('state', c.state)}</Badge>
        {c.overdue && <Badge tone="danger">{t('cases.overdue')}</Badge>}
        {c.immediateDanger && <Badge tone="danger">{t('case.immediateDanger')}</Badge>}
        {c.escalationLevel > 1 && <Badge tone="warn">{t('cases.escalation', { n: c.escalationLevel })}</Badge>}
      </div>
      {next && (
        <p>
          {t('case.nextDue')}: <strong>{lang === 'vi' ? next.titleVi : next.titleEn}</strong> — <Countdown dueAt={next.dueAt} />
          <span className="muted"> ({dateTime(next.dueAt)})</span>
        </p>
      )}
      {recommended && def && (
        <p className="next-step">{t('case.nextStep')}: <a href="#actions-h">{named(def.events[recommended], lang)}</a></p>
      )}
    </section>
  );
}

/** The case's own earliest deadline not yet met (late ones included); handoffs' deadlines are the agencies'. */
function nextDeadline(deadlines: Deadline[]): Deadline | null {
  return deadlines.filter((d) => d.handoffId === null && (d.status === 'pending' || d.status === 'breached'))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0] ?? null;
}

function Deadlines({ deadlines }: { deadlines: Deadline[] }) {
  const { t, label, lang, dateTime } = useI18n();
  if (!deadlines.length) return <p className="muted">{t('case.noDeadlines')}</p>;
  // Running ones first, soonest first; then the settled ones.
  const sorted = [...deadlines].sort((a, b) =>
    Number(b.status === 'pending' || b.status === 'breached') - Number(a.status === 'pending' || a.status === 'breached') ||
    a.dueAt.localeCompare(b.dueAt));
  return (
    <ul className="deadlines">
      {sorted.map((d) => {
        const running = d.status === 'pending' || d.status === 'breached';
        const tone = d.status === 'breached' ? 'danger' : d.status === 'met_late' ? 'warn' : d.status === 'met' ? 'ok' : 'plain';
        return (
          <li key={d.id} className={running ? '' : 'settled'}>
            <div className="dl-head">
              <strong>{lang === 'vi' ? d.titleVi : d.titleEn}</strong>
              <Badge tone={tone}>{label('deadlineStatus', d.status)}</Badge>
            </div>
            <div>
              {t('case.due')}: {dateTime(d.dueAt)}
              {running && <> · <Countdown dueAt={d.dueAt} /></>}
            </div>
            <div className="muted small">{t('case.legalBasis')}: {legalBasisText(d.legalBasis, lang)}</div>
          </li>
        );
      })}
    </ul>
  );
}

/** A handoff on the case's page; the commune's staff may withdraw it (without a connection too: it waits in the outbox). */
function HandoffCard({ h, c, onChanged }: { h: Handoff; c: CaseDetail; onChanged(): void }) {
  const { t, label, dateTime } = useI18n();
  const open = OPEN_HANDOFF.includes(h.state);
  const [cancelling, setCancelling] = useState(false);
  const [queued, setQueued] = useState(false);
  const ref = { ...h, caseId: c.id, caseCode: c.code, allowedActions: h.allowedActions ?? [] };
  // A withdrawal kept on the device: the handoff as it will leave it (no second withdrawal offered).
  const { kept, pending, steps } = useHandoffView(ref);
  return (
    <li className={`case-card${h.overdue ? ' is-overdue' : ''}`}>
      <div className="case-card-head">
        <strong>{label('handoffKind', h.kind)}</strong>
        <span>{h.agency.name}</span>
      </div>
      <HandoffBadges h={h} />
      <dl className="facts">
        <div><dt>{t('handoff.due')}</dt><dd>{dateTime(h.dueAt)}{open && <> · <Countdown dueAt={h.dueAt} /></>}</dd></div>
        <div className="wide"><dt>{t('handoff.instructionsLabel')}</dt><dd className="prose">{h.instructions}</dd></div>
        <HandoffExtraFacts h={h} />
        {h.outcome && <div className="wide"><dt>{t('handoff.outcome')}</dt><dd className="prose">{h.outcome}</dd></div>}
        {h.reason && <div className="wide"><dt>{t('handoff.reason')}</dt><dd className="prose">{h.reason}</dd></div>}
      </dl>
      {queued && <p className="notice" role="status">{t('outbox.queuedEvent', { event: label('event', 'CANCEL') })}</p>}
      {pending && <KeptSteps id={`${h.id}-pending`} kept={kept} pending={pending} />}
      {steps.includes('CANCEL') && (!cancelling ? (
        <p className="actions">
          <button type="button" className="secondary" aria-controls={`${h.id}-CANCEL`} aria-expanded={false}
            onClick={() => { setCancelling(true); setQueued(false); }}>{label('event', 'CANCEL')}</button>
        </p>
      ) : (
        <HandoffTextStep h={ref} step="CANCEL" onReload={onChanged} onCancel={() => setCancelling(false)}
          onDone={() => { setCancelling(false); onChanged(); }} onQueued={() => { setCancelling(false); setQueued(true); }} />
      ))}
    </li>
  );
}
