/**
 * Two-step verification (TOTP): turn it on with an authenticator app (QR code, or the key typed
 * in), keep the recovery codes shown once, or turn it off. `forced`: a role that requires it, not
 * yet enrolled — the only screen until it is done, with sign-out as the way out.
 */
import { toDataURL } from 'qrcode';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import type { CurrentPrincipal, TotpConfirmed, TotpSetup } from '../api/types';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading, OutsideShell, PageTitle } from '../components/bits';
import { TextInput } from '../components/fields';
import { useCommand } from '../hooks';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { explainFields } from '../validation';

export function TwoStep({ forced = false }: { forced?: boolean }) {
  const { logout } = useAuth();
  const { t } = useI18n();
  const me = useApi<CurrentPrincipal>('/auth/me');
  // Held here, not in TurnOn: confirming refreshes /auth/me (now enabled), and the codes must stay shown until saved.
  const [codes, setCodes] = useState<string[] | null>(null);
  const content = (
    <>
      <PageTitle title={t('mfa.title')}>{t('mfa.title')}</PageTitle>
      <p>{forced ? t('mfa.forcedIntro') : t('mfa.intro')}</p>
      <ErrorNotice error={me.error} onReload={me.reload} />
      {codes ? <RecoveryCodes codes={codes} onSaved={() => setCodes(null)} />
        : !me.data ? <Loading /> : me.data.mfaEnabled ? <TurnOff onDone={me.reload} /> : <TurnOn onConfirmed={setCodes} />}
    </>
  );
  return forced ? <OutsideShell onSignOut={() => void logout()}>{content}</OutsideShell> : content;
}

/** Setup → scan or type the key → confirm with a code → recovery codes, shown once. */
/** The recovery codes, shown once; saving them ends a required enrolment. */
function RecoveryCodes({ codes, onSaved }: { codes: string[]; onSaved(): void }) {
  const { mfaEnrolled } = useAuth();
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="codes-h">
      <h2 id="codes-h">{t('mfa.codesTitle')}</h2>
      <p role="status">{t('mfa.codesIntro')}</p>
      <ol className="recovery-codes">{codes.map((c) => <li key={c}><code>{c}</code></li>)}</ol>
      <button type="button" onClick={() => { onSaved(); mfaEnrolled(); }}>{t('mfa.codesSaved')}</button>
    </section>
  );
}

function TurnOn({ onConfirmed }: { onConfirmed(codes: string[]): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const cmd = useCommand();

  useEffect(() => {
    if (!setup) return;
    let live = true;
    // The QR code is drawn here, from the URI: the secret never leaves the page for an image service.
    toDataURL(setup.otpauthUri, { margin: 1, width: 220 }).then((url) => live && setQr(url), () => live && setQr(null));
    return () => { live = false; };
  }, [setup]);

  const start = async () => {
    const res = await cmd.run(() => api<TotpSetup>('/auth/mfa/totp/setup', { method: 'POST' }));
    if (res) setSetup(res);
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    const res = await cmd.run(() => api<TotpConfirmed>('/auth/mfa/totp/confirm', { body: { code: code.trim() } }));
    if (res) onConfirmed(res.recoveryCodes);
  };

  if (!setup) {
    return (
      <section className="card">
        <ErrorNotice error={cmd.error} />
        <button type="button" onClick={() => void start()} disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('mfa.start')}</button>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="scan-h">
      <h2 id="scan-h">{t('mfa.scanTitle')}</h2>
      <p>{t('mfa.scanIntro')}</p>
      {qr && <img src={qr} alt={t('mfa.qrAlt')} width={220} height={220} />}
      <p>{t('mfa.manual')} <code className="secret">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code></p>
      <form onSubmit={(e) => void confirm(e)} className="form" noValidate>
        <ErrorNotice error={cmd.error} />
        <TextInput name="code" label={t('mfa.code')} value={code} onChange={setCode} inputMode="numeric" autoComplete="one-time-code"
          errors={explainFields(cmd.error?.fields ?? {}, i18n)} />
        <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('mfa.confirm')}</button>
      </form>
    </section>
  );
}

/** Turning it off takes a current code or a recovery code. */
function TurnOff({ onDone }: { onDone(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [answer, setAnswer] = useState('');
  const cmd = useCommand();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = answer.trim();
    // Six digits are a code of the app; anything else one of the recovery codes.
    const body = /^\d{6}$/.test(value) ? { code: value } : { recoveryCode: value };
    if (await cmd.run(() => api('/auth/mfa/totp', { method: 'DELETE', body }))) onDone();
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card form" noValidate aria-labelledby="off-h">
      <h2 id="off-h">{t('mfa.onTitle')}</h2>
      <p>{t('mfa.offIntro')}</p>
      <ErrorNotice error={cmd.error} />
      <TextInput name="code" label={t('mfa.codeOrRecovery')} value={answer} onChange={setAnswer} autoComplete="one-time-code"
        errors={explainFields(cmd.error?.fields ?? {}, i18n)} />
      <button type="submit" className="secondary" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('mfa.turnOff')}</button>
    </form>
  );
}
