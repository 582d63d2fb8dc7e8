/**
 * "Hệ thống kết nối / System clients" (national admin): machine-to-machine credentials of other
 * systems, e.g. the 111 hotline's, that file reports through the API. Create and rotate show the
 * client id and secret once; rotation may keep the old secret working for a short overlap;
 * revocation is final and refuses the system's live tokens at once.
 */
import { useState, type FormEvent } from 'react';
import { api, query } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { Badge, Loading, PageTitle, Pager, Status } from '../components/bits';
import { Select, TextInput } from '../components/fields';
import { useCommand } from '../hooks';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import type { AdminAgency, ClientScope, Page, SystemClient, SystemClientSecret } from '../api/types';

const SCOPES: ClientScope[] = ['intake:write'];

export function AdminSystemClients() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const list = useApi<Page<SystemClient>>(`/system-clients${query({ page })}`);
  const [secret, setSecret] = useState<SystemClientSecret | null>(null);
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const shown = (r: SystemClientSecret) => { setSecret(r); list.reload(); };
  return (
    <>
      <PageTitle title={t('cli.title')}>{t('cli.title')}</PageTitle>
      <p className="muted">{t('cli.intro')}</p>
      {secret && (
        <div className="notice notice-ok" role="alert" data-testid="client-secret">
          <p><strong>{t('cli.secretTitle', { name: secret.client.name })}</strong></p>
          <p>client_id: <code>{secret.clientId}</code></p>
          <p>client_secret: <code className="temp-password">{secret.clientSecret}</code></p>
          <p className="muted">{t('cli.secretOnce')}</p>
          <button type="button" onClick={() => setSecret(null)}>{t('adm.tempDone')}</button>
        </div>
      )}
      <Status message={status} />
      {creating
        ? <ClientForm onDone={(r) => { setCreating(false); if (r) shown(r); }} />
        : <p><button type="button" onClick={() => { setCreating(true); setSecret(null); }}>{t('cli.new')}</button></p>}
      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.items.length === 0 ? <p className="muted">{t('adm.none')}</p> : (
        <ul className="cards">
          {list.data.items.map((c) => (
            <ClientCard key={c.id} client={c} onSecret={shown} onChanged={(msg) => { setStatus(msg); list.reload(); }} />
          ))}
        </ul>
      ))}
      {list.data && <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />}
    </>
  );
}

function ClientForm({ onDone }: { onDone(r: SystemClientSecret | null): void }) {
  const { t, label } = useI18n();
  const agencies = useApi<Page<AdminAgency>>('/agencies?pageSize=200');
  const [f, setF] = useState({ name: '', agencyId: '', scope: SCOPES[0] as string, rateLimitPerMinute: '120' });
  const cmd = useCommand();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { name: f.name, agencyId: f.agencyId, scopes: [f.scope], rateLimitPerMinute: Number(f.rateLimitPerMinute) };
    const r = await cmd.run(() => api<SystemClientSecret>('/system-clients', { body }));
    if (r) onDone(r);
  };
  const fields = cmd.error?.fields;
  // National agencies first: the 111 hotline is the usual one.
  const options = (agencies.data?.items ?? [])
    .slice().sort((a, b) => Number(a.provinceCode !== null) - Number(b.provinceCode !== null))
    .map((a) => ({ value: a.id, label: `${a.name} (${label('agencyType', a.type)})` }));
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-client-h">
      <h2 id="new-client-h">{t('cli.new')}</h2>
      <ErrorNotice error={cmd.error} fieldLabels={{ name: t('cli.name'), agencyId: t('cli.agency'), scopes: t('cli.scopes'), rateLimitPerMinute: t('cli.rate') }} />
      <TextInput name="name" id="new-client-name" label={t('cli.name')} value={f.name} onChange={(v) => setF({ ...f, name: v })} errors={fields} required />
      <Select name="agencyId" id="new-client-agency" label={t('cli.agency')} value={f.agencyId} onChange={(v) => setF({ ...f, agencyId: v })}
        options={options} placeholder="—" errors={fields} required />
      <Select name="scopes" id="new-client-scope" label={t('cli.scopes')} value={f.scope} onChange={(v) => setF({ ...f, scope: v })}
        options={SCOPES.map((s) => ({ value: s, label: s }))} errors={fields} />
      <TextInput name="rateLimitPerMinute" id="new-client-rate" label={t('cli.rate')} value={f.rateLimitPerMinute} inputMode="numeric"
        onChange={(v) => setF({ ...f, rateLimitPerMinute: v })} errors={fields} required />
      <p className="actions">
        <button type="submit" disabled={cmd.busy}>{t('adm.create')}</button>
        <button type="button" className="secondary" onClick={() => onDone(null)}>{t('adm.cancel')}</button>
      </p>
    </form>
  );
}

