/**
 * Cases in the caller's scope, overdue first, then by next deadline. A social worker starts on
 * "my cases", with the commune's new, unassigned reports above them so none waits unseen.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { query } from '../api';
import { useUser } from '../auth';
import { CaseCard } from '../components/CaseCard';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading, PageTitle, Pager } from '../components/bits';
import { Checkbox, Select, TextInput } from '../components/fields';
import { useApi } from '../hooks';
import { useI18n } from '../i18n';
import { caseStateValues as CASE_STATES } from '../api/schema.gen';
import { navigate, useLocation } from '../router';
import type { CaseListItem, Page } from '../api/types';

const PAGE_SIZE = 20;

export function CaseList() {
  const user = useUser();
  const { t, label } = useI18n();
  const { params } = useLocation();
  const worker = user.role === 'social_worker';
  const view = params.get('view') === 'all' || !worker ? 'all' : 'mine';
  const state = params.get('state') ?? '';
  const overdue = params.get('overdue') === 'true';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;

  const [draft, setDraft] = useState({ state, overdue, q });
  useEffect(() => setDraft({ state, overdue, q }), [state, overdue, q]);
  const go = (next: Record<string, string | number | boolean | undefined>) =>
    navigate(`/cases${query({ view: worker && view === 'all' ? 'all' : undefined, state, overdue: overdue || undefined, q, page, ...next })}`);

  const list = useApi<Page<CaseListItem>>(`/cases${query({
    assignee: view === 'mine' ? 'me' : undefined, state, overdue: overdue || undefined, q, page, pageSize: PAGE_SIZE,
  })}`);
  const fresh = useApi<Page<CaseListItem>>(view === 'mine' ? '/cases?state=received&pageSize=100' : null);
  const unassigned = (fresh.data?.items ?? []).filter((c) => c.assigneeId === null);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    go({ state: draft.state, overdue: draft.overdue || undefined, q: draft.q.trim(), page: 1 });
  };

  const title = view === 'mine' ? t('cases.title.mine') : t('cases.title.all');
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <form className="filters" onSubmit={apply} role="search">
        {worker && (
          <Select name="view" label={t('cases.view')} value={view}
            onChange={(v) => navigate(`/cases${query({ view: v === 'all' ? 'all' : undefined })}`)}
            options={[{ value: 'mine', label: t('cases.view.mine') }, { value: 'all', label: t('cases.view.all') }]} />
        )}
        <Select name="state" label={t('cases.state')} value={draft.state} onChange={(v) => setDraft({ ...draft, state: v })}
          options={CASE_STATES.map((s) => ({ value: s, label: label('state', s) }))} placeholder={t('common.all')} />
        <TextInput name="q" label={t('cases.search')} hint={t('cases.searchHint')} type="search" value={draft.q} onChange={(v) => setDraft({ ...draft, q: v })} />
        <Checkbox name="overdue" label={t('cases.overdueOnly')} checked={draft.overdue} onChange={(v) => setDraft({ ...draft, overdue: v })} />
        <button type="submit">{t('common.apply')}</button>
      </form>

      {view === 'mine' && unassigned.length > 0 && (
        <section aria-labelledby="unassigned-h">
          <h2 id="unassigned-h">{t('cases.unassigned')} ({unassigned.length})</h2>
          <ul className="cards">{unassigned.map((c) => <CaseCard key={c.id} c={c} />)}</ul>
        </section>
      )}

      <section aria-labelledby={view === 'mine' ? 'list-h' : 'page-h'}>
        {view === 'mine' && <h2 id="list-h">{t('cases.assignedToMe')}</h2>}
        <ErrorNotice error={list.error} onReload={list.reload} />
        {list.loading && !list.data && <Loading />}
        {list.data && (list.data.items.length === 0
          ? <p className="muted">{t('cases.none')}</p>
          : <ul className="cards">{list.data.items.map((c) => <CaseCard key={c.id} c={c} />)}</ul>)}
        {list.data && <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={(p) => go({ page: p })} />}
      </section>
    </>
  );
}
