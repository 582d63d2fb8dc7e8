/**
 * Children in special circumstances: the per-commune counts (supported against registered) for
 * everyone who oversees them, and — for the commune's social workers, supervisors and chair — the
 * commune's register, open entries first.
 */
import { query } from '../api';
import type { Page, SupportListItem, SupportSummary } from '../api/types';
import { useUser } from '../auth';
import { Badge, Loading, PageTitle, Pager } from '../components/bits';
import { ErrorNotice } from '../components/ErrorNotice';
import { Select } from '../components/fields';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';

/** Who sees the register's entries (oversight sees the counts only). */
export const SUPPORT_READERS = ['social_worker', 'supervisor', 'chair'];

export function Supports() {
  const user = useUser();
  const { t, label, date } = useI18n();
  const { params } = useLocation();
  const status = params.get('status') === 'all' ? 'all' : 'open';
  const page = Number(params.get('page') ?? '1') || 1;
  const reads = SUPPORT_READERS.includes(user.role) && user.communeCode !== null;
  const summary = useApi<SupportSummary>('/supports/summary');
  const list = useApi<Page<SupportListItem>>(reads ? `/supports${query({ status, page })}` : null);
  const go = (next: Record<string, string | number | undefined>) => navigate(`/supports${query({ status, ...next })}`);

  return (
    <>
      <PageTitle title={t('support.title')}>{t('support.title')}</PageTitle>
      <p>{t('support.intro')}</p>
      <section aria-labelledby="support-summary-h" className="card">
        <h2 id="support-summary-h">{t('support.summary')}</h2>
        <ErrorNotice error={summary.error} onReload={summary.reload} />
        {summary.loading && !summary.data && <Loading />}
        {summary.data && (
          <table>
            <thead><tr><th scope="col">{t('support.commune')}</th><th scope="col">{t('support.supported')}</th><th scope="col">{t('support.registered')}</th></tr></thead>
            <tbody>
              {summary.data.items.map((c) => (
                <tr key={c.communeCode}><th scope="row">{c.communeName}</th><td>{c.supported}</td><td>{c.registered}</td></tr>
              ))}
            </tbody>
            <tfoot><tr><th scope="row">{t('support.total')}</th><td>{summary.data.supported}</td><td>{summary.data.registered}</td></tr></tfoot>
          </table>
        )}
      </section>
      {reads && (
        <section aria-labelledby="support-list-h" className="card">
          <h2 id="support-list-h">{t('support.list')}</h2>
          <form className="form filters" aria-label={t('support.status')} onSubmit={(e) => e.preventDefault()}>
            <Select name="status" label={t('support.status')} value={status} onChange={(v) => go({ status: v })}
              options={[{ value: 'open', label: t('support.statusOpen') }, { value: 'all', label: t('support.statusAll') }]} />
          </form>
          <ErrorNotice error={list.error} onReload={list.reload} />
          {list.loading && !list.data && <Loading />}
          {list.data && (list.data.items.length === 0 ? <p className="muted">{t('support.none')}</p> : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('support.child')}</th><th scope="col">{t('support.status')}</th>
                  <th scope="col">{t('support.groups')}</th><th scope="col">{t('support.registeredAt')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((s) => (
                  <tr key={s.id}>
                    <th scope="row"><Link to={`/supports/${s.id}`}>{s.child.fullName ?? s.code}</Link></th>
                    <td>{label('supportStatus', s.status)} {s.overdue && <Badge tone="danger">{t('cases.overdue')}</Badge>}</td>
                    <td>{s.groups.map((g) => label('specialCircumstance', g)).join('; ')}</td>
                    <td>{date(s.registeredAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
          {list.data && <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={(p) => go({ page: p })} />}
        </section>
      )}
    </>
  );
}
