/**
 * Cases in the caller's scope, overdue first, then by next deadline. A social worker starts on
 * "my cases", with the commune's new, unassigned reports above them so none waits unseen.
 * Filters (stage, risk, abuse type, age group, village, dates, flags, assignee) fold away on a
 * phone; a supervisor selects cases and reassigns them in one go.
 */
import { useState } from 'react';
import { api, query } from '../api';
import { useUser } from '../auth';
import { BulkReassign } from '../components/BulkReassign';
import { CaseCard } from '../components/CaseCard';
import { CaseFilters, FILTER_KEYS, type Filters } from '../components/CaseFilters';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading, PageTitle, Pager, Status } from '../components/bits';
import { Select } from '../components/fields';
import { queryClient, useApi } from '../query';
import { useI18n } from '../i18n';
import { navigate, useLocation } from '../router';
import type { BulkReassignResult, CaseListItem, DirectoryUser, Page, Role, User } from '../api/types';

const PAGE_SIZE = 20;
const PARTNERS = ['police', 'health', 'education', 'legal_aid', 'social_work_center'];
const STAFF: readonly Role[] = ['social_worker', 'supervisor', 'chair', 'auditor'];

/** What the list shows for `user` at `params` (the address's), and the paths of the three requests behind it (null: not made). */
function listRequests(user: User, params: URLSearchParams) {
  const worker = user.role === 'social_worker';
  const view = params.get('view') === 'all' || !worker ? 'all' : 'mine';
  const filters = Object.fromEntries([...FILTER_KEYS, 'q'].map((k) => [k, params.get(k) ?? ''])) as Filters;
  if (view === 'mine') filters.assignee = '';
  const page = Number(params.get('page') ?? '1') || 1;
  const list = `/cases${query({ ...filters, assignee: view === 'mine' ? 'me' : filters.assignee || undefined, page, pageSize: PAGE_SIZE })}`;
  const fresh = view === 'mine' ? '/cases?state=received&assignee=none&pageSize=100' : null;
  const workers = STAFF.includes(user.role) && view === 'all'
    ? `/directory/users${query({ communeCode: user.communeCode ?? undefined, role: 'social_worker' })}` : null;
  return { worker, view, filters, page, paths: { list, fresh, workers } };
}

/**
 * Fetches what the list at `params` shows into the query cache, as the sign-in answers: the
 * requests go out with the rendering of the signed-in frame, not after it.
 */
export function prefetchCaseList(user: User, params: URLSearchParams): void {
  for (const path of Object.values(listRequests(user, params).paths)) {
    if (path) void queryClient.prefetchQuery({ queryKey: [path], queryFn: ({ signal }) => api(path, { signal }) });
  }
}

export function CaseList() {
  const user = useUser();
  const { t, serverText } = useI18n();
  const { params } = useLocation();
  const { worker, view, filters, page, paths } = listRequests(user, params);
  const supervisor = user.role === 'supervisor';
  const [selected, setSelected] = useState<Map<string, CaseListItem>>(new Map());
  const [outcome, setOutcome] = useState<BulkReassignResult | null>(null);

  const go = (next: Partial<Filters> & { page?: number }) =>
    navigate(`/cases${query({ view: worker && view === 'all' ? 'all' : undefined, ...filters, page, ...next })}`);

  const list = useApi<Page<CaseListItem>>(paths.list);
  const fresh = useApi<Page<CaseListItem>>(paths.fresh);
  const unassigned = fresh.data?.items ?? [];
  const workers = useApi<{ items: DirectoryUser[] }>(paths.workers);
  const workerOptions = (workers.data?.items ?? []).map((u) => ({ value: u.id, label: u.fullName }));

  const toggle = (c: CaseListItem) => (on: boolean) => setSelected((s) => {
    const next = new Map(s);
    if (on) next.set(c.id, c);
    else next.delete(c.id);
    return next;
  });
  const reassigned = (r: BulkReassignResult) => {
    setOutcome(r);
    setSelected(new Map());
    list.reload();
  };
  const codeOf = (id: string) => list.data?.items.find((c) => c.id === id)?.code ?? id;
  const card = (c: CaseListItem) => (
    <CaseCard key={c.id} c={c} select={supervisor ? { checked: selected.has(c.id), onChange: toggle(c) } : undefined} />
  );

  const title = view === 'mine' ? t('cases.title.mine') : t('cases.title.all');
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      {worker && (
        <div className="filters">
          <Select name="view" label={t('cases.view')} value={view}
            onChange={(v) => navigate(`/cases${query({ view: v === 'all' ? 'all' : undefined })}`)}
            options={[{ value: 'mine', label: t('cases.view.mine') }, { value: 'all', label: t('cases.view.all') }]} />
        </div>
      )}
      <CaseFilters value={filters} onApply={(f) => go({ ...f, page: 1 })} assignees={paths.workers ? workerOptions : null}
        partner={PARTNERS.includes(user.role)} />

      {supervisor && selected.size > 0 && (
        <BulkReassign selected={[...selected.values()]} workers={workerOptions} onDone={reassigned} onClear={() => setSelected(new Map())} />
      )}
      <Status message={outcome ? t('bulk.done', { ok: outcome.reassigned, failed: outcome.failed }) : null} />
      {outcome && outcome.failed > 0 && (
        <ul className="notice notice-error bulk-failures">
          {outcome.results.filter((r) => r.status !== 200).map((r) => (
            <li key={r.caseId}>{codeOf(r.caseId)}: {r.message ? serverText(r.message) : r.status}</li>
          ))}
        </ul>
      )}

      {view === 'mine' && unassigned.length > 0 && (
        <section aria-labelledby="unassigned-h">
          <h2 id="unassigned-h">{t('cases.unassigned')} ({unassigned.length})</h2>
          <ul className="cards">{unassigned.map(card)}</ul>
        </section>
      )}

      <section aria-labelledby={view === 'mine' ? 'list-h' : 'page-h'}>
        {view === 'mine' && <h2 id="list-h">{t('cases.assignedToMe')}</h2>}
        <ErrorNotice error={list.error} onReload={list.reload} />
        {list.loading && !list.data && <Loading />}
        {list.data && (list.data.items.length === 0
          ? <p className="muted">{t('cases.none')}</p>
          : <ul className="cards">{list.data.items.map(card)}</ul>)}
        {list.data && <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={(p) => go({ page: p })} />}
      </section>
    </>
  );
}
