/**
 * The case's flags (a reason and a note, who raised and cleared them); the staff of the commune
 * leading the case raise and clear them. Shown to the case's commune and province staff only.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { CaseDetail, CaseFlag } from '../../api/types';
import { flagReasonValues } from '../../api/schema.gen';
import { useUser } from '../../auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Select, TextArea } from '../../components/fields';
import { Badge, Status } from '../../components/bits';
import { useCommand } from '../../hooks';
import { useApi } from '../../query';
import { useI18n } from '../../i18n';
import { explainFields } from '../../validation';

const SEES = ['social_worker', 'supervisor', 'chair', 'auditor'];
const FLAGS = ['social_worker', 'supervisor'];

export function FlagsSection({ c }: { c: CaseDetail }) {
  const user = useUser();
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  const sees = SEES.includes(user.role);
  const list = useApi<{ items: CaseFlag[] }>(sees ? `/cases/${c.id}/flags` : null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [clearing, setClearing] = useState<string | null>(null);
  const [clearNote, setClearNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const cmd = useCommand();
  const errors = useMemo(() => explainFields(cmd.error?.fields ?? {}, i18n), [cmd.error, i18n]);
  if (!sees) return null;
  const mayFlag = FLAGS.includes(user.role) && (user.communeCode === null || user.communeCode === c.communeCode);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const res = await cmd.run(() => api<{ flag: CaseFlag }>(`/cases/${c.id}/flags`, {
      method: 'POST', body: { reason, ...(note.trim() ? { note: note.trim() } : {}) },
    }));
    if (res) {
      setReason('');
      setNote('');
      list.reload();
      setMessage(t('flags.badge', { reason: label('flagReason', res.flag.reason) }));
    }
  };
  const clear = async (flag: CaseFlag) => {
    const res = await cmd.run(() => api<{ flag: CaseFlag }>(`/cases/${c.id}/flags/${flag.id}/clear`, {
      method: 'POST', body: clearNote.trim() ? { note: clearNote.trim() } : {},
    }));
    if (res) {
      setClearing(null);
      setClearNote('');
      list.reload();
      setMessage(t('flags.cleared', { name: res.flag.clearedBy?.name ?? '', date: dateTime(res.flag.clearedAt) }));
    }
  };

  return (
    <section aria-labelledby="flags-h" className="card">
      <h2 id="flags-h">{t('flags.title')}</h2>
      <Status message={message} />
      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.data && (list.data.items.length === 0 ? <p className="muted">{t('flags.none')}</p> : (
        <ul className="flag-list">
          {list.data.items.map((f) => (
            <li key={f.id} className={f.open ? 'flag-open' : 'flag-cleared'}>
              <Badge tone={f.open ? 'warn' : 'plain'}>{label('flagReason', f.reason)}</Badge>{' '}
              {f.note && <span>{f.note}</span>}
              <div className="muted small">{t('flags.by', { name: f.flaggedBy.name ?? '', date: dateTime(f.flaggedAt) })}
                {f.clearedBy && <> · {t('flags.cleared', { name: f.clearedBy.name ?? '', date: dateTime(f.clearedAt) })}{f.clearNote && `: ${f.clearNote}`}</>}
              </div>
              {f.open && mayFlag && (clearing === f.id ? (
                <div className="form">
                  <TextArea name="clearNote" label={t('flags.clearNote')} optional value={clearNote} onChange={setClearNote} errors={errors} />
                  <p className="actions">
                    <button type="button" disabled={cmd.busy} onClick={() => clear(f)}>{t('flags.clear')}</button>
                    <button type="button" className="secondary" onClick={() => setClearing(null)}>{t('common.cancel')}</button>
                  </p>
                </div>
              ) : <button type="button" className="secondary small" onClick={() => setClearing(f.id)}>{t('flags.clear')}</button>)}
            </li>
          ))}
        </ul>
      ))}
      {mayFlag && (
        <form className="form" onSubmit={add} noValidate aria-label={t('flags.add')}>
          <ErrorNotice error={cmd.error} fieldLabels={{ reason: t('flags.reason'), note: t('flags.note') }} />
          <Select name="reason" id="flag-reason" label={t('flags.reason')} value={reason} onChange={setReason} placeholder={t('common.choose')} errors={errors}
            options={flagReasonValues.map((r) => ({ value: r, label: label('flagReason', r) }))} />
          <TextArea name="note" id="flag-note" label={t('flags.note')} optional={reason !== 'other'} value={note} onChange={setNote} errors={errors} maxLength={2000} />
          <p className="actions"><button type="submit" disabled={!reason || cmd.busy}>{cmd.busy ? t('common.sending') : t('flags.add')}</button></p>
        </form>
      )}
    </section>
  );
}
