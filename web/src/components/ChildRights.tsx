/**
 * The data subject's rights on a child's record (server: src/children README "Rights"): the
 * restriction banner and its control (the commune's leaders), corrections (form and history),
 * consents (record, withdraw, completeness per purpose) and the export of everything held about the
 * child for an official request (supervisors and chair), each with its reason.
 */
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { api, apiFile, query } from '../api';
import type { ChildConsent, ChildConsents, ChildCorrections, ChildRecord } from '../api/types';
import { useUser } from '../auth';
import { useCommand } from '../hooks';
import { useApi } from '../query';
import { useI18n, type I18n } from '../i18n';
import type { MessageKey } from '../messages';
import { fromLocalInput } from '../format';
import { explainFields } from '../validation';
import { saveFile, Status } from './bits';
import { ErrorNotice } from './ErrorNotice';
import { Select, TextArea, TextInput } from './fields';

const KEEPERS = ['social_worker', 'supervisor'];
const LEADERS = ['supervisor', 'chair'];
const CORRECTABLE = ['fullName', 'sex', 'dateOfBirth', 'personalId', 'ethnicity', 'residenceCommuneCode', 'village', 'currentAddress', 'school', 'schoolClass'] as const;
const REQUESTERS = ['child', 'parent', 'guardian', 'official', 'worker'] as const;
const PURPOSES = ['alternative_care', 'information_sharing', 'media', 'counselling', 'other'] as const;
const GIVERS = ['child', 'parent', 'guardian'] as const;
const METHODS = ['written', 'oral_recorded'] as const;

const key = (k: string) => k as MessageKey;

/** Client-side checks: a required text of at least `min` characters. */
function required(values: Record<string, string>, min: Record<string, number>, i18n: I18n): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, n] of Object.entries(min)) {
    const v = (values[name] ?? '').trim();
    if (!v) out[name] = [i18n.t('v.required')];
    else if (v.length < n) out[name] = [i18n.t('v.minLength', { n })];
  }
  return out;
}

/**
 * Field errors by the form's field names (`prefix-field`: ids stay unique however many forms are
 * open): the form's own checks, else the server's explained.
 */
function useErrors(prefix: string, local: Record<string, string[]>, server: Record<string, string[]> | undefined, i18n: I18n) {
  return useMemo(() => Object.fromEntries(Object.entries({ ...explainFields(server ?? {}, i18n), ...local }).map(([k, v]) => [`${prefix}-${k}`, v])),
    [prefix, local, server, i18n]);
}

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}

/** Shown at the top of the record while its processing is restricted. */
export function RestrictionBanner({ c }: { c: ChildRecord }) {
  const { t, date } = useI18n();
  if (!c.restricted) return null;
  return (
    <div className="notice notice-warn" role="status" data-testid="restriction-banner">
      <p><strong>{t('rights.restrictedBanner')}</strong></p>
      <p>{t('rights.restrictedSince', { date: date(c.restricted.since) })} — {c.restricted.reason} ({c.restricted.basis})</p>
    </div>
  );
}

/** Place or lift the restriction (the commune's leaders), with the reason. */
export function RestrictionCard({ c, onChanged }: { c: ChildRecord; onChanged(): void }) {
  const user = useUser();
  const i18n = useI18n();
  const { t } = i18n;
  const [opened, setOpened] = useState(false);
  const [form, setForm] = useState({ reason: '', basis: 'NĐ 13/2023/NĐ-CP Điều 9 khoản 7', kind: 'parent', name: '' });
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const cmd = useCommand();
  const errors = useErrors('restriction', local, cmd.error?.fields, i18n);
  if (!LEADERS.includes(user.role) || c.mergedInto) return null;
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const bad = required(form, c.restricted ? { reason: 3 } : { reason: 3, basis: 3 }, i18n);
    setLocal(bad);
    if (Object.keys(bad).length) return;
    const res = await cmd.run(() => api<ChildRecord>(`/children/${c.id}/restriction`, c.restricted
      ? { method: 'DELETE', body: { reason: form.reason.trim() } }
      : { method: 'PUT', body: { reason: form.reason.trim(), basis: form.basis.trim(), requestedBy: { kind: form.kind, ...(form.name.trim() ? { name: form.name.trim() } : {}) } } }));
    if (res) {
      setOpened(false);
      setForm({ ...form, reason: '' });
      onChanged();
    }
  };

  return (
    <Card id="child-restriction" title={t('rights.restriction')}>
      <p>{c.restricted ? t('rights.restrictedBanner') : t('rights.notRestricted')}</p>
      {!opened && (
        <p><button type="button" className="secondary" onClick={() => setOpened(true)}>{c.restricted ? t('rights.lift') : t('rights.restrict')}</button></p>
      )}
      {opened && (
        <form className="form" onSubmit={submit} noValidate aria-label={c.restricted ? t('rights.lift') : t('rights.restrict')}>
          <ErrorNotice error={cmd.error} fieldLabels={{ reason: t('rights.reason'), basis: t('rights.basis') }} />
          <TextArea name="restriction-reason" label={t('rights.reason')} value={form.reason} onChange={set('reason')} errors={errors} />
          {!c.restricted && (
            <>
              <TextInput name="restriction-basis" label={t('rights.basis')} value={form.basis} onChange={set('basis')} errors={errors} />
              <Select name="restriction-requestedBy.kind" label={t('rights.requestedBy')} value={form.kind} onChange={set('kind')} errors={errors}
                options={REQUESTERS.map((r) => ({ value: r, label: t(key(`rights.requester.${r}`)) }))} />
              <TextInput name="restriction-requestedBy.name" label={t('rights.requesterName')} optional value={form.name} onChange={set('name')} errors={errors} />
            </>
          )}
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : c.restricted ? t('rights.lift') : t('rights.restrict')}</button>
            <button type="button" className="secondary" onClick={() => setOpened(false)}>{t('common.cancel')}</button>
          </p>
        </form>
      )}
    </Card>
  );
}

