/**
 * Administration screens for provincial and national administrators: users (create with a
 * temporary password shown once, edit, deactivate/reactivate, reset), agencies, administrative
 * units (CSV import with its report) and public holidays (preview of the deadlines moved, then
 * confirmation). The API scopes everything to the administrator's province.
 */
import { useState, type FormEvent } from 'react';
import { api, query } from '../api';
import { useUser } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { Badge, Loading, PageTitle, Pager, Status } from '../components/bits';
import { Select, TextInput, type Option } from '../components/fields';
import { useCommand } from '../hooks';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import type {
  AdminAgency, AdminCommune, AdminProvince, AdminUser, AgencyType, Holiday, HolidayPreview, ImportReport, Page, Role, TemporaryPassword,
} from '../api/types';

const ROLES: Role[] = ['social_worker', 'supervisor', 'chair', 'police', 'health', 'education', 'legal_aid', 'social_work_center',
  'auditor', 'hotline_operator', 'admin', 'national_admin'];
const AGENCY_TYPES: AgencyType[] = ['people_committee', 'child_affairs_office', 'commune_police', 'health_station', 'school',
  'social_work_center', 'legal_aid_center', 'provincial_health_department', 'hotline_111', 'national_authority'];

function useOptions() {
  const { label } = useI18n();
  const communes = useApi<Page<AdminCommune>>('/administrative-units/communes?pageSize=200');
  const provinces = useApi<{ items: AdminProvince[] }>('/administrative-units/provinces');
  return {
    roles: ROLES.map((r): Option => ({ value: r, label: label('role', r) })),
    types: AGENCY_TYPES.map((a): Option => ({ value: a, label: label('agencyType', a) })),
    communes: (communes.data?.items ?? []).map((c): Option => ({ value: c.code, label: c.name })),
    communeList: communes.data?.items ?? [],
    provinces: (provinces.data?.items ?? []).map((p): Option => ({ value: p.code, label: p.name })),
    provinceList: provinces.data?.items ?? [],
  };
}

/** The agencies a user may be placed in: of the chosen commune and of its province (all, without a commune). */
function useAgencyOptions(communeCode: string, communes: AdminCommune[]): Option[] {
  const agencies = useApi<Page<AdminAgency>>('/agencies?pageSize=200');
  const { label } = useI18n();
  const province = communes.find((c) => c.code === communeCode)?.provinceCode;
  return (agencies.data?.items ?? [])
    .filter((a) => !communeCode || a.communeCode === communeCode || (a.communeCode === null && a.provinceCode === province))
    .map((a) => ({ value: a.id, label: `${a.name} (${label('agencyType', a.type)})` }));
}

export function AdminUsers() {
  const { t, label } = useI18n();
  const opts = useOptions();
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [commune, setCommune] = useState('');
  const [active, setActive] = useState('');
  const [page, setPage] = useState(1);
  const list = useApi<Page<AdminUser>>(`/users${query({ q, role, communeCode: commune, active, page })}`);
  const [temporary, setTemporary] = useState<TemporaryPassword | null>(null);
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  return (
    <>
      <PageTitle title={t('adm.users')}>{t('adm.users')}</PageTitle>
      {temporary && (
        <div className="notice notice-ok" role="alert" data-testid="temporary-password">
          <p><strong>{t('adm.tempTitle', { username: temporary.user.username })}</strong></p>
          <p><code className="temp-password">{temporary.temporaryPassword}</code></p>
          <p className="muted">{t('adm.tempOnce')}</p>
          <button type="button" onClick={() => setTemporary(null)}>{t('adm.tempDone')}</button>
        </div>
      )}
      <Status message={status} />
      <div className="filters">
        <TextInput name="q" label={t('adm.search')} value={q} onChange={(v) => { setQ(v); setPage(1); }} />
        <Select name="role" label={t('adm.role')} value={role} onChange={(v) => { setRole(v); setPage(1); }} options={opts.roles} placeholder={t('adm.all')} />
        <Select name="commune" label={t('adm.commune')} value={commune} onChange={(v) => { setCommune(v); setPage(1); }} options={opts.communes} placeholder={t('adm.all')} />
        <Select name="active" label={t('adm.status')} value={active} onChange={(v) => { setActive(v); setPage(1); }} placeholder={t('adm.all')}
          options={[{ value: 'true', label: t('adm.active') }, { value: 'false', label: t('adm.inactive') }]} />
      </div>
      {creating
        ? <UserForm opts={opts} onDone={(r) => {
          setCreating(false);
          // Show the new user in the list (it may sit on another page otherwise).
          if (r) { setTemporary(r); setQ(r.user.username); setPage(1); list.reload(); }
        }} />
        : <p><button type="button" onClick={() => { setCreating(true); setTemporary(null); }}>{t('adm.newUser')}</button></p>}
      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.items.length === 0 ? <p className="muted">{t('adm.none')}</p> : (
        <ul className="cards">
          {list.data.items.map((u) => (
            <UserCard key={u.id} user={u} opts={opts} label={label}
              onChanged={(msg, temp) => { setStatus(msg); if (temp) setTemporary(temp); list.reload(); }} />
          ))}
        </ul>
      ))}
      {list.data && <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />}
    </>
  );
}

