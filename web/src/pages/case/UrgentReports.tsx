/**
 * The case's urgent reports (báo cáo đột xuất) with their status, and — for the case staff of the
 * commune leading it — opening one (a death, serious injury, drowning or serious abuse found after
 * intake).
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { CaseDetail, UrgentReport } from '../../api/types';
import { useUser } from '../../auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CheckboxGroup, TextArea } from '../../components/fields';
import { UrgentReportCard } from '../../components/UrgentReportCard';
import { Status } from '../../components/bits';
import { useCommand } from '../../hooks';
import { useApi } from '../../query';
import { useI18n } from '../../i18n';
import { URGENT_INCIDENT_KINDS } from '../../labels';
import { explainFields } from '../../validation';

const SEES = ['social_worker', 'supervisor', 'chair', 'auditor'];
const OPENS = ['social_worker', 'supervisor', 'chair'];

export function UrgentReportsSection({ c }: { c: CaseDetail }) {
  const user = useUser();
  const i18n = useI18n();
  const { t, label } = i18n;
  const sees = SEES.includes(user.role);
  const list = useApi<{ items: UrgentReport[] }>(sees ? `/cases/${c.id}/urgent-reports` : null);
  const [opening, setOpening] = useState(false);
  const [kinds, setKinds] = useState<string[]>([]);
  const [summary, setSummary] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const cmd = useCommand();
  const errors = useMemo(() => explainFields(cmd.error?.fields ?? {}, i18n), [cmd.error, i18n]);
  if (!sees) return null;
  const mayOpen = OPENS.includes(user.role) && (user.communeCode === null || user.communeCode === c.communeCode);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await cmd.run(() => api<{ urgentReport: UrgentReport }>(`/cases/${c.id}/urgent-reports`, {
      body: { kinds, ...(summary.trim() ? { summary: summary.trim() } : {}) },
    }));
    if (res) {
      setOpening(false);
      setKinds([]);
      setSummary('');
      list.reload();
      setMessage(t('urgent.updated', { code: c.code, state: label('urgentReportState', res.urgentReport.state) }));
    }
  };
  const updated = (r: UrgentReport) => {
    if (list.data) list.set({ items: list.data.items.map((x) => (x.id === r.id ? r : x)) });
    setMessage(t('urgent.updated', { code: c.code, state: label('urgentReportState', r.state) }));
  };

  return (
    <section aria-labelledby="urgent-h" className="card">
      <h2 id="urgent-h">{t('urgent.onCase')}</h2>
      <Status message={message} />
      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.data && (list.data.items.length === 0
        ? <p className="muted">{t('urgent.none')}</p>
        : <ul className="cards">{list.data.items.map((r) => <UrgentReportCard key={r.id} r={r} level={3} onUpdated={updated} onReload={list.reload} />)}</ul>)}
      {mayOpen && !opening && <p><button type="button" className="secondary" onClick={() => setOpening(true)}>{t('urgent.open')}</button></p>}
      {opening && (
        <form className="form" onSubmit={submit} noValidate aria-label={t('urgent.open')}>
          <ErrorNotice error={cmd.error} fieldLabels={{ kinds: t('urgent.openKinds'), summary: t('urgent.openSummary') }} />
          <CheckboxGroup name="kinds" label={t('urgent.openKinds')} values={kinds} onChange={setKinds} errors={errors}
            options={URGENT_INCIDENT_KINDS.map((k) => ({ value: k, label: label('urgentKind', k) }))} />
          <TextArea name="summary" label={t('urgent.openSummary')} optional value={summary} onChange={setSummary} errors={errors} />
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('urgent.open')}</button>
            <button type="button" className="secondary" onClick={() => setOpening(false)}>{t('common.cancel')}</button>
          </p>
        </form>
      )}
    </section>
  );
}
