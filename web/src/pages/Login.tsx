import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import type { MfaChallenge, SignInMethods } from '../api/types';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { OutsideShell, PageTitle } from '../components/bits';
import { TextInput } from '../components/fields';
import { useCommand } from '../hooks';
import { useI18n } from '../i18n';
import { takeHeldSubmit } from '../prerendered';

/** The one-time code the identity provider's callback adds to the console's address (never tokens). */
function takeOidcCode(): string | null {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('oidcCode');
  if (code) {
    url.searchParams.delete('oidcCode');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return code;
}

export function Login() {
  const { login, verifyMfa, exchangeOidcCode, expired } = useAuth();
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [methods, setMethods] = useState<SignInMethods | null>(null);
  const cmd = useCommand();
  const form = useRef<HTMLFormElement>(null);

  // Hydrating the pre-rendered sign-in (prerendered.ts): what was typed before the script came is in
  // the inputs, not yet in the state, and a submit may be waiting. Before the browser paints, so no
  // keystroke or submit falls between hydration and this.
  useLayoutEffect(() => {
    const typed = (name: string) => {
      const input = form.current?.elements.namedItem(name);
      return input instanceof HTMLInputElement ? input.value : '';
    };
    const [typedUsername, typedPassword] = [typed('username'), typed('password')];
    setUsername(typedUsername);
    setPassword(typedPassword);
    if (takeHeldSubmit()) void cmd.run(async () => setChallenge(await login(typedUsername.trim(), typedPassword)));
    // Once, on arrival.
  }, []);

  useEffect(() => {
    void api<SignInMethods>('/auth/methods').then(setMethods, () => setMethods(null));
    const oidcCode = takeOidcCode();
    if (oidcCode) void cmd.run(() => exchangeOidcCode(oidcCode));
    // Once, on arrival.
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void cmd.run(async () => setChallenge(await login(username.trim(), password)));
  };

  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    if (!challenge) return;
    void cmd.run(() => verifyMfa(challenge.mfaToken, useRecovery ? { recoveryCode: code.trim() } : { code: code.trim() }));
  };

  return (
    <OutsideShell>
      {challenge ? (
        <>
          <PageTitle title={t('login.mfaTitle')}>{t('login.mfaTitle')}</PageTitle>
          <p>{t('login.mfaIntro')}</p>
          <form onSubmit={submitCode} className="card">
            {cmd.error?.status === 401
              ? <p className="notice notice-error" role="alert">{t('login.mfaFailed')}</p>
              : <ErrorNotice error={cmd.error} />}
            {useRecovery
              ? <TextInput name="recoveryCode" label={t('login.mfaRecovery')} value={code} onChange={setCode}
                autoComplete="off" autoCapitalize="none" spellCheck={false} required />
              : <TextInput name="code" label={t('login.mfaCode')} value={code} onChange={setCode}
                autoComplete="one-time-code" inputMode="numeric" pattern="[0-9]{6}" required />}
            <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('login.submit')}</button>
            <button type="button" className="link" onClick={() => { setUseRecovery(!useRecovery); setCode(''); }}>
              {useRecovery ? t('login.mfaUseCode') : t('login.mfaUseRecovery')}
            </button>
          </form>
        </>
      ) : (
        <>
          <PageTitle title={t('login.title')}>{t('login.title')}</PageTitle>
          <p>{t('login.intro')}</p>
          {expired && !cmd.error && <p className="notice" role="status">{t('login.expired')}</p>}
          {/* A post, should the guard in index.html ever not run: the password never goes into an address. */}
          <form ref={form} onSubmit={submit} method="post" className="card">
            {cmd.error?.status === 401
              ? <p className="notice notice-error" role="alert">{t('login.failed')}</p>
              : <ErrorNotice error={cmd.error} />}
            <TextInput name="username" label={t('login.username')} value={username} onChange={setUsername}
              autoComplete="username" autoCapitalize="none" spellCheck={false} required />
            <TextInput name="password" label={t('login.password')} type="password" value={password} onChange={setPassword}
              autoComplete="current-password" required />
            <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('login.submit')}</button>
          </form>
          {methods?.oidc && <p><a className="button" href="/api/v1/auth/oidc/start">{t('login.oidc')}</a></p>}
        </>
      )}
    </OutsideShell>
  );
}