/** Corrections on a request: the form (workers, supervisors) and the history (values for supervisors). */
export function CorrectionsCard({ c, onChanged }: { c: ChildRecord; onChanged(): void }) {
  const user = useUser();
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const reads = KEEPERS.includes(user.role);
  const list = useApi<ChildCorrections>(reads ? `/children/${c.id}/corrections` : null);
  const [opened, setOpened] = useState(false);
  const [form, setForm] = useState({ field: '', value: '', reason: '', kind: 'parent', name: '', evidence: '' });
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<string | null>(null);
  const cmd = useCommand();
  const errors = useErrors('correction', local, cmd.error?.fields, i18n);
  if (!reads) return null;
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });
  const fieldLabel = (f: string) => t(key(`rights.field.${f}`));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const bad = required(form, { field: 1, reason: 3 }, i18n);
    if (form.field === 'dateOfBirth' && form.value.trim() && !/^\d{4}-\d{2}-\d{2}$/.test(form.value.trim())) bad.value = [t('v.dateOnly')];
    setLocal(bad);
    if (Object.keys(bad).length) return;
    const res = await cmd.run(() => api<ChildRecord>(`/children/${c.id}/corrections`, {
      body: {
        field: form.field, value: form.value.trim() || null, reason: form.reason.trim(),
        requestedBy: { kind: form.kind, ...(form.name.trim() ? { name: form.name.trim() } : {}) },
        ...(form.evidence.trim() ? { evidence: form.evidence.trim() } : {}),
      },
    }));
    if (res) {
      setOpened(false);
      setForm({ field: '', value: '', reason: '', kind: 'parent', name: '', evidence: '' });
      setStatus(t('rights.corrected'));
      list.reload();
      onChanged();
    }
  };

  const items = list.data?.items ?? [];
  return (
    <Card id="child-corrections" title={t('rights.corrections')}>
      <Status message={status} />
      <ErrorNotice error={list.error} onReload={list.reload} />
      {items.length === 0 ? <p className="muted">{t('rights.noCorrections')}</p> : (
        <ul>
          {items.map((k) => (
            <li key={k.id}>
              <strong>{fieldLabel(k.field)}</strong> — {dateTime(k.correctedAt)} — {k.correctedByName} — {t(key(`rights.requester.${k.requestedBy.kind}`))}
              {k.requestedBy.name ? ` (${k.requestedBy.name})` : ''}: {k.reason}
              {k.valuesShown && <div className="muted small">{k.previousValue ?? '—'} → {k.newValue ?? '—'}</div>}
            </li>
          ))}
        </ul>
      )}
      {!opened && !c.mergedInto && <p><button type="button" className="secondary" onClick={() => setOpened(true)}>{t('rights.correct')}</button></p>}
      {opened && (
        <form className="form" onSubmit={submit} noValidate aria-label={t('rights.correct')}>
          <ErrorNotice error={cmd.error} onReload={onChanged} fieldLabels={{ field: t('rights.fieldName'), value: t('rights.value'), reason: t('rights.reason') }} />
          <Select name="correction-field" label={t('rights.fieldName')} value={form.field} onChange={set('field')} errors={errors} placeholder={t('rights.chooseField')}
            options={CORRECTABLE.map((f) => ({ value: f, label: fieldLabel(f) }))} />
          <TextInput name="correction-value" label={t('rights.value')} hint={form.field === 'dateOfBirth' ? 'YYYY-MM-DD' : undefined} optional value={form.value} onChange={set('value')} errors={errors} />
          <TextArea name="correction-reason" label={t('rights.reason')} value={form.reason} onChange={set('reason')} errors={errors} />
          <Select name="correction-requestedBy.kind" label={t('rights.requestedBy')} value={form.kind} onChange={set('kind')} errors={errors}
            options={REQUESTERS.map((r) => ({ value: r, label: t(key(`rights.requester.${r}`)) }))} />
          <TextInput name="correction-requestedBy.name" label={t('rights.requesterName')} optional value={form.name} onChange={set('name')} errors={errors} />
          <TextInput name="correction-evidence" label={t('rights.evidence')} optional value={form.evidence} onChange={set('evidence')} errors={errors} />
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('rights.correct')}</button>
            <button type="button" className="secondary" onClick={() => setOpened(false)}>{t('common.cancel')}</button>
          </p>
        </form>
      )}
    </Card>
  );
}

