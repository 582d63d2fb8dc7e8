/**
 * Urgent reports (báo cáo đột xuất): the province's Department of Health sees every report of its
 * communes (commune staff their own), open ones first, with their status, deadlines and overdue
 * flag; filters by status, commune and overdue; each report acknowledged from its card.
 */
import { useState } from 'react';
import { query } from '../api';
import type { Commune, Page, UrgentReport } from '../api/types';
import { Loading, PageTitle, Pager, Status } from '../components/bits';
import { ErrorNotice } from '../components/ErrorNotice';
import { Checkbox, Select } from '../components/fields';
import { UrgentReportCard } from '../components/UrgentReportCard';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { navigate, useLocation } from '../router';

export function UrgentReports() {
  const { t, label } = useI18n();
  const { params } = useLocation();
  const status = params.get('status') === 'all' ? 'all' : 'open';
  const communeCode = params.get('communeCode') ?? '';
  const overdue = params.get('overdue') === 'true';
  const page = Number(params.get('page') ?? '1') || 1;
  const filters = { status, communeCode: communeCode || undefined, overdue: overdue ? 'true' : undefined };
  const list = useApi<Page<UrgentReport>>(`/urgent-reports${query({ ...filters, page })}`);
  const communes = useApi<{ items: Commune[] }>('/directory/communes');
  const [message, setMessage] = useState<string | null>(null);
  const go = (next: Record<string, string | number | undefined>) => navigate(`/urgent-reports${query({ ...filters, ...next })}`);

  const updated = (r: UrgentReport) => {
    if (list.data) list.set({ ...list.data, items: list.data.items.map((x) => (x.id === r.id ? r : x)) });
    setMessage(t('urgent.updated', { code: r.caseCode, state: label('urgentReportState', r.state) }));
  };

  return (
    <>
      <PageTitle title={t('urgent.title')}>{t('urgent.title')}</PageTitle>
      <p>{t('urgent.intro')}</p>
      <form className="card form filters" aria-label={t('urgent.filter')} onSubmit={(e) => e.preventDefault()}>
        <div className="row">
          <Select name="status" label={t('urgent.status')} value={status} onChange={(v) => go({ status: v })}
            options={[{ value: 'open', label: t('urgent.statusOpen') }, { value: 'all', label: t('urgent.statusAll') }]} />
          <Select name="communeCode" label={t('urgent.commune')} optional value={communeCode} placeholder={t('urgent.statusAll')}
            onChange={(v) => go({ communeCode: v || undefined })}
            options={(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))} />
        </div>
        <Checkbox name="overdue" label={t('urgent.onlyOverdue')} checked={overdue} onChange={(v) => go({ overdue: v ? 'true' : undefined })} />
      </form>
      <Status message={message} />
      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.items.length === 0
        ? <p className="muted">{t('urgent.none')}</p>
        : <ul className="cards">{list.data.items.map((r) => <UrgentReportCard key={r.id} r={r} level={2} onUpdated={updated} onReload={list.reload} />)}</ul>)}
      {list.data && (
        <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={(p) => go({ page: p })} />
      )}
    </>
  );
}
