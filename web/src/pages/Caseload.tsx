/**
 * Each social worker's open cases by stage, with overdue, due-this-week and high-risk counts; every
 * figure opens the case list narrowed to those cases. Province staff choose a commune.
 */
import type { ReactNode } from 'react';
import { query } from '../api';
import { useUser } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading, PageTitle } from '../components/bits';
import { Select } from '../components/fields';
import { useApi, useCommuneName } from '../query';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import type { Caseload as CaseloadFigures, CaseloadCounts, Commune } from '../api/types';

function Figure({ n, to }: { n: number; to: string }) {
  return n === 0 ? <span className="muted">0</span> : <Link to={to}>{n}</Link>;
}

export function Caseload() {
  const user = useUser();
  const { t, label, date } = useI18n();
  const { params } = useLocation();
  const communeCode = params.get('communeCode') ?? '';
  const load = useApi<CaseloadFigures>(`/casework/caseload${query({ communeCode: communeCode || undefined })}`);
  const communes = useApi<{ items: Commune[] }>(user.communeCode ? null : '/directory/communes');
  const communeName = useCommuneName();
  const cases = (assignee: string, more: Record<string, string> = {}) => `/cases${query({ view: 'all', assignee, ...more })}`;

  const row = (key: string, name: ReactNode, c: CaseloadCounts, assignee: string, commune?: string) => (
    <tr key={key}>
      <th scope="row" data-label={t('caseload.worker')}>{name}</th>
      {!user.communeCode && <td data-label={t('caseload.commune')}>{commune ? communeName(commune) : ''}</td>}
      <td data-label={t('caseload.open')}><Figure n={c.open} to={cases(assignee)} /></td>
      <td data-label={t('caseload.stages')}>
        {c.byStage.map((s) => (
          <span key={s.state} className="stage-count"><Link to={cases(assignee, { state: s.state })}>{label('state', s.state)}: {s.count}</Link></span>
        ))}
      </td>
      <td data-label={t('caseload.overdue')} className={c.overdue ? 'late' : undefined}><Figure n={c.overdue} to={cases(assignee, { overdue: 'true' })} /></td>
      <td data-label={t('caseload.dueThisWeek')}>{c.dueThisWeek}</td>
      <td data-label={t('caseload.highRisk')}>{c.highRisk}</td>
    </tr>
  );

  return (
    <>
      <PageTitle title={t('caseload.title')}>{t('caseload.title')}</PageTitle>
      <p>{t('caseload.intro')}</p>
      {!user.communeCode && (
        <div className="filters">
          <Select name="communeCode" label={t('caseload.commune')} value={communeCode} placeholder={t('common.all')}
            onChange={(v) => navigate(`/caseload${query({ communeCode: v || undefined })}`)}
            options={(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))} />
        </div>
      )}
      <ErrorNotice error={load.error} onReload={load.reload} />
      {load.loading && !load.data && <Loading />}
      {load.data && (
        <>
          <p className="muted">{t('caseload.weekEnds', { date: date(load.data.weekEnds) })}</p>
          <table className="board caseload">
            <caption className="sr-only">{t('caseload.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('caseload.worker')}</th>
                {!user.communeCode && <th scope="col">{t('caseload.commune')}</th>}
                <th scope="col">{t('caseload.open')}</th>
                <th scope="col">{t('caseload.stages')}</th>
                <th scope="col">{t('caseload.overdue')}</th>
                <th scope="col">{t('caseload.dueThisWeek')}</th>
                <th scope="col">{t('caseload.highRisk')}</th>
              </tr>
            </thead>
            <tbody>
              {load.data.workers.map((w) => row(w.userId,
                <>{w.fullName}{!w.active && <span className="muted small"> ({t('caseload.inactive')})</span>}</>, w, w.userId, w.communeCode))}
              {row('unassigned', <em>{t('caseload.unassigned')}</em>, load.data.unassigned, 'none')}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
