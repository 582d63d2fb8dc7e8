/**
 * The case list's filters: the search always in sight, the rest folded under "Bộ lọc" (open on a
 * wide screen, closed on a phone so the first case stays on the first screen) with how many apply.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { abuseTypeValues, caseStateValues, flagReasonValues, riskLevelValues } from '../api/schema.gen';
import { useI18n } from '../i18n';
import { Checkbox, Select, TextInput } from './fields';

export const FILTER_KEYS = ['state', 'overdue', 'risk', 'abuseType', 'ageGroup', 'village', 'receivedFrom', 'receivedTo', 'flagged', 'flag', 'assignee'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Record<FilterKey | 'q', string>;

const wide = () => typeof window !== 'undefined' && window.matchMedia('(min-width: 48rem)').matches;

export function CaseFilters({ value, onApply, assignees, partner }: {
  value: Filters;
  onApply(f: Filters): void;
  /** Who a supervisor may narrow to (null: no assignee filter, e.g. a worker's "my cases"). */
  assignees: Array<{ value: string; label: string }> | null;
  /** Partner agencies may not filter by the child's village or age. */
  partner: boolean;
}) {
  const { t, label } = useI18n();
  const [draft, setDraft] = useState<Filters>(value);
  const key = JSON.stringify(value);
  useEffect(() => setDraft(JSON.parse(key) as Filters), [key]);
  const active = FILTER_KEYS.filter((k) => value[k] !== '').length;
  const [open, setOpen] = useState(() => wide());
  const set = (k: keyof Filters) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, q: draft.q.trim(), village: draft.village.trim() });
  };
  const clear = () => onApply(Object.fromEntries([...FILTER_KEYS, 'q'].map((k) => [k, ''])) as Filters);

  return (
    <form className="case-filters" onSubmit={apply} role="search">
      <div className="filter-line">
        <TextInput name="q" label={t('cases.search')} type="search" value={draft.q} onChange={set('q')} />
        <button type="submit">{t('common.apply')}</button>
      </div>
      <details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{t('filters.toggle')}{active > 0 && <> · {t('filters.active', { n: active })}</>}</summary>
        <p className="muted small">{t('cases.searchHint')}</p>
        <div className="filters">
          <Select name="state" label={t('cases.state')} value={draft.state} onChange={set('state')} placeholder={t('common.all')}
            options={caseStateValues.map((s) => ({ value: s, label: label('state', s) }))} />
          <Select name="risk" label={t('filters.risk')} value={draft.risk} onChange={set('risk')} placeholder={t('common.all')}
            options={riskLevelValues.map((r) => ({ value: r, label: label('risk', r) }))} />
          <Select name="abuseType" label={t('filters.abuseType')} value={draft.abuseType} onChange={set('abuseType')} placeholder={t('common.all')}
            options={abuseTypeValues.map((a) => ({ value: a, label: label('abuse', a) }))} />
          {!partner && (
            <>
              <Select name="ageGroup" label={t('filters.ageGroup')} value={draft.ageGroup} onChange={set('ageGroup')} placeholder={t('common.all')}
                options={[{ value: 'under_16', label: t('filters.under16') }, { value: '16_17', label: t('filters.age1617') }]} />
              <TextInput name="village" label={t('filters.village')} value={draft.village} onChange={set('village')} maxLength={200} />
            </>
          )}
          <TextInput name="receivedFrom" label={t('filters.receivedFrom')} type="date" value={draft.receivedFrom} onChange={set('receivedFrom')} />
          <TextInput name="receivedTo" label={t('filters.receivedTo')} type="date" value={draft.receivedTo} onChange={set('receivedTo')}
            min={draft.receivedFrom || undefined} />
          {!partner && (
            <Select name="flag" label={t('filters.flagged')} value={draft.flag || draft.flagged} placeholder={t('common.all')}
              onChange={(v) => setDraft((d) => (v === 'true' || v === 'false' || v === '' ? { ...d, flagged: v, flag: '' } : { ...d, flag: v, flagged: '' }))}
              options={[{ value: 'true', label: t('filters.flaggedYes') }, { value: 'false', label: t('filters.flaggedNo') },
                ...flagReasonValues.map((r) => ({ value: r, label: label('flagReason', r) }))]} />
          )}
          <Checkbox name="overdue" label={t('cases.overdueOnly')} checked={draft.overdue === 'true'} onChange={(v) => set('overdue')(v ? 'true' : '')} />
          {assignees && (
            <Select name="assignee" label={t('filters.assignee')} value={draft.assignee} onChange={set('assignee')} placeholder={t('common.all')}
              options={[{ value: 'none', label: t('filters.assigneeNone') }, ...assignees]} />
          )}
        </div>
        {active > 0 && <p className="actions"><button type="button" className="secondary" onClick={clear}>{t('filters.clear')}</button></p>}
      </details>
    </form>
  );
}
