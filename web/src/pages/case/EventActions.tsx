/**
 * One button or small form per event the case accepts from this user now. The list comes from
 * the API's `allowedEvents`; only the fields each event needs are known here, never which state
 * allows what.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { api, idempotencyKey, query } from '../../api';
import { useUser } from '../../auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import { fieldId, Select, TextArea, TextInput, YesNo, type FieldErrors } from '../../components/fields';
import { useApi, useCommand } from '../../hooks';
import { useI18n } from '../../i18n';
import { HANDOFF_KIND_AGENCY, HANDOFF_KINDS, PARTNER_AGENCY_TYPES, RISK_LEVELS } from '../../labels';
import type { MessageKey } from '../../messages';
import type { CaseDetail, CaseListItem, DirectoryUser, Page } from '../../api/types';
import { explainFields } from '../../validation';

type Spec =
  | { kind: 'text' | 'lines' | 'yesno' | 'caseCode' | 'assignee' | 'planActions' | 'noteKind'; key: string; label: MessageKey }
  | { kind: 'risk'; key: string; label: MessageKey };

const REASON: Spec = { kind: 'text', key: 'reason', label: 'ev.reason' };
const SUMMARY: Spec = { kind: 'text', key: 'summary', label: 'ev.summary' };

/** The fields of each client event's `data` (validated again by the API). */
const EVENT_FIELDS: Record<string, Spec[]> = {
  ASSIGN: [{ kind: 'assignee', key: 'assigneeId', label: 'ev.assigneeId' }],
  START_VERIFICATION: [],
  RECORD_INITIAL_ASSESSMENT: [
    { kind: 'risk', key: 'riskLevel', label: 'ev.riskLevel' },
    { kind: 'yesno', key: 'substantiated', label: 'ev.substantiated' },
    SUMMARY,
  ],
  APPLY_EMERGENCY_MEASURES: [{ kind: 'lines', key: 'measures', label: 'ev.measures' }],
  RECORD_ASSESSMENT: [{ kind: 'lines', key: 'needs', label: 'ev.needs' }, SUMMARY],
  SUBMIT_PLAN: [{ kind: 'text', key: 'goals', label: 'ev.goals' }, { kind: 'planActions', key: 'actions', label: 'ev.actions' }],
  APPROVE_PLAN: [],
  REJECT_PLAN: [REASON],
  RECORD_REVIEW: [SUMMARY, { kind: 'yesno', key: 'childSafe', label: 'ev.childSafe' }],
  PROPOSE_CLOSURE: [REASON],
  APPROVE_CLOSURE: [],
  REJECT_CLOSURE: [REASON],
  CLOSE_UNFOUNDED: [REASON],
  MARK_DUPLICATE: [{ kind: 'caseCode', key: 'ofCaseId', label: 'ev.ofCase' }],
  REOPEN: [REASON],
  ADD_NOTE: [{ kind: 'text', key: 'text', label: 'ev.text' }, { kind: 'noteKind', key: 'kind', label: 'ev.noteKind' }],
};

/** Events that move the case on come first; assignment, duplicates and notes last. */
const LAST = ['ASSIGN', 'MARK_DUPLICATE', 'ADD_NOTE'];
const order = (type: string) => LAST.indexOf(type);

interface PlanActionDraft {
  kind: string;
  agencyType: string;
  dueInDays: string;
  instructions: string;
}
type Values = Record<string, string | boolean | null | PlanActionDraft[]>;

function initialValues(specs: Spec[], userId: string): Values {
  const v: Values = {};
  for (const s of specs) {
    if (s.kind === 'yesno') v[s.key] = null;
    else if (s.kind === 'planActions') v[s.key] = [];
    else if (s.kind === 'assignee') v[s.key] = userId;
    else if (s.kind === 'noteKind') v[s.key] = 'note';
    else v[s.key] = '';
  }
  return v;
}

interface Props {
  c: CaseDetail;
  onApplied(c: CaseDetail, eventType: string): void;
  onReload(): void;
  onShowChanges(): void;
}

export function EventActions({ c, onApplied, onReload, onShowChanges }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  if (!c.allowedEvents.length) return <p className="muted">{t('case.noActions')}</p>;
  const events = [...c.allowedEvents].sort((a, b) => order(a) - order(b));
  return (
    <ul className="event-actions">
      {events.map((type) => (
        <li key={type}>
          <EventAction type={type} c={c} open={open === type} onToggle={(o) => setOpen(o ? type : null)}
            onApplied={(next) => { setOpen(null); onApplied(next, type); }} onReload={onReload} onShowChanges={onShowChanges} />
        </li>
      ))}
    </ul>
  );
}