type Opts = ReturnType<typeof useOptions>;

function UserForm({ opts, onDone }: { opts: Opts; onDone(r: TemporaryPassword | null): void }) {
  const { t } = useI18n();
  const [f, setF] = useState({ username: '', fullName: '', role: 'social_worker', communeCode: '', agencyId: '' });
  const agencies = useAgencyOptions(f.communeCode, opts.communeList);
  const cmd = useCommand();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { communeCode: _c, ...body } = f;
    const r = await cmd.run(() => api<TemporaryPassword>('/users', { body }));
    if (r) onDone(r);
  };
  const fields = cmd.error?.fields;
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-user-h">
      <h2 id="new-user-h">{t('adm.newUser')}</h2>
      <ErrorNotice error={cmd.error} fieldLabels={{ username: t('adm.username'), fullName: t('adm.fullName'), role: t('adm.role'), agencyId: t('adm.agency') }} />
      <TextInput name="username" id="new-user-username" label={t('adm.username')} value={f.username} onChange={(v) => setF({ ...f, username: v })} errors={fields} autoComplete="off" required />
      <TextInput name="fullName" id="new-user-fullName" label={t('adm.fullName')} value={f.fullName} onChange={(v) => setF({ ...f, fullName: v })} errors={fields} required />
      <Select name="role" id="new-user-role" label={t('adm.role')} value={f.role} onChange={(v) => setF({ ...f, role: v })} options={opts.roles} errors={fields} />
      <Select name="communeCode" id="new-user-commune" label={t('adm.commune')} value={f.communeCode} onChange={(v) => setF({ ...f, communeCode: v, agencyId: '' })}
        options={opts.communes} placeholder={t('adm.all')} optional />
      <Select name="agencyId" id="new-user-agency" label={t('adm.agency')} value={f.agencyId} onChange={(v) => setF({ ...f, agencyId: v })} options={agencies}
        placeholder="—" errors={fields} required />
      <p className="actions">
        <button type="submit" disabled={cmd.busy}>{t('adm.create')}</button>
        <button type="button" className="secondary" onClick={() => onDone(null)}>{t('adm.cancel')}</button>
      </p>
    </form>
  );
}

