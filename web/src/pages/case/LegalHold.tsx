/**
 * The case's legal hold (src/retention README): shown to the commune's leaders, who place it (a
 * proceeding, an inspection, a court's request keeps the closed case from anonymisation) and lift
 * it, each with a reason (audited).
 */
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { CaseDetail, LegalHold } from '../../api/types';
import { useUser } from '../../auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Status } from '../../components/bits';
import { TextArea } from '../../components/fields';
import { useCommand } from '../../hooks';
import { useI18n } from '../../i18n';
import { explainFields } from '../../validation';

const LEADERS = ['supervisor', 'chair'];

export function LegalHoldSection({ c, onChanged }: { c: CaseDetail; onChanged(): void }) {
  const user = useUser();
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const cmd = useCommand();
  if (!LEADERS.includes(user.role) || c.legalHold === undefined) return null;
  const hold = c.legalHold;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = reason.trim();
    const bad = text.length === 0 ? [t('v.required')] : text.length < 3 ? [t('v.minLength', { n: 3 })] : [];
    setLocal(bad);
    if (bad.length) return;
    const res = await cmd.run(() => api<LegalHold>(`/cases/${c.id}/legal-hold`, hold ? { method: 'DELETE', body: { reason: text } } : { method: 'PUT', body: { reason: text } }));
    if (res) {
      setReason('');
      setMessage(res.legalHold ? t('legalHold.placed') : t('legalHold.lifted'));
      onChanged();
    }
  };
  const errors = { 'legal-hold-reason': local.length ? local : explainFields(cmd.error?.fields ?? {}, i18n).reason ?? [] };

  return (
    <section aria-labelledby="legal-hold-h" className="card">
      <h2 id="legal-hold-h">{t('legalHold.title')}</h2>
      <Status message={message} />
      <p data-testid="legal-hold-state">
        {hold ? t('legalHold.current', { date: dateTime(hold.since), reason: hold.reason }) : t('legalHold.none')}
      </p>
      <form className="form" onSubmit={submit} noValidate aria-label={hold ? t('legalHold.lift') : t('legalHold.place')}>
        <ErrorNotice error={cmd.error} fieldLabels={{ reason: t('legalHold.reason') }} />
        <TextArea name="legal-hold-reason" label={t('legalHold.reason')} value={reason} onChange={setReason} errors={errors} />
        <p className="actions"><button type="submit" disabled={cmd.busy}>{hold ? t('legalHold.lift') : t('legalHold.place')}</button></p>
      </form>
    </section>
  );
}
