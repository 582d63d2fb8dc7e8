import { useState, type FormEvent } from 'react';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { OutsideShell, PageTitle } from '../components/bits';
import { TextInput } from '../components/fields';
import { useCommand } from '../hooks';
import { useI18n } from '../i18n';

/**
 * The user changes their own password. `forced`: the first sign-in (or after a reset) — the only
 * screen until it is done, with sign-out as the way out.
 */
export function ChangePassword({ forced = false }: { forced?: boolean }) {
  const { changePassword, logout } = useAuth();
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const cmd = useCommand();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (next !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const res = await cmd.run(() => changePassword(current, next));
    if (res) {
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
    }
  };

  const errors = { ...cmd.error?.fields, ...(mismatch ? { confirmPassword: [t('password.mismatch')] } : {}) };
  const form = (
    <>
      <PageTitle title={t('password.title')}>{t('password.title')}</PageTitle>
      <p>{forced ? t('password.forcedIntro') : t('password.intro')}</p>
      {done && <p className="notice" role="status">{t('password.done')}</p>}
      <form onSubmit={(e) => void submit(e)} className="card">
        <ErrorNotice error={cmd.error} />
        <TextInput name="currentPassword" label={t('password.current')} type="password" value={current} onChange={setCurrent}
          autoComplete="current-password" errors={errors} required />
        <TextInput name="newPassword" label={t('password.new')} type="password" value={next} onChange={setNext}
          autoComplete="new-password" hint={t('password.newHint')} errors={errors} required minLength={10} />
        <TextInput name="confirmPassword" label={t('password.confirm')} type="password" value={confirm} onChange={setConfirm}
          autoComplete="new-password" errors={errors} required />
        <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('password.submit')}</button>
      </form>
    </>
  );
  return forced ? <OutsideShell onSignOut={() => void logout()}>{form}</OutsideShell> : form;
}