function UserCard({ user: u, opts, label, onChanged }: {
  user: AdminUser; opts: Opts; label: ReturnType<typeof useI18n>['label']; onChanged(message: string, temp?: TemporaryPassword): void;
}) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'view' | 'edit' | 'deactivate' | 'reset'>('view');
  const [f, setF] = useState({ fullName: u.fullName, role: u.role as string, agencyId: u.agency.id });
  const agencies = useAgencyOptions(u.communeCode ?? '', opts.communeList);
  const cmd = useCommand();
  const act = async (path: string, method: 'POST' | 'PATCH', body: unknown) => {
    const r = await cmd.run(() => api<{ user: AdminUser; temporaryPassword?: string }>(`/users/${u.id}${path}`, { method, body }));
    if (!r) return;
    setMode('view');
    onChanged(t('adm.saved'), r.temporaryPassword ? { user: r.user, temporaryPassword: r.temporaryPassword } : undefined);
  };
  return (
    <li className={`case-card${u.active ? '' : ' settled'}`} data-username={u.username}>
      <p><strong>{u.fullName}</strong> <span className="muted">@{u.username}</span></p>
      <p className="small">{label('role', u.role)} · {u.agency.name}</p>
      <p>
        {!u.active && <Badge tone="warn">{t('adm.inactive')}</Badge>} {u.mustChangePassword && <Badge tone="info">{t('adm.mustChange')}</Badge>}
      </p>
      <ErrorNotice error={cmd.error} />
      {mode === 'edit' && (
        <form onSubmit={(e) => { e.preventDefault(); void act('', 'PATCH', f); }}>
          <TextInput name="fullName" id={`fn-${u.id}`} label={t('adm.fullName')} value={f.fullName} onChange={(v) => setF({ ...f, fullName: v })} errors={cmd.error?.fields} />
          <Select name="role" id={`ro-${u.id}`} label={t('adm.role')} value={f.role} onChange={(v) => setF({ ...f, role: v })} options={opts.roles} errors={cmd.error?.fields} />
          <Select name="agencyId" id={`ag-${u.id}`} label={t('adm.agency')} value={f.agencyId} onChange={(v) => setF({ ...f, agencyId: v })}
            options={agencies.some((a) => a.value === u.agency.id) ? agencies : [{ value: u.agency.id, label: u.agency.name }, ...agencies]} errors={cmd.error?.fields} />
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{t('adm.save')}</button>
            <button type="button" className="secondary" onClick={() => setMode('view')}>{t('adm.cancel')}</button>
          </p>
        </form>
      )}
      {(mode === 'deactivate' || mode === 'reset') && (
        <div className="notice">
          <p>{t(mode === 'deactivate' ? 'adm.confirmDeactivate' : 'adm.confirmReset', { name: u.fullName })}</p>
          <p className="actions">
            <button type="button" className="danger" disabled={cmd.busy}
              onClick={() => void act(mode === 'deactivate' ? '/deactivate' : '/password-reset', 'POST', mode === 'deactivate' ? {} : undefined)}>
              {t(mode === 'deactivate' ? 'adm.deactivate' : 'adm.reset')}
            </button>
            <button type="button" className="secondary" onClick={() => setMode('view')}>{t('adm.cancel')}</button>
          </p>
        </div>
      )}
      {mode === 'view' && (
        <p className="actions">
          <button type="button" className="secondary" onClick={() => setMode('edit')}>{t('adm.edit')}</button>
          {u.active
            ? <button type="button" className="secondary" onClick={() => setMode('deactivate')}>{t('adm.deactivate')}</button>
            : <button type="button" className="secondary" disabled={cmd.busy} onClick={() => void act('/reactivate', 'POST', undefined)}>{t('adm.reactivate')}</button>}
          <button type="button" className="secondary" onClick={() => setMode('reset')}>{t('adm.reset')}</button>
        </p>
      )}
    </li>
  );
}

export function AdminAgencies() {
  const { t, label } = useI18n();
  const opts = useOptions();
  const [type, setType] = useState('');
  const [commune, setCommune] = useState('');
  const [page, setPage] = useState(1);
  const list = useApi<Page<AdminAgency>>(`/agencies${query({ type, communeCode: commune, page })}`);
  const [f, setF] = useState({ type: 'school', name: '', communeCode: '', provinceCode: '' });
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const cmd = useCommand();

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const body = { type: f.type, name: f.name, ...(f.communeCode ? { communeCode: f.communeCode } : {}), ...(f.provinceCode ? { provinceCode: f.provinceCode } : {}) };
    if (await cmd.run(() => api('/agencies', { body }))) {
      setF({ ...f, name: '' });
      setStatus(t('adm.saved'));
      list.reload();
    }
  };
  const rename = async () => {
    if (!renaming) return;
    if (await cmd.run(() => api(`/agencies/${renaming.id}`, { method: 'PATCH', body: { name: renaming.name } }))) {
      setRenaming(null);
      setStatus(t('adm.saved'));
      list.reload();
    }
  };
  return (
    <>
      <PageTitle title={t('adm.agencies')}>{t('adm.agencies')}</PageTitle>
      <Status message={status} />
      <div className="filters">
        <Select name="type" label={t('adm.type')} value={type} onChange={(v) => { setType(v); setPage(1); }} options={opts.types} placeholder={t('adm.all')} />
        <Select name="commune" label={t('adm.commune')} value={commune} onChange={(v) => { setCommune(v); setPage(1); }} options={opts.communes} placeholder={t('adm.all')} />
      </div>
      <ErrorNotice error={list.error ?? cmd.error} onReload={list.reload} fieldLabels={{ name: t('adm.name'), type: t('adm.type'), communeCode: t('adm.commune'), provinceCode: t('adm.province') }} />
      <form className="card" onSubmit={(e) => void create(e)} aria-labelledby="new-agency-h">
        <h2 id="new-agency-h">{t('adm.newAgency')}</h2>
        <Select name="type" id="new-agency-type" label={t('adm.type')} value={f.type} onChange={(v) => setF({ ...f, type: v })} options={opts.types} errors={cmd.error?.fields} />
        <TextInput name="name" id="new-agency-name" label={t('adm.name')} value={f.name} onChange={(v) => setF({ ...f, name: v })} errors={cmd.error?.fields} required />
        <Select name="communeCode" id="new-agency-commune" label={t('adm.commune')} value={f.communeCode} onChange={(v) => setF({ ...f, communeCode: v })}
          options={opts.communes} placeholder="—" optional hint={t('adm.communeHint')} errors={cmd.error?.fields} />
        <Select name="provinceCode" id="new-agency-province" label={t('adm.province')} value={f.provinceCode} onChange={(v) => setF({ ...f, provinceCode: v })}
          options={opts.provinces} placeholder="—" optional errors={cmd.error?.fields} />
        <button type="submit" disabled={cmd.busy}>{t('adm.create')}</button>
      </form>
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.items.length === 0 ? <p className="muted">{t('adm.none')}</p> : (
        <ul className="cards">
          {list.data.items.map((a) => (
            <li key={a.id} className="case-card">
              {renaming?.id === a.id ? (
                <form onSubmit={(e) => { e.preventDefault(); void rename(); }}>
                  <TextInput name="name" id={`rn-${a.id}`} label={t('adm.name')} value={renaming.name} onChange={(v) => setRenaming({ id: a.id, name: v })} />
                  <p className="actions">
                    <button type="submit" disabled={cmd.busy}>{t('adm.save')}</button>
                    <button type="button" className="secondary" onClick={() => setRenaming(null)}>{t('adm.cancel')}</button>
                  </p>
                </form>
              ) : (
                <>
                  <p><strong>{a.name}</strong></p>
                  <p className="small">{label('agencyType', a.type)} · {a.communeCode ?? a.provinceCode ?? t('adm.national')} · {t('adm.usersCount', { n: a.users })}</p>
                  <p className="actions"><button type="button" className="secondary" onClick={() => setRenaming({ id: a.id, name: a.name })}>{t('adm.edit')}</button></p>
                </>
              )}
            </li>
          ))}
        </ul>
      ))}
      {list.data && <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />}
    </>
  );
}