function ClientCard({ client: c, onSecret, onChanged }: { client: SystemClient; onSecret(r: SystemClientSecret): void; onChanged(message: string): void }) {
  const { t, label } = useI18n();
  const [mode, setMode] = useState<'view' | 'edit' | 'rotate' | 'revoke'>('view');
  const [f, setF] = useState({ name: c.name, rateLimitPerMinute: String(c.rateLimitPerMinute) });
  const [overlap, setOverlap] = useState('0');
  const cmd = useCommand();
  const revoked = c.revokedAt !== null;
  const save = async () => {
    const r = await cmd.run(() => api<{ client: SystemClient }>(`/system-clients/${c.id}`,
      { method: 'PATCH', body: { name: f.name, rateLimitPerMinute: Number(f.rateLimitPerMinute) } }));
    if (r) { setMode('view'); onChanged(t('adm.saved')); }
  };
  const rotate = async () => {
    const r = await cmd.run(() => api<SystemClientSecret>(`/system-clients/${c.id}/rotate`, { body: { overlapSeconds: Number(overlap) } }));
    if (r) { setMode('view'); onSecret(r); }
  };
  const revoke = async () => {
    const r = await cmd.run(() => api<{ client: SystemClient }>(`/system-clients/${c.id}/revoke`, { body: {} }));
    if (r) { setMode('view'); onChanged(t('cli.revoked')); }
  };
  return (
    <li className={`case-card${revoked ? ' settled' : ''}`} data-client={c.name}>
      <p><strong>{c.name}</strong> <span className="muted"><code>{c.id}</code></span></p>
      <p className="small">{c.agency.name} ({label('agencyType', c.agency.type)}) · {c.scopes.join(' ')} · {t('cli.rate')}: {c.rateLimitPerMinute}</p>
      <p className="small">
        {revoked && <Badge tone="warn">{t('cli.revoked')}</Badge>}
        {c.rotatedAt && <> {t('cli.rotatedAt')} <time dateTime={c.rotatedAt}>{new Date(c.rotatedAt).toLocaleString()}</time></>}
        {c.previousSecretExpiresAt && <> · {t('cli.previousUntil')} <time dateTime={c.previousSecretExpiresAt}>{new Date(c.previousSecretExpiresAt).toLocaleString()}</time></>}
      </p>
      <ErrorNotice error={cmd.error} />
      {mode === 'edit' && (
        <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <TextInput name="name" id={`cn-${c.id}`} label={t('cli.name')} value={f.name} onChange={(v) => setF({ ...f, name: v })} errors={cmd.error?.fields} />
          <TextInput name="rateLimitPerMinute" id={`cr-${c.id}`} label={t('cli.rate')} value={f.rateLimitPerMinute} inputMode="numeric"
            onChange={(v) => setF({ ...f, rateLimitPerMinute: v })} errors={cmd.error?.fields} />
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{t('adm.save')}</button>
            <button type="button" className="secondary" onClick={() => setMode('view')}>{t('adm.cancel')}</button>
          </p>
        </form>
      )}
      {mode === 'rotate' && (
        <form onSubmit={(e) => { e.preventDefault(); void rotate(); }}>
          <TextInput name="overlapSeconds" id={`co-${c.id}`} label={t('cli.overlap')} value={overlap} onChange={setOverlap} inputMode="numeric" errors={cmd.error?.fields} />
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{t('cli.rotate')}</button>
            <button type="button" className="secondary" onClick={() => setMode('view')}>{t('adm.cancel')}</button>
          </p>
        </form>
      )}
      {mode === 'revoke' && (
        <div className="notice">
          <p>{t('cli.confirmRevoke', { name: c.name })}</p>
          <p className="actions">
            <button type="button" className="danger" disabled={cmd.busy} onClick={() => void revoke()}>{t('cli.revoke')}</button>
            <button type="button" className="secondary" onClick={() => setMode('view')}>{t('adm.cancel')}</button>
          </p>
        </div>
      )}
      {mode === 'view' && !revoked && (
        <p className="actions">
          <button type="button" className="secondary" onClick={() => setMode('edit')}>{t('adm.edit')}</button>
          <button type="button" className="secondary" onClick={() => setMode('rotate')}>{t('cli.rotate')}</button>
          <button type="button" className="secondary" onClick={() => setMode('revoke')}>{t('cli.revoke')}</button>
        </p>
      )}
    </li>
  );
}