/** Consents per purpose: whether each is complete, the records, recording one and withdrawing one. */
export function ConsentsCard({ c }: { c: ChildRecord }) {
  const user = useUser();
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const reads = [...KEEPERS, 'chair'].includes(user.role);
  const writes = KEEPERS.includes(user.role) && !c.mergedInto;
  const list = useApi<ChildConsents>(reads ? `/children/${c.id}/consents` : null);
  const [opened, setOpened] = useState(false);
  const empty = { purpose: 'information_sharing', purposeText: '', givenBy: 'parent', name: '', givenAt: '', method: 'written' };
  const [form, setForm] = useState(empty);
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const cmd = useCommand();
  const errors = useErrors('consent', local, cmd.error?.fields, i18n);
  if (!reads) return null;
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });
  const purposeLabel = (p: string, text: string | null) => (p === 'other' && text ? text : t(key(`rights.purpose.${p}`)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const bad = required(form, { name: 1, givenAt: 1, ...(form.purpose === 'other' ? { purposeText: 3 } : {}) }, i18n);
    const givenAt = fromLocalInput(form.givenAt);
    if (form.givenAt && !givenAt) bad.givenAt = [t('v.date')];
    else if (givenAt && new Date(givenAt).getTime() > Date.now()) bad.givenAt = [t('v.notFuture')];
    setLocal(bad);
    if (Object.keys(bad).length) return;
    const res = await cmd.run(() => api<ChildConsent>(`/children/${c.id}/consents`, {
      body: {
        purpose: form.purpose, ...(form.purpose === 'other' ? { purposeText: form.purposeText.trim() } : {}), givenBy: form.givenBy,
        name: form.name.trim(), givenAt, method: form.method,
      },
    }));
    if (res) {
      setOpened(false);
      setForm(empty);
      list.reload();
    }
  };

  const data = list.data;
  return (
    <Card id="child-consents" title={t('rights.consents')}>
      <ErrorNotice error={list.error} onReload={list.reload} />
      {data && (
        <>
          <p className="muted">{data.childAgeYears !== null && data.childAgeYears < 7 ? t('rights.consentRuleUnder7') : t('rights.consentRule7')}</p>
          {data.purposes.length === 0 ? <p className="muted">{t('rights.noConsents')}</p> : (
            <ul aria-label={t('rights.completeness')}>
              {data.purposes.map((s) => (
                <li key={`${s.purpose}-${s.purposeText ?? ''}`} data-testid={`consent-${s.purpose}`}>
                  <strong>{purposeLabel(s.purpose, s.purposeText)}</strong>: {s.complete ? t('rights.complete') : t('rights.incomplete')}
                  {!s.complete && s.childNeeded && !s.byChild && ` — ${t('rights.needsChild')}`}
                  {!s.complete && !s.byParentOrGuardian && ` — ${t('rights.needsParent')}`}
                </li>
              ))}
            </ul>
          )}
          {data.items.length > 0 && (
            <ul>
              {data.items.map((k) => <ConsentItem key={k.id} k={k} writes={writes} onChanged={list.reload} label={purposeLabel(k.purpose, k.purposeText)} when={dateTime(k.givenAt)} />)}
            </ul>
          )}
        </>
      )}
      {writes && !opened && <p><button type="button" className="secondary" onClick={() => setOpened(true)}>{t('rights.recordConsent')}</button></p>}
      {opened && (
        <form className="form" onSubmit={submit} noValidate aria-label={t('rights.recordConsent')}>
          <ErrorNotice error={cmd.error} fieldLabels={{ purposeText: t('rights.purposeText'), name: t('rights.consentName'), givenAt: t('rights.givenAt') }} />
          <Select name="consent-purpose" label={t('rights.purpose')} value={form.purpose} onChange={set('purpose')} errors={errors}
            options={PURPOSES.map((p) => ({ value: p, label: t(key(`rights.purpose.${p}`)) }))} />
          {form.purpose === 'other' && <TextInput name="consent-purposeText" label={t('rights.purposeText')} value={form.purposeText} onChange={set('purposeText')} errors={errors} />}
          <Select name="consent-givenBy" label={t('rights.givenBy')} value={form.givenBy} onChange={set('givenBy')} errors={errors}
            options={GIVERS.map((g) => ({ value: g, label: t(key(`rights.requester.${g}`)) }))} />
          <TextInput name="consent-name" label={t('rights.consentName')} value={form.name} onChange={set('name')} errors={errors} />
          <TextInput name="consent-givenAt" type="datetime-local" label={t('rights.givenAt')} value={form.givenAt} onChange={set('givenAt')} errors={errors} />
          <Select name="consent-method" label={t('rights.method')} value={form.method} onChange={set('method')} errors={errors}
            options={METHODS.map((m) => ({ value: m, label: t(key(`rights.method.${m}`)) }))} />
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('rights.recordConsent')}</button>
            <button type="button" className="secondary" onClick={() => setOpened(false)}>{t('common.cancel')}</button>
          </p>
        </form>
      )}
    </Card>
  );
}