export function AdminUnits() {
  const { t } = useI18n();
  const user = useUser();
  const provinces = useApi<{ items: AdminProvince[] }>('/administrative-units/provinces');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const cmd = useCommand();
  const upload = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    const r = await cmd.run(() => api<ImportReport>('/administrative-units/imports', { form }));
    if (r) {
      setReport(r);
      provinces.reload();
    }
  };
  return (
    <>
      <PageTitle title={t('adm.units')}>{t('adm.units')}</PageTitle>
      <ErrorNotice error={provinces.error} onReload={provinces.reload} />
      <ul className="cards">
        {(provinces.data?.items ?? []).map((p) => (
          <li key={p.code} className="case-card"><strong>{p.name}</strong> <span className="muted">({p.code})</span> · {t('adm.communesCount', { n: p.communes })}</li>
        ))}
      </ul>
      {user.role === 'national_admin' ? (
        <form className="card" onSubmit={(e) => void upload(e)} aria-labelledby="import-h">
          <h2 id="import-h">{t('adm.import')}</h2>
          <p className="hint">{t('adm.importHint')}</p>
          <div className="field">
            <label htmlFor="units-file">{t('adm.file')}</label>
            <input id="units-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
          <ErrorNotice error={cmd.error} />
          <button type="submit" disabled={!file || cmd.busy}>{t('adm.upload')}</button>
        </form>
      ) : <p className="muted">{t('adm.importNational')}</p>}
      {report && (
        <section aria-labelledby="report-h" data-testid="import-report">
          <h2 id="report-h">{t('adm.report', {
            created: report.communes.created, updated: report.communes.updated, unchanged: report.communes.unchanged, refused: report.communes.refused,
            pcreated: report.provinces.created, pupdated: report.provinces.updated,
          })}</h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="report-h">
            <table>
              <thead><tr><th>{t('adm.line')}</th><th>{t('adm.commune')}</th><th>{t('adm.outcome')}</th><th>{t('adm.reason')}</th></tr></thead>
              <tbody>
                {report.lines.map((l) => (
                  <tr key={l.line} className={l.status === 'refused' ? 'refused' : undefined}>
                    <td>{l.line}</td><td>{l.communeCode ?? '—'}</td><td>{t(`adm.st.${l.status}`)}</td><td>{l.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}

export function AdminHolidays() {
  const { t, serverText } = useI18n();
  const user = useUser();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const list = useApi<{ items: Holiday[] }>(`/holidays${query({ year })}`);
  const [f, setF] = useState({ day: '', nameVi: '', nameEn: '' });
  const [pending, setPending] = useState<{ preview: HolidayPreview; nameVi?: string; nameEn?: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const cmd = useCommand();
  const national = user.role === 'national_admin';

  const preview = async (day: string, change: 'set' | 'remove', names?: { nameVi: string; nameEn: string }) => {
    setStatus(null);
    const p = await cmd.run(() => api<HolidayPreview>(`/holidays/${day}/preview`, { body: { change } }));
    if (p) setPending({ preview: p, ...names });
  };
  const confirm = async () => {
    if (!pending) return;
    const { day, change, deadlinesMoved } = pending.preview;
    const r = await cmd.run(() => change === 'set'
      ? api<{ rescheduled: number; notified: number }>(`/holidays/${day}`, { method: 'PUT', body: { nameVi: pending.nameVi, nameEn: pending.nameEn, expectedMoves: deadlinesMoved } })
      : api<{ rescheduled: number; notified: number }>(`/holidays/${day}${query({ expectedMoves: deadlinesMoved })}`, { method: 'DELETE' }));
    if (r) {
      setPending(null);
      setStatus(t('adm.applied', { n: r.rescheduled, m: r.notified }));
      list.reload();
    } else {
      setPending(null);
    }
  };
  return (
    <>
      <PageTitle title={t('adm.holidays')}>{t('adm.holidays')}</PageTitle>
      <Status message={status} />
      {!national && <p className="muted">{t('adm.holidaysNational')}</p>}
      <div className="filters">
        <TextInput name="year" label={t('adm.year')} value={year} onChange={setYear} inputMode="numeric" />
      </div>
      <ErrorNotice error={list.error ?? cmd.error} onReload={list.reload} fieldLabels={{ nameVi: t('adm.nameVi'), nameEn: t('adm.nameEn'), day: t('adm.day') }} />
      {cmd.error?.status === 409 && cmd.error.body?.message && <p className="muted">{serverText(cmd.error.body.message)}</p>}
      {pending && (
        <div className="notice" role="alert" data-testid="holiday-preview">
          <p><strong>{f.day || pending.preview.day}</strong>: {t('adm.previewText', { n: pending.preview.deadlinesMoved, cases: pending.preview.cases })}</p>
          {pending.preview.communes.length > 0 && (
            <>
              <p>{t('adm.previewCommunes')}</p>
              <ul>{pending.preview.communes.map((c) => <li key={c.code}>{t('adm.previewCommune', { name: c.name, province: c.provinceCode, cases: c.cases, n: c.deadlines })}</li>)}</ul>
            </>
          )}
          <p className="actions">
            <button type="button" disabled={cmd.busy} onClick={() => void confirm()}>{t('adm.confirm')}</button>
            <button type="button" className="secondary" onClick={() => setPending(null)}>{t('adm.cancel')}</button>
          </p>
        </div>
      )}
      {national && (
        <form className="card" aria-labelledby="holiday-h" onSubmit={(e) => { e.preventDefault(); void preview(f.day, 'set', { nameVi: f.nameVi, nameEn: f.nameEn }); }}>
          <h2 id="holiday-h">{t('adm.addHoliday')}</h2>
          <TextInput name="day" type="date" label={t('adm.day')} value={f.day} onChange={(v) => setF({ ...f, day: v })} required errors={cmd.error?.fields} />
          <TextInput name="nameVi" label={t('adm.nameVi')} value={f.nameVi} onChange={(v) => setF({ ...f, nameVi: v })} required errors={cmd.error?.fields} />
          <TextInput name="nameEn" label={t('adm.nameEn')} value={f.nameEn} onChange={(v) => setF({ ...f, nameEn: v })} required errors={cmd.error?.fields} />
          <button type="submit" disabled={cmd.busy}>{t('adm.preview')}</button>
        </form>
      )}
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.items.length === 0 ? <p className="muted">{t('adm.none')}</p> : (
        <ul className="cards">
          {list.data.items.map((h) => (
            <li key={h.day} className="case-card">
              <p><strong><time dateTime={h.day}>{h.day}</time></strong> · {h.nameVi} <span className="muted" lang="en">({h.nameEn})</span></p>
              {national && <p className="actions"><button type="button" className="secondary" onClick={() => void preview(h.day, 'remove')}>{t('adm.remove')}</button></p>}
            </li>
          ))}
        </ul>
      ))}
    </>
  );
}
