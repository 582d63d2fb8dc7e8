/**
 * The registry's children in the caller's scope, found by a forgiving search (a name with or
 * without diacritics or with a typo, parents' names, village, phone, personal id) and filters.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { query } from '../api';
import type { ChildSearchPage, Commune } from '../api/types';
import { Badge, Loading, PageTitle, Pager } from '../components/bits';
import { ChildSummaryFacts, childName } from '../components/ChildSummary';
import { ErrorNotice } from '../components/ErrorNotice';
import { Select, TextInput } from '../components/fields';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { SEXES } from '../labels';
import { Link, navigate, useLocation } from '../router';

const PAGE_SIZE = 20;
const FILTERS = ['q', 'communeCode', 'village', 'sex', 'birthYear'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

export function ChildSearch() {
  const { t, label } = useI18n();
  const { params } = useLocation();
  const current = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Filters;
  const page = Number(params.get('page') ?? '1') || 1;
  const [draft, setDraft] = useState<Filters>(current);
  const { q, communeCode, village, sex, birthYear } = current;
  useEffect(() => setDraft({ q, communeCode, village, sex, birthYear }), [q, communeCode, village, sex, birthYear]);

  const communes = useApi<{ items: Commune[] }>('/directory/communes');
  const list = useApi<ChildSearchPage>(`/children${query({ ...current, page, pageSize: PAGE_SIZE })}`);
  const go = (next: Filters, p: number) => navigate(`/children${query({ ...next, page: p > 1 ? p : undefined })}`);
  const set = (k: keyof Filters) => (v: string) => setDraft({ ...draft, [k]: v });

  const apply = (e: FormEvent) => {
    e.preventDefault();
    go({ ...draft, q: draft.q.trim(), village: draft.village.trim(), birthYear: draft.birthYear.trim() }, 1);
  };

  return (
    <>
      <PageTitle title={t('children.title')}>{t('children.title')}</PageTitle>
      <form className="filters" onSubmit={apply} role="search">
        <TextInput name="q" label={t('children.q')} type="search" value={draft.q} onChange={set('q')} autoComplete="off" />
        <Select name="communeCode" label={t('children.commune')} value={draft.communeCode} onChange={set('communeCode')} placeholder={t('common.all')}
          options={(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))} />
        <TextInput name="village" label={t('child.village')} value={draft.village} onChange={set('village')} />
        <Select name="sex" label={t('case.sex')} value={draft.sex} onChange={set('sex')} placeholder={t('common.all')}
          options={SEXES.map((s) => ({ value: s, label: label('sex', s) }))} />
        <TextInput name="birthYear" label={t('children.birthYear')} type="number" inputMode="numeric" min={1900} value={draft.birthYear}
          onChange={set('birthYear')} />
        <button type="submit">{t('common.apply')}</button>
      </form>

      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data?.totalCapped && <p className="notice">{t('children.capped')}</p>}
      {list.data && (list.data.items.length === 0 ? <p className="muted">{t('children.none')}</p> : (
        <ul className="cards">
          {list.data.items.map((c) => (
            <li key={c.id} className="case-card">
              <div className="case-card-head">
                <Link to={`/children/${c.id}`} className="case-code">{childName(c, t)}</Link>
                {c.score !== null && <Badge tone="plain">{t('children.score', { n: c.score })}</Badge>}
              </div>
              <ChildSummaryFacts c={c} />
              {c.matched.length > 0 && (
                <p className="small muted">{t('children.matched', { list: c.matched.map((m) => label('matched', m)).join(', ') })}</p>
              )}
            </li>
          ))}
        </ul>
      ))}
      {list.data && <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={(p) => go(current, p)} />}
    </>
  );
}
