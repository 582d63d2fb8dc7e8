/**
 * The caller's notification settings (issue 18): e-mail and phone verified by a code, channels per
 * kind, quiet hours, the language of messages, and Web Push on this device.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import type { ContactSent, NotificationSettings as Settings } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading, PageTitle, Status } from '../components/bits';
import { Checkbox, Select, TextInput } from '../components/fields';
import { useCommand } from '../hooks';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

const KINDS = ['assignment', 'approval', 'deadline', 'update', 'digest'] as const;
type Kind = (typeof KINDS)[number];
type Channel = 'email' | 'sms' | 'zalo' | 'push';

/** The VAPID key (base64url) as the bytes `pushManager.subscribe` wants. */
function keyBytes(b64url: string): Uint8Array<ArrayBuffer> {
  const b64 = b64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (b64url.length % 4)) % 4);
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

function Contact({ kind, settings, onChange }: { kind: 'email' | 'phone'; settings: Settings; onChange(): void }) {
  const { t, label, dateTime } = useI18n();
  const current = settings.contacts.find((c) => c.kind === kind);
  const [value, setValue] = useState(current?.value ?? '');
  const [code, setCode] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const cmd = useCommand();
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const sent = await cmd.run(() => api<ContactSent>(`/me/contacts/${kind}`, { method: 'POST', body: { value } }));
    if (sent) {
      setStatus(t('nset.codeSent', { value: sent.value, channel: label('notifyChannel', sent.sentBy), until: dateTime(sent.codeExpiresAt) }));
      onChange();
    }
  };
  const verify = async (e: FormEvent) => {
    e.preventDefault();
    if (await cmd.run(() => api(`/me/contacts/${kind}/verify`, { method: 'POST', body: { code } }))) {
      setStatus(t('nset.verifiedDone'));
      setCode('');
      onChange();
    }
  };
  const remove = async () => {
    if ((await cmd.run(() => api(`/me/contacts/${kind}`, { method: 'DELETE' }))) !== undefined) {
      setValue('');
      onChange();
    }
  };
  const title = t(kind === 'email' ? 'nset.email' : 'nset.phone');
  return (
    <section className="card" aria-labelledby={`contact-${kind}`}>
      <h3 id={`contact-${kind}`}>{title} {current && <span className="muted small">— {t(current.verified ? 'nset.verified' : 'nset.unverified')}</span>}</h3>
      <ErrorNotice error={cmd.error} />
      <Status message={status} />
      <form onSubmit={(e) => void send(e)} className="inline-form">
        <TextInput name={`${kind}-value`} label={title} value={value} onChange={setValue} type={kind === 'email' ? 'email' : 'tel'}
          autoComplete={kind === 'email' ? 'email' : 'tel'} errors={cmd.error?.fields ? { [`${kind}-value`]: cmd.error.fields.value ?? [] } : undefined} required />
        <button type="submit" disabled={cmd.busy}>{t('nset.sendCode')}</button>
        {current && <button type="button" className="secondary" disabled={cmd.busy} onClick={() => void remove()}>{t('nset.remove')}</button>}
      </form>
      {current && !current.verified && (
        <form onSubmit={(e) => void verify(e)} className="inline-form">
          <TextInput name={`${kind}-code`} label={t('nset.code')} value={code} onChange={setCode} inputMode="numeric" pattern="\d{6}" maxLength={6}
            autoComplete="one-time-code" required />
          <button type="submit" disabled={cmd.busy}>{t('nset.verify')}</button>
        </form>
      )}
    </section>
  );
}

