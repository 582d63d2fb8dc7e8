/**
 * Plans and closure proposals waiting for a decision. The chair decides plans; closures are the
 * chair's, or a supervisor's for reports found unfounded. Each item says what was submitted (its
 * first fields), who submitted it and how long it has waited; the case page shows it in full and
 * takes the decision, confirmed. Proposed separations of the child (12 hours to decide) are shown
 * to the chair in full here, each deciding form asking to confirm having read it all.
 */
import { useUser } from '../auth';
import { CaseCard } from '../components/CaseCard';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading, PageTitle } from '../components/bits';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { Link } from '../router';
import { named, useWorkflow } from '../workflows';
import type { CaseDetail, CaseListItem, Page, Separation, TimelineItem } from '../api/types';
import { ProposedBy, SubmittedSummary, submittedForDecision } from './case/DecisionReview';
import { SeparationCard } from './case/Separations';

export function Approvals() {
  const user = useUser();
  const { t } = useI18n();
  return (
    <>
      <PageTitle title={t('approvals.title')}>{t('approvals.title')}</PageTitle>
      {user.role === 'chair' && <ProposedSeparations />}
      {user.role === 'chair' && <Waiting state="awaiting_plan_approval" title="approvals.plans" />}
      {user.role === 'supervisor' && <p>{t('approvals.supervisorNote')}</p>}
      <Waiting state="awaiting_closure_approval" title="approvals.closures" />
    </>
  );
}

function Waiting({ state, title }: { state: string; title: MessageKey }) {
  const { t } = useI18n();
  const list = useApi<Page<CaseListItem>>(`/cases?state=${state}&pageSize=100`);
  return (
    <section aria-labelledby={`${state}-h`}>
      <h2 id={`${state}-h`}>{t(title)}{list.data ? ` (${list.data.total})` : ''}</h2>
      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.items.length === 0
        ? <p className="muted">{t('approvals.none')}</p>
        : <ul className="cards">{list.data.items.map((c) => <CaseCard key={c.id} c={c}><Submitted c={c} /></CaseCard>)}</ul>)}
    </section>
  );
}

/** Separations proposed on the caller's cases, oldest waiting last, each in full with its decision. */
function ProposedSeparations() {
  const { t } = useI18n();
  const list = useApi<Page<Separation>>('/separations?status=proposed&pageSize=100');
  return (
    <section aria-labelledby="separations-waiting-h">
      <h2 id="separations-waiting-h">{t('approvals.separations')}{list.data ? ` (${list.data.total})` : ''}</h2>
      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.items.length === 0
        ? <p className="muted">{t('approvals.none')}</p>
        : list.data.items.map((s) => (
          <div key={s.id} className="card">
            <p><Link to={`/cases/${s.caseId}#separations-h`}>{t('approvals.separationOf', { code: s.caseCode, child: s.childName ?? '—' })}</Link></p>
            <ul className="plain"><SeparationCard s={s} onChanged={list.reload} /></ul>
          </div>
        )))}
    </section>
  );
}

/** What the case is waiting on: the event that brought it to its state, summarised. */
function Submitted({ c }: { c: CaseListItem }) {
  const { t, lang } = useI18n();
  // The case's workflow version names the submitted event's fields.
  const detail = useApi<CaseDetail>(`/cases/${c.id}`);
  const timeline = useApi<{ items: TimelineItem[] }>(`/cases/${c.id}/timeline`);
  const submitted = timeline.data ? submittedForDecision(timeline.data.items, c.state) : undefined;
  const def = useWorkflow(detail.data?.workflow ?? '', detail.data?.workflowVersion ?? 0);
  const contract = submitted?.type ? def?.events[submitted.type] : undefined;
  return (
    <div className="submitted">
      <ErrorNotice error={detail.error ?? timeline.error} onReload={() => { detail.reload(); timeline.reload(); }} />
      {submitted && contract && (
        <>
          <p><strong>{named(contract, lang)}</strong></p>
          <ProposedBy item={submitted} />
          <SubmittedSummary fields={contract.fields} data={submitted.data ?? {}} />
        </>
      )}
      <p className="actions"><Link to={`/cases/${c.id}#actions-h`} className="button">{t('approvals.open', { code: c.code })}</Link></p>
    </div>
  );
}
