/**
 * Plans and closure proposals waiting for a decision. The chair decides plans; closures are the
 * chair's, or a supervisor's for reports found unfounded. The case page offers the decision itself.
 */
import { useUser } from '../auth';
import { CaseCard } from '../components/CaseCard';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading, PageTitle } from '../components/bits';
import { useApi } from '../hooks';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import type { CaseListItem, Page } from '../api/types';

export function Approvals() {
  const user = useUser();
  const { t } = useI18n();
  return (
    <>
      <PageTitle title={t('approvals.title')}>{t('approvals.title')}</PageTitle>
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
        : <ul className="cards">{list.data.items.map((c) => <CaseCard key={c.id} c={c} />)}</ul>)}
    </section>
  );
}