function ConsentItem({ k, writes, onChanged, label, when }: { k: ChildConsent; writes: boolean; onChanged(): void; label: string; when: string }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const cmd = useCommand();
  const errors = useErrors(`withdraw-${k.id}`, local, cmd.error?.fields, i18n);
  const withdraw = async (e: FormEvent) => {
    e.preventDefault();
    const bad = required({ reason }, { reason: 3 }, i18n);
    setLocal(bad);
    if (Object.keys(bad).length) return;
    if (await cmd.run(() => api<ChildConsent>(`/consents/${k.id}/withdraw`, { body: { reason: reason.trim() } }))) onChanged();
  };
  return (
    <li>
      {label} — {t(key(`rights.requester.${k.givenBy}`))} {k.name} — {when} — {t(key(`rights.method.${k.method}`))}
      {k.childAgeYears !== null && ` — ${t('case.ageYears', { n: k.childAgeYears })}`}
      {k.withdrawnAt && <span className="muted"> — {t('rights.withdrawnAt', { date: dateTime(k.withdrawnAt) })}: {k.withdrawalReason}</span>}
      {writes && !k.withdrawnAt && !opened && <> <button type="button" className="secondary" onClick={() => setOpened(true)}>{t('rights.withdraw')}</button></>}
      {opened && (
        <form className="form" onSubmit={withdraw} noValidate aria-label={t('rights.withdraw')}>
          <ErrorNotice error={cmd.error} fieldLabels={{ reason: t('rights.reason') }} />
          <TextArea name={`withdraw-${k.id}-reason`} label={t('rights.reason')} value={reason} onChange={setReason} errors={errors} />
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{t('rights.withdraw')}</button>
            <button type="button" className="secondary" onClick={() => setOpened(false)}>{t('common.cancel')}</button>
          </p>
        </form>
      )}
    </li>
  );
}

/** "Xuất toàn bộ dữ liệu": the export for an official request, downloaded as JSON; the reason is required (and audited). */
export function ExportCard({ c }: { c: ChildRecord }) {
  const user = useUser();
  const i18n = useI18n();
  const { t } = i18n;
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const cmd = useCommand();
  const errors = useErrors('export', local, cmd.error?.fields, i18n);
  if (!LEADERS.includes(user.role)) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const bad = required({ reason }, { reason: 3 }, i18n);
    setLocal(bad);
    if (Object.keys(bad).length) return;
    const res = await cmd.run(() => apiFile(`/children/${c.id}/export${query({ reason: reason.trim() })}`, 'application/json'));
    if (res) saveFile(res.blob, res.filename ?? `child-${c.id}.json`);
  };
  return (
    <Card id="child-export" title={t('rights.export')}>
      <form className="form" onSubmit={submit} noValidate aria-label={t('rights.export')}>
        <p>{t('rights.exportIntro')}</p>
        <ErrorNotice error={cmd.error} fieldLabels={{ reason: t('rights.exportReason') }} />
        <TextArea name="export-reason" label={t('rights.exportReason')} value={reason} onChange={setReason} errors={errors} />
        <p className="actions"><button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('rights.export')}</button></p>
      </form>
    </Card>
  );
}