/** Push on this device: needs a registered service worker (the installed console) and the installation's VAPID key. */
function PushOnThisDevice({ settings, onChange }: { settings: Settings; onChange(): void }) {
  const { t } = useI18n();
  const [registration, setRegistration] = useState<ServiceWorkerRegistration | null | undefined>(undefined);
  const [status, setStatus] = useState<string | null>(null);
  const cmd = useCommand();
  useEffect(() => {
    if (!('serviceWorker' in navigator) || !('PushManager' in window)) {
      setRegistration(null);
      return;
    }
    navigator.serviceWorker.getRegistration().then((r) => setRegistration(r ?? null), () => setRegistration(null));
  }, []);
  const enable = async () => {
    const ok = await cmd.run(async () => {
      const { publicKey } = await api<{ publicKey: string | null }>('/notifications/vapid-public-key');
      if (!publicKey || !registration) return false;
      if ((await Notification.requestPermission()) !== 'granted') {
        setStatus(t('nset.pushDenied'));
        return false;
      }
      const ready = await navigator.serviceWorker.ready;
      const sub = await ready.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
      await api('/me/push-subscriptions', { method: 'POST', body: sub.toJSON() });
      return true;
    });
    if (ok) {
      setStatus(t('nset.pushOn'));
      onChange();
    }
  };
  const off = !settings.availableChannels.includes('push');
  return (
    <section className="card" aria-labelledby="push-title">
      <h3 id="push-title">{t('nset.push')}</h3>
      <ErrorNotice error={cmd.error} />
      <Status message={status} />
      {off ? <p className="muted">{t('nset.pushOff')}</p>
        : registration === null ? <p className="muted" data-testid="push-unavailable">{t('nset.pushUnavailable')}</p>
          : <button type="button" disabled={cmd.busy || registration === undefined} onClick={() => void enable()}>{t('nset.pushEnable')}</button>}
      {settings.pushSubscriptions.length > 0 && (
        <>
          <h4>{t('nset.devices')}</h4>
          <ul>
            {settings.pushSubscriptions.map((s) => (
              <li key={s.id}>{s.service}{' '}
                <button type="button" className="secondary" disabled={cmd.busy}
                  onClick={() => void cmd.run(() => api(`/me/push-subscriptions/${s.id}`, { method: 'DELETE' })).then(onChange)}>{t('nset.remove')}</button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function NotificationSettingsPage() {
  const { t, label } = useI18n();
  const loaded = useApi<Settings>('/me/notification-settings');
  const [draft, setDraft] = useState<Pick<Settings, 'language' | 'quietHours' | 'channels'> | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const cmd = useCommand();
  useEffect(() => {
    if (loaded.data && !draft) setDraft({ language: loaded.data.language, quietHours: loaded.data.quietHours ?? null, channels: loaded.data.channels });
  }, [loaded.data, draft]);
  const s = loaded.data;
  if (!s || !draft) return <>{loaded.error ? <ErrorNotice error={loaded.error} onReload={loaded.reload} /> : <Loading />}</>;
  const available = s.availableChannels as Channel[];
  const setKind = (kind: Kind, channel: Channel, on: boolean) => {
    const list = draft.channels[kind].filter((c) => c !== channel);
    setDraft({ ...draft, channels: { ...draft.channels, [kind]: on ? [...list, channel] : list } });
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    if (await cmd.run(() => api<Settings>('/me/notification-settings', { method: 'PUT', body: draft }))) {
      setSaved(t('nset.saved'));
      loaded.reload();
    }
  };
  return (
    <>
      <PageTitle title={t('nset.title')}>{t('nset.title')}</PageTitle>
      <p>{t('nset.intro')}</p>
      {available.length === 0 && <p className="notice">{t('nset.inAppOnly')}</p>}
      <h2>{t('nset.contacts')}</h2>
      <Contact kind="email" settings={s} onChange={loaded.reload} />
      <Contact kind="phone" settings={s} onChange={loaded.reload} />
      <PushOnThisDevice settings={s} onChange={loaded.reload} />
      <form onSubmit={(e) => void save(e)} className="card">
        <ErrorNotice error={cmd.error} />
        <Status message={saved} />
        <fieldset>
          <legend>{t('nset.channels')}</legend>
          <p className="muted small">{t('nset.channelsHint')}</p>
          <table className="grid">
            <thead><tr><th scope="col">{t('dlog.template')}</th>{(['push', 'email', 'sms', 'zalo'] as Channel[]).map((c) => <th key={c} scope="col">{label('notifyChannel', c)}</th>)}</tr></thead>
            <tbody>
              {KINDS.map((kind) => (
                <tr key={kind}>
                  <th scope="row">{t(`nset.kind.${kind}` as MessageKey)}</th>
                  {(['push', 'email', 'sms', 'zalo'] as Channel[]).map((c) => (
                    <td key={c}>
                      <input type="checkbox" aria-label={`${t(`nset.kind.${kind}` as MessageKey)}: ${label('notifyChannel', c)}`}
                        checked={draft.channels[kind].includes(c)} disabled={!available.includes(c)} onChange={(e) => setKind(kind, c, e.target.checked)} />
                      {draft.channels[kind].includes(c) && <span className="muted small"> {draft.channels[kind].indexOf(c) + 1}</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <fieldset>
          <legend>{t('nset.quiet')}</legend>
          <Checkbox name="quietOn" label={t('nset.quietOn')} checked={draft.quietHours !== null}
            onChange={(on) => setDraft({ ...draft, quietHours: on ? { start: '21:00', end: '06:30' } : null })} />
          {draft.quietHours && (
            <div className="inline-form">
              <TextInput name="quietHours.start" label={t('nset.quietStart')} type="time" value={draft.quietHours.start} errors={cmd.error?.fields}
                onChange={(v) => setDraft({ ...draft, quietHours: { ...draft.quietHours!, start: v } })} required />
              <TextInput name="quietHours.end" label={t('nset.quietEnd')} type="time" value={draft.quietHours.end} errors={cmd.error?.fields}
                onChange={(v) => setDraft({ ...draft, quietHours: { ...draft.quietHours!, end: v } })} required />
            </div>
          )}
        </fieldset>
        <Select name="language" label={t('nset.language')} value={draft.language} errors={cmd.error?.fields}
          onChange={(v) => setDraft({ ...draft, language: v as 'vi' | 'en' })} options={[{ value: 'vi', label: 'Tiếng Việt' }, { value: 'en', label: 'English' }]} />
        <button type="submit" disabled={cmd.busy}>{t('nset.save')}</button>
      </form>
    </>
  );
}