interface ActionProps {
  type: string;
  c: CaseDetail;
  open: boolean;
  onToggle(open: boolean): void;
  onApplied(c: CaseDetail): void;
  onReload(): void;
  onShowChanges(): void;
}

function EventAction({ type, c, open, onToggle, onApplied, onReload, onShowChanges }: ActionProps) {
  const user = useUser();
  const i18n = useI18n();
  const { t, label } = i18n;
  const specs = EVENT_FIELDS[type] ?? [];
  const formId = useId();
  const [values, setValues] = useState<Values>(() => initialValues(specs, user.id));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  // One key per opened form: a retried submit after a lost answer applies once.
  const [key, setKey] = useState(idempotencyKey);
  const cmd = useCommand();
  const errors = useMemo(() => ({ ...explainFields(cmd.error?.fields ?? {}, i18n), ...localErrors }), [cmd.error, localErrors, i18n]);

  const reset = () => {
    setValues(initialValues(specs, user.id));
    setLocalErrors({});
    setKey(idempotencyKey());
    cmd.clear();
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setLocalErrors({});
    const res = await cmd.run(async () => {
      const data = await buildData(specs, values);
      if (data === null) return null;
      return api<{ case: CaseDetail }>(`/cases/${c.id}/events`, {
        body: { type, data, expectedVersion: c.version },
        headers: { 'Idempotency-Key': key },
      });
    });
    if (res === null) setLocalErrors({ 'data.ofCaseId': [t('ev.caseNotFound')] });
    if (res) {
      reset();
      onApplied(res.case);
    }
  };

  /** Resolves a typed case code to its id (MARK_DUPLICATE); null when no such case is in scope. */
  const buildData = async (list: Spec[], v: Values): Promise<Record<string, unknown> | null> => {
    const data: Record<string, unknown> = {};
    for (const s of list) {
      const value = v[s.key];
      switch (s.kind) {
        case 'text':
          data[s.key] = String(value).trim();
          break;
        case 'lines':
          data[s.key] = String(value).split('\n').map((l) => l.trim()).filter(Boolean);
          break;
        case 'yesno':
          if (value !== null) data[s.key] = value;
          break;
        case 'planActions':
          data[s.key] = (value as PlanActionDraft[]).map((a) => ({
            kind: a.kind || undefined,
            agencyType: a.agencyType || undefined,
            dueInDays: a.dueInDays.trim() === '' ? undefined : Number(a.dueInDays),
            instructions: a.instructions.trim() || undefined,
          }));
          break;
        case 'caseCode': {
          const code = String(value).trim();
          if (!code) {
            data[s.key] = undefined;
            break;
          }
          const found = await api<Page<CaseListItem>>(`/cases${query({ q: code, pageSize: 5 })}`);
          const hit = found.items.find((i) => i.code.toLowerCase() === code.toLowerCase());
          if (!hit) return null;
          data[s.key] = hit.id;
          break;
        }
        default:
          data[s.key] = value === '' ? undefined : value;
      }
    }
    return data;
  };

  const title = label('event', type);
  const error = <ErrorNotice error={cmd.error} onReload={onReload} onShowChanges={onShowChanges} fieldLabels={fieldLabels(specs, t)} />;

  if (!specs.length) {
    return (
      <div className="event-action">
        <button type="button" onClick={() => void submit()} disabled={cmd.busy}>{cmd.busy ? t('common.sending') : title}</button>
        {error}
      </div>
    );
  }
  return (
    <div className="event-action">
      <button type="button" className="secondary toggle" aria-expanded={open} aria-controls={formId} onClick={() => onToggle(!open)}>
        {title}
      </button>
      {open && (
        <form id={formId} className="card form" onSubmit={submit} noValidate aria-label={title}>
          {error}
          {specs.map((s) => (
            <SpecField key={s.key} spec={s} c={c} value={values[s.key]} errors={errors}
              onChange={(v) => setValues((old) => ({ ...old, [s.key]: v }))} />
          ))}
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : title}</button>
            <button type="button" className="secondary" onClick={() => { reset(); onToggle(false); }}>{t('common.cancel')}</button>
          </p>
        </form>
      )}
    </div>
  );
}

function fieldLabels(specs: Spec[], t: (k: MessageKey) => string): Record<string, string> {
  return Object.fromEntries(specs.map((s) => [`data.${s.key}`, t(s.label)]));
}

interface SpecFieldProps {
  spec: Spec;
  c: CaseDetail;
  value: Values[string];
  errors: FieldErrors;
  onChange(v: Values[string]): void;
}

