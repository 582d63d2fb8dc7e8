import { useState, type FormEvent } from 'react';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/bits';
import { TextInput } from '../components/fields';
import { useCommand } from '../hooks';
import { useI18n } from '../i18n';

export function Login() {
  const { login, expired } = useAuth();
  const { t, lang, setLang } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const cmd = useCommand();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void cmd.run(() => login(username.trim(), password));
  };

  return (
    <main id="main" className="login">
      <p className="brand-line">
        <span className="logo">baove</span> <span className="tagline">{t('app.tagline')}</span>
        <button type="button" className="link" lang={lang === 'vi' ? 'en' : 'vi'} aria-label={t('lang.switchLabel')}
          onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
          {t('lang.switch')}
        </button>
      </p>
      <PageTitle title={t('login.title')}>{t('login.title')}</PageTitle>
      <p>{t('login.intro')}</p>
      {expired && !cmd.error && <p className="notice" role="status">{t('login.expired')}</p>}
      <form onSubmit={submit} className="card">
        {cmd.error?.status === 401
          ? <p className="notice notice-error" role="alert">{t('login.failed')}</p>
          : <ErrorNotice error={cmd.error} />}
        <TextInput name="username" label={t('login.username')} value={username} onChange={setUsername}
          autoComplete="username" autoCapitalize="none" spellCheck={false} required />
        <TextInput name="password" label={t('login.password')} type="password" value={password} onChange={setPassword}
          autoComplete="current-password" required />
        <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('login.submit')}</button>
      </form>
    </main>
  );
}
