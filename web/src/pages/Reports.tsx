/**
 * The province's report calendar and the commune reports (issue 20): the periods, cut-offs, due
 * dates and recipients (editable by the province's administrators and the national one), and each
 * commune report's status — drafted by the supervisor, approved by the chair, sent — with its PDF.
 */
import { useState, type FormEvent } from 'react';
import { api, apiFile, query } from '../api';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextInput } from '../components/fields';
import { Loading, PageTitle, Status, saveFile } from '../components/bits';
import { useCommand } from '../hooks';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { todayLocal } from '../format';
import type { ReportCalendar, ReportStatusItem, ReportStatusList } from '../api/types';

const ADMINS = ['admin', 'national_admin'];

export function Reports() {
  const { t } = useI18n();
  const { user } = useAuth();
  const national = user?.role === 'national_admin';
  const [province, setProvince] = useState('');
  const year = Number(todayLocal().slice(0, 4));
  return (
    <>
      <PageTitle title={t('reports.title')}>{t('reports.title')}</PageTitle>
      {national && (
        <form className="filters" aria-label={t('stats.province')} onSubmit={(e) => e.preventDefault()}>
          <TextInput name="provinceCode" label={t('stats.province')} value={province} onChange={setProvince} />
        </form>
      )}
      {(!national || province) && <Calendar provinceCode={national ? province : undefined} editable={ADMINS.includes(user?.role ?? '')} />}
      {!ADMINS.includes(user?.role ?? '') && <CommuneReports year={year} />}
    </>
  );
}

function Calendar({ provinceCode, editable }: { provinceCode?: string; editable: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const cal = useApi<ReportCalendar>(`/report-calendar${query({ provinceCode })}`);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="reports-calendar">
      <h2 id="reports-calendar">{t('reports.calendar')}</h2>
      <ErrorNotice error={cal.error} onReload={cal.reload} />
      {cal.loading && !cal.data && <Loading />}
      {cal.data && (
        <>
          <div className="table-scroll"><table>
            <thead>
              <tr>
                <th scope="col">{t('reports.kind')}</th><th scope="col">{t('reports.periodStart')}</th><th scope="col">{t('reports.periodEnd')}</th>
                <th scope="col">{t('reports.due')}</th><th scope="col">{t('reports.recipients')}</th><th scope="col">{t('reports.thisYear', { y: cal.data.year })}</th>
                {editable && <th scope="col">{t('reports.edit')}</th>}
              </tr>
            </thead>
            <tbody>
              {cal.data.entries.map((e, i) => {
                const r = cal.data!.reports[i];
                return (
                  <tr key={e.kind}>
                    <th scope="row">{i18n.label('reportKind', e.kind)}{e.custom ? '' : ` (${t('reports.default')})`}</th>
                    <td>{e.periodStart}</td><td>{e.periodEnd}</td><td>{e.due}</td><td>{e.recipients}</td>
                    <td>{t('reports.span', { from: i18n.date(r.from), to: i18n.date(r.to), due: i18n.date(r.due) })}</td>
                    {editable && <td><button type="button" className="secondary" onClick={() => setEditing(e.kind)}>{t('reports.edit')}</button></td>}
                  </tr>
                );
              })}
            </tbody>
          </table></div>
          {editing && (
            <EditEntry key={editing} entry={cal.data.entries.find((e) => e.kind === editing)!} provinceCode={provinceCode}
              onDone={() => { setEditing(null); cal.reload(); }} onCancel={() => setEditing(null)} />
          )}
        </>
      )}
    </section>
  );
}