function SpecField({ spec, c, value, errors, onChange }: SpecFieldProps) {
  const user = useUser();
  const { t, label } = useI18n();
  const name = `data.${spec.key}`;
  switch (spec.kind) {
    case 'text':
    case 'lines':
      return <TextArea name={name} label={t(spec.label)} value={String(value)} onChange={onChange} errors={errors} />;
    case 'caseCode':
      return <TextInput name={name} label={t(spec.label)} value={String(value)} onChange={onChange} errors={errors} autoCapitalize="characters" />;
    case 'yesno':
      return <YesNo name={name} label={t(spec.label)} value={value as boolean | null} onChange={onChange} errors={errors} />;
    case 'risk':
      return (
        <Select name={name} label={t(spec.label)} value={String(value)} onChange={onChange} errors={errors}
          options={RISK_LEVELS.map((r) => ({ value: r, label: label('risk', r) }))} placeholder={t('common.choose')} />
      );
    case 'noteKind':
      // Supervision findings are for supervisors and the chair.
      if (user.role !== 'supervisor' && user.role !== 'chair') return null;
      return (
        <Select name={name} label={t(spec.label)} value={String(value)} onChange={onChange} errors={errors}
          options={[{ value: 'note', label: t('ev.noteKind.note') }, { value: 'supervision', label: t('ev.noteKind.supervision') }]} />
      );
    case 'assignee':
      return <AssigneeField name={name} c={c} value={String(value)} onChange={onChange} errors={errors} />;
    case 'planActions':
      return <PlanActionsField name={name} value={value as PlanActionDraft[]} onChange={onChange} errors={errors} />;
  }
}

function AssigneeField({ name, c, value, onChange, errors }: { name: string; c: CaseDetail; value: string; onChange(v: string): void; errors: FieldErrors }) {
  const user = useUser();
  const { t, label } = useI18n();
  const users = useApi<{ items: DirectoryUser[] }>(`/directory/users${query({ communeCode: c.communeCode })}`);
  const staff = (users.data?.items ?? []).filter((u) => u.role === 'social_worker' || u.role === 'supervisor');
  const known = !users.data || value === '' || staff.some((u) => u.id === value);
  // The default (the user) is no choice when they are not among the commune's case staff.
  useEffect(() => {
    if (!known) onChange('');
  }, [known, onChange]);
  return (
    <>
      <ErrorNotice error={users.error} onReload={users.reload} />
      <Select name={name} label={t('ev.assigneeId')} value={known ? value : ''} onChange={onChange}
        errors={errors} placeholder={t('common.choose')}
        options={staff.map((u) => ({
          value: u.id,
          label: u.id === user.id ? t('ev.me', { name: u.fullName }) : `${u.fullName} (${label('role', u.role)})`,
        }))} />
    </>
  );
}

function PlanActionsField({ name, value, onChange, errors }: { name: string; value: PlanActionDraft[]; onChange(v: PlanActionDraft[]): void; errors: FieldErrors }) {
  const { t, label } = useI18n();
  const update = (i: number, patch: Partial<PlanActionDraft>) => onChange(value.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  const messages = errors[name];
  const id = fieldId(name);
  return (
    <fieldset id={id} className="field group" aria-describedby={messages ? `${id}-error` : undefined}>
      <legend>{t('ev.actions')}</legend>
      {messages && <span id={`${id}-error`} className="field-error">{messages.join('; ')}</span>}
      {value.map((a, i) => (
        <fieldset key={i} className="subgroup">
          <legend>{t('ev.action', { n: i + 1 })}</legend>
          <Select name={`${name}.${i}.kind`} label={t('ev.kind')} value={a.kind} errors={errors} placeholder={t('common.choose')}
            onChange={(kind) => update(i, { kind, agencyType: HANDOFF_KIND_AGENCY[kind as keyof typeof HANDOFF_KIND_AGENCY] ?? a.agencyType })}
            options={HANDOFF_KINDS.map((k) => ({ value: k, label: label('handoffKind', k) }))} />
          <Select name={`${name}.${i}.agencyType`} label={t('ev.agencyType')} value={a.agencyType} errors={errors}
            placeholder={t('common.choose')} onChange={(agencyType) => update(i, { agencyType })}
            options={PARTNER_AGENCY_TYPES.map((k) => ({ value: k, label: label('agencyType', k) }))} />
          <TextInput name={`${name}.${i}.dueInDays`} label={t('ev.dueInDays')} type="number" inputMode="numeric" min={1} max={365}
            value={a.dueInDays} onChange={(dueInDays) => update(i, { dueInDays })} errors={errors} />
          <TextInput name={`${name}.${i}.instructions`} label={t('ev.instructions')} optional value={a.instructions}
            onChange={(instructions) => update(i, { instructions })} errors={errors} />
          <button type="button" className="secondary" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            {t('ev.removeAction', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...value, { kind: '', agencyType: '', dueInDays: '7', instructions: '' }])}>
        {t('ev.addAction')}
      </button>
    </fieldset>
  );
}
