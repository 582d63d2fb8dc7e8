/** Supervisors' and the chair's board of everything late: oldest breach first, filterable by stage, agency and worker. */
import { useEffect, useState, type FormEvent } from 'react';
import { query } from '../api';
import { useUser } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading, PageTitle, Pager } from '../components/bits';
import { Select } from '../components/fields';
import { useNow } from '../hooks';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { caseStateValues as CASE_STATES } from '../api/schema.gen';
import { PARTNER_AGENCY_TYPES } from '../labels';
import { Link, navigate, useLocation } from '../router';
import type { Agency, Commune, DirectoryUser, OverdueItem, Page } from '../api/types';

const FILTERS = ['communeCode', 'stage', 'agencyId', 'assigneeId'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

export function OverdueBoard() {
  const user = useUser();
  const { t, label, lang, dateTime, duration, serverText } = useI18n();
  const now = useNow();
  const { params } = useLocation();
  const current = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
  const page = Number(params.get('page') ?? '1') || 1;
  const [draft, setDraft] = useState<Filters>(current);
  const currentKey = JSON.stringify(current);
  useEffect(() => setDraft(JSON.parse(currentKey) as Filters), [currentKey]);

  const board = useApi<Page<OverdueItem>>(`/oversight/overdue${query({ ...current, page, pageSize: 50 })}`);
  const communes = useApi<{ items: Commune[] }>(user.communeCode ? null : '/directory/communes');
  const scope = draft.communeCode || user.communeCode || undefined;
  const agencies = useApi<{ items: Agency[] }>(`/directory/agencies${query({ communeCode: scope })}`);
  const workers = useApi<{ items: DirectoryUser[] }>(`/directory/users${query({ communeCode: scope, role: 'social_worker' })}`);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/oversight${query({ ...draft })}`);
  };
  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <>
      <PageTitle title={t('board.title')}>{t('board.title')}</PageTitle>
      <p>{t('board.intro')}</p>
      <form className="filters" onSubmit={apply} aria-label={t('common.apply')}>
        {!user.communeCode && (
          <Select name="communeCode" label={t('board.commune')} value={draft.communeCode} onChange={set('communeCode')}
            placeholder={t('common.all')} options={(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))} />
        )}
        <Select name="stage" label={t('board.stage')} value={draft.stage} onChange={set('stage')} placeholder={t('common.all')}
          options={CASE_STATES.map((s) => ({ value: s, label: label('state', s) }))} />
        <Select name="agencyId" label={t('board.agency')} value={draft.agencyId} onChange={set('agencyId')} placeholder={t('common.all')}
          options={(agencies.data?.items ?? []).filter((a) => (PARTNER_AGENCY_TYPES as readonly string[]).includes(a.type))
            .map((a) => ({ value: a.id, label: a.name }))} />
        <Select name="assigneeId" label={t('board.worker')} value={draft.assigneeId} onChange={set('assigneeId')} placeholder={t('common.all')}
          options={(workers.data?.items ?? []).map((u) => ({ value: u.id, label: u.fullName }))} />
        <button type="submit">{t('common.apply')}</button>
      </form>

      <ErrorNotice error={board.error} onReload={board.reload} />
      {board.loading && !board.data && <Loading />}
      {board.data && (board.data.items.length === 0 ? <p className="notice notice-ok">{t('board.none')}</p> : (
        <table className="board">
          <caption className="sr-only">{t('board.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('board.case')}</th>
              <th scope="col">{t('board.deadline')}</th>
              <th scope="col">{t('board.stage')}</th>
              <th scope="col">{t('board.due')}</th>
              <th scope="col">{t('board.late')}</th>
              <th scope="col">{t('board.owedBy')}</th>
              <th scope="col">{t('board.level')}</th>
            </tr>
          </thead>
          <tbody>
            {board.data.items.map((i) => (
              <tr key={`${i.kind}-${i.deadlineId}`}>
                <th scope="row" data-label={t('board.case')}><Link to={`/cases/${i.caseId}`}>{i.caseCode}</Link></th>
                <td data-label={t('board.deadline')}>
                  {lang === 'vi' ? i.titleVi : i.titleEn}
                  {i.handoffKind && <div className="muted small">{label('handoffKind', i.handoffKind)}</div>}
                </td>
                <td data-label={t('board.stage')}>{label('state', i.stage)}</td>
                <td data-label={t('board.due')}>{dateTime(i.dueAt)}</td>
                <td data-label={t('board.late')} className="late">{duration(Math.max(now - new Date(i.dueAt).getTime(), i.lateSeconds * 1000))}</td>
                <td data-label={t('board.owedBy')}>
                  {label('owedBy', i.owedBy.type)}
                  {i.owedBy.name && <div className="muted small">{serverText(i.owedBy.name)}</div>}
                </td>
                <td data-label={t('board.level')}>{i.escalationLevel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      {board.data && (
        <Pager page={board.data.page} pageSize={board.data.pageSize} total={board.data.total}
          onPage={(p) => navigate(`/oversight${query({ ...current, page: p })}`)} />
      )}
    </>
  );
}