function EditEntry({ entry, provinceCode, onDone, onCancel }: {
  entry: ReportCalendar['entries'][number]; provinceCode?: string; onDone(): void; onCancel(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form, setForm] = useState({ periodStart: entry.periodStart, periodEnd: entry.periodEnd, due: entry.due, recipients: entry.recipients });
  const cmd = useCommand();
  const errors = cmd.error && Object.keys(cmd.error.fields).length ? cmd.error.fields : undefined;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await cmd.run(() => api(`/report-calendar/${entry.kind}`, {
      method: 'PUT', body: { ...form, provinceCode, ...(entry.version !== null ? { expectedVersion: entry.version } : {}) },
    }));
    if (saved) onDone();
  };
  return (
    <form onSubmit={save} aria-labelledby="reports-edit">
      <h3 id="reports-edit">{t('reports.editing', { kind: i18n.label('reportKind', entry.kind) })}</h3>
      <p className="muted">{t('reports.editHint')}</p>
      <TextInput name="periodStart" label={t('reports.periodStart')} value={form.periodStart} errors={errors}
        onChange={(periodStart) => setForm({ ...form, periodStart })} />
      <TextInput name="periodEnd" label={t('reports.periodEnd')} value={form.periodEnd} errors={errors}
        onChange={(periodEnd) => setForm({ ...form, periodEnd })} />
      <TextInput name="due" label={t('reports.due')} value={form.due} errors={errors} onChange={(due) => setForm({ ...form, due })} />
      <TextInput name="recipients" label={t('reports.recipients')} value={form.recipients} errors={errors}
        onChange={(recipients) => setForm({ ...form, recipients })} />
      <ErrorNotice error={errors ? null : cmd.error} />
      <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('reports.save')}</button>
      <button type="button" className="secondary" onClick={onCancel}>{t('reports.cancel')}</button>
    </form>
  );
}

function CommuneReports({ year }: { year: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { user } = useAuth();
  const list = useApi<ReportStatusList>(`/reports${query({ year })}`);
  const cmd = useCommand();
  const [done, setDone] = useState<string | null>(null);
  const act = async (r: ReportStatusItem, action: 'draft' | 'approve' | 'send') => {
    setDone(null);
    const updated = await cmd.run(() => api<ReportStatusItem>(`/reports/${r.report}/${action}`, { method: 'POST' }));
    if (updated) {
      setDone(t('reports.updated', { report: r.report, status: i18n.label('reportStatus', updated.status ?? 'none') }));
      list.reload();
    }
  };
  const pdf = async (r: ReportStatusItem) => {
    const file = await cmd.run(() => apiFile(`/reports/${r.report}/document`, 'application/pdf'));
    if (file) saveFile(file.blob, file.filename ?? `baove-bao-cao-${r.report}.pdf`);
  };
  const role = user?.role;
  const actions = (r: ReportStatusItem) => [
    role === 'supervisor' && r.status !== 'sent' ? (['draft', r.status === null ? t('reports.draft') : t('reports.redraft')] as const) : null,
    role === 'chair' && r.status === 'drafted' ? (['approve', t('reports.approve')] as const) : null,
    (role === 'supervisor' || role === 'chair') && r.status === 'approved' ? (['send', t('reports.send')] as const) : null,
  ].filter((a) => a !== null);
  // Only a commune's own staff act on its reports; province staff follow them.
  const own = !!user?.communeCode;
  return (
    <section className="card" aria-labelledby="reports-status">
      <h2 id="reports-status">{t('reports.statuses', { y: year })}</h2>
      <ErrorNotice error={list.error ?? cmd.error} onReload={list.reload} />
      <Status message={done} />
      {list.data && (
        <div className="table-scroll"><table>
          <thead>
            <tr>
              <th scope="col">{t('stats.commune')}</th><th scope="col">{t('reports.report')}</th><th scope="col">{t('reports.due')}</th>
              <th scope="col">{t('reports.status')}</th><th scope="col">{t('reports.who')}</th><th scope="col">{t('reports.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((r) => (
              <tr key={`${r.communeCode}-${r.report}`}>
                <th scope="row">{r.communeName}</th>
                <td>{i18n.label('reportKind', r.kind)} {r.report}</td>
                <td>{i18n.date(r.due)}</td>
                <td>{i18n.label('reportStatus', r.status ?? 'none')}</td>
                <td>
                  {r.draftedBy && <div>{t('reports.draftedBy', { name: r.draftedBy, at: i18n.dateTime(r.draftedAt) })}</div>}
                  {r.approvedBy && <div>{t('reports.approvedBy', { name: r.approvedBy, at: i18n.dateTime(r.approvedAt) })}</div>}
                  {r.sentBy && <div>{t('reports.sentBy', { name: r.sentBy, at: i18n.dateTime(r.sentAt) })}</div>}
                </td>
                <td>
                  {own && actions(r).map(([action, label]) => (
                    <button key={action} type="button" disabled={cmd.busy} onClick={() => void act(r, action)}>{label}</button>
                  ))}
                  {own && (role === 'supervisor' || role === 'chair') && r.status !== null && (
                    <button type="button" className="secondary" disabled={cmd.busy} onClick={() => void pdf(r)}>{t('reports.pdf')}</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
  );
}
