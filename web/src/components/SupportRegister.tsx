/**
 * A registry child's entries on the special-circumstances register, for the commune's social
 * workers, supervisors and chair: a link to each, and — for the workers and supervisors of the
 * commune the child lives in, when the child is not on it — the registration form (the groups of
 * Luật Trẻ em Điều 10 that apply, a note).
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api, query } from '../api';
import type { ChildRecord, Page, Support, SupportListItem } from '../api/types';
import { useUser } from '../auth';
import { useCommand } from '../hooks';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { SPECIAL_CIRCUMSTANCES } from '../labels';
import { SUPPORT_READERS } from '../pages/Supports';
import { Link, navigate } from '../router';
import { explainFields } from '../validation';
import { ErrorNotice } from './ErrorNotice';
import { CheckboxGroup, TextArea } from './fields';

const KEEPERS = ['social_worker', 'supervisor'];

export function SupportRegister({ c }: { c: ChildRecord }) {
  const user = useUser();
  const i18n = useI18n();
  const { t, label, date } = i18n;
  const reads = SUPPORT_READERS.includes(user.role) && user.communeCode !== null;
  const list = useApi<Page<SupportListItem>>(reads ? `/supports${query({ childId: c.id, status: 'all' })}` : null);
  const [opened, setOpened] = useState(false);
  const [groups, setGroups] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const cmd = useCommand();
  const errors = useMemo(() => explainFields(cmd.error?.fields ?? {}, i18n), [cmd.error, i18n]);
  if (!reads) return null;
  const items = list.data?.items ?? [];
  const onRegister = items.some((s) => s.status !== 'exited');
  const mayRegister = KEEPERS.includes(user.role) && user.communeCode === c.residenceCommuneCode && !c.mergedInto && list.data && !onRegister;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await cmd.run(() => api<{ support: Support }>(`/children/${c.id}/supports`, {
      body: { groups, ...(note.trim() ? { note: note.trim() } : {}) },
    }));
    if (res) navigate(`/supports/${res.support.id}`);
  };

  return (
    <section aria-labelledby="child-support-h" className="card">
      <h2 id="child-support-h">{t('support.onChild')}</h2>
      <ErrorNotice error={list.error} onReload={list.reload} />
      {items.length > 0 && (
        <ul>
          {items.map((s) => (
            <li key={s.id}>
              <Link to={`/supports/${s.id}`}>{s.code}</Link> — {label('supportStatus', s.status)} ({date(s.registeredAt)})
            </li>
          ))}
        </ul>
      )}
      {mayRegister && !opened && <p><button type="button" className="secondary" onClick={() => setOpened(true)}>{t('support.register')}</button></p>}
      {opened && (
        <form className="form" onSubmit={submit} noValidate aria-label={t('support.register')}>
          <p>{t('support.registerIntro')}</p>
          <ErrorNotice error={cmd.error} fieldLabels={{ groups: t('support.groups'), note: t('support.note') }} />
          <CheckboxGroup name="groups" label={t('support.groups')} values={groups} onChange={setGroups} errors={errors}
            options={SPECIAL_CIRCUMSTANCES.map((g) => ({ value: g, label: label('specialCircumstance', g) }))} />
          <TextArea name="note" label={t('support.note')} optional value={note} onChange={setNote} errors={errors} />
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('support.register')}</button>
            <button type="button" className="secondary" onClick={() => setOpened(false)}>{t('common.cancel')}</button>
          </p>
        </form>
      )}
    </section>
  );
}
