/**
 * One button or small form per event the case accepts from this user now. The list comes from
 * the API's `allowedEvents`; each event's fields, names and bounds from its workflow's contract
 * (GET /workflows/:name/:version `events`). Nothing here knows which state allows what, nor which
 * fields an event has.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { EventContract, FieldSpec } from '../../../../workflows/contract';
import { api, idempotencyKey, query } from '../../api';
import type { CaseDetail, CaseListItem, DirectoryUser, Page } from '../../api/types';
import { useUser } from '../../auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import { DraftNotice, DraftSaved } from '../../components/bits';
import { useDraft } from '../../drafts';
import { sendOrQueue } from '../../outbox';
import { Checkbox, fieldId, Select, TextArea, TextInput, YesNo, type FieldErrors } from '../../components/fields';
import { useCommand } from '../../hooks';
import { useApi } from '../../query';
import { useI18n, type Lang } from '../../i18n';
import { HANDOFF_KIND_AGENCY, type LabelGroup } from '../../labels';
import { explainFields, invalidDates } from '../../validation';
import { isFormEvent, sectionsOf } from '../../../../workflows/forms';
import { named, useWorkflow, type WorkflowWithEvents } from '../../workflows';
import { DecisionReview } from './DecisionReview';

type RecordDraft = Record<string, string | boolean | null>;
type Value = string | boolean | null | RecordDraft[];
type Values = Record<string, Value>;

/** Events that decide (approvals) come first, then those that move the case on; assignment and notes last. */
const LAST = ['ASSIGN', 'MARK_DUPLICATE', 'ADD_NOTE'];
const order = (type: string, c: EventContract | undefined) => (c?.decision ? -1 : LAST.indexOf(type));

function initialValue(f: FieldSpec, userId: string): Value {
  switch (f.kind) {
    case 'boolean': return null;
    case 'records': return [];
    case 'assignee': return userId;
    case 'choice': return f.default ?? '';
    case 'integer': return f.default === undefined ? '' : String(f.default);
    default: return '';
  }
}

const initialValues = (fields: readonly FieldSpec[], userId: string): Values =>
  Object.fromEntries(fields.map((f) => [f.key, initialValue(f, userId)]));

/** The choice values this role may pick (a supervision note is for supervisors and the chair). */
function choices(f: Extract<FieldSpec, { kind: 'choice' }>, role: string): string[] {
  return f.options.filter((o) => !f.optionRoles?.[o] || f.optionRoles[o].includes(role));
}

/** A field with nothing to choose (one allowed value, which is its default) is not shown. */
const shown = (f: FieldSpec, role: string) => !(f.kind === 'choice' && f.default !== undefined && choices(f, role).length <= 1);

interface Props {
  c: CaseDetail;
  onApplied(c: CaseDetail, eventType: string): void;
  /** Recorded without a connection: kept on the device, sent when it returns. */
  onQueued(eventType: string): void;
  onReload(): void;
  onShowChanges(): void;
}

/** The events this user may send now, the recommended one (what moves the case on) first. */
export function orderedEvents(c: CaseDetail, def: WorkflowWithEvents): { events: string[]; recommended: string | null } {
  const events = [...c.allowedEvents].filter((type) => def.events[type]).sort((a, b) => order(a, def.events[a]) - order(b, def.events[b]));
  const recommended = events.find((type) => !LAST.includes(type)) ?? null;
  return { events, recommended };
}

export function EventActions({ c, onApplied, onQueued, onReload, onShowChanges }: Props) {
  const { t } = useI18n();
  const def = useWorkflow(c.workflow, c.workflowVersion);
  const [open, setOpen] = useState<string | null>(null);
  if (!c.allowedEvents.length) return <p className="muted">{t('case.noActions')}</p>;
  if (!def) return <p className="muted" role="status">{t('common.loading')}</p>;
  const { events, recommended } = orderedEvents(c, def);
  return (
    <ul className="event-actions">
      {events.map((type) => (
        <li key={type} className={type === recommended ? 'recommended' : undefined}>
          {type === recommended && <span className="badge badge-info">{t('case.recommendedBadge')}</span>}
          <EventAction type={type} contract={def.events[type]} c={c} open={open === type} onToggle={(o) => setOpen(o ? type : null)}
            onApplied={(next) => { setOpen(null); onApplied(next, type); }} onQueued={() => { setOpen(null); onQueued(type); }}
            onReload={onReload} onShowChanges={onShowChanges} />
        </li>
      ))}
    </ul>
  );
}

interface ActionProps {
  type: string;
  contract: EventContract;
  c: CaseDetail;
  open: boolean;
  onToggle(open: boolean): void;
  onApplied(c: CaseDetail): void;
  onQueued(): void;
  onReload(): void;
  onShowChanges(): void;
}

/** Turns the form's values into the event's data; null when a case code names no case in scope. */
export async function buildData(fields: readonly FieldSpec[], v: Values): Promise<Record<string, unknown> | null> {
  const data: Record<string, unknown> = {};
  for (const f of fields) {
    const value = v[f.key];
    switch (f.kind) {
      case 'text': {
        const text = String(value ?? '').trim();
        data[f.key] = text === '' && f.optional ? undefined : text;
        break;
      }
      case 'lines': {
        const lines = String(value ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
        data[f.key] = lines.length === 0 && f.optional ? undefined : lines;
        break;
      }
      case 'date': {
        const day = String(value ?? '').trim();
        data[f.key] = day === '' ? undefined : day;
        break;
      }
      case 'boolean':
        if (value !== null) data[f.key] = value;
        break;
      case 'integer':
        data[f.key] = String(value ?? '').trim() === '' ? undefined : Number(value);
        break;
      case 'records': {
        const records = [];
        for (const r of value as RecordDraft[]) {
          const built = await buildData(f.fields, r);
          if (built === null) return null;
          records.push(built);
        }
        data[f.key] = records.length === 0 && f.optional ? undefined : records;
        break;
      }
      case 'caseRef': {
        const code = String(value ?? '').trim();
        if (!code) break;
        const found = await api<Page<CaseListItem>>(`/cases${query({ q: code, pageSize: 5 })}`);
        const hit = found.items.find((i) => i.code.toLowerCase() === code.toLowerCase());
        if (!hit) return null;
        data[f.key] = hit.id;
        break;
      }
      default:
        data[f.key] = value === '' ? undefined : value;
    }
  }
  return data;
}

function EventAction({ type, contract, c, open, onToggle, onApplied, onQueued, onReload, onShowChanges }: ActionProps) {
  const user = useUser();
  const i18n = useI18n();
  const { t, lang } = i18n;
  const fields = contract.fields.filter((f) => shown(f, user.role));
  const formId = useId();
  const [values, setValues] = useState<Values>(() => initialValues(contract.fields, user.id));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  // A decision is confirmed twice: "I have read it all", then the confirm button.
  const [readAll, setReadAll] = useState(false);
  // One key per opened form: a retried submit after a lost answer applies once.
  const [key, setKey] = useState(idempotencyKey);
  // What is typed is kept on the device (with its key and the version it was written against) until sent or discarded.
  const initial = useMemo(() => JSON.stringify(initialValues(contract.fields, user.id)), [contract.fields, user.id]);
  const [draftVersion, setDraftVersion] = useState(c.version);
  const draftValue = useMemo(() => ({ values, key, version: draftVersion }), [values, key, draftVersion]);
  const draftId = `${user.id}|case|${c.id}|${type}`;
  const draft = useDraft(draftId, draftValue, JSON.stringify(values) !== initial, (d) => {
    setValues(d.values);
    setKey(d.key);
    setDraftVersion(d.version);
    onToggle(true);
  });
  const cmd = useCommand();
  const errors = useMemo(() => ({ ...explainFields(cmd.error?.fields ?? {}, i18n), ...localErrors }), [cmd.error, localErrors, i18n]);

  const reset = () => {
    draft.discard();
    setDraftVersion(c.version);
    setValues(initialValues(contract.fields, user.id));
    setLocalErrors({});
    setReadAll(false);
    setKey(idempotencyKey());
    cmd.clear();
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const badDates = invalidDates(contract.fields, values, i18n);
    const unread: FieldErrors = contract.decision && !readAll ? { readAll: [t('decision.readAllNeeded')] } : {};
    setLocalErrors({ ...badDates, ...unread });
    if (Object.keys(badDates).length || unread.readAll) {
      if (unread.readAll) document.getElementById(`${formId}-readAll`)?.focus();
      return;
    }
    const res = await cmd.run(async () => {
      const data = await buildData(contract.fields, values);
      if (data === null) return null;
      const body = { type, data, expectedVersion: c.version };
      // No connection: a note, an assessment… is kept on the device and sent once when it returns; a decision never waits.
      return sendOrQueue<{ case: CaseDetail }>({
        id: key, userId: user.id, kind: 'event', path: `/cases/${c.id}/events`, body, caseId: c.id, caseCode: c.code, eventType: type, draftId, draft: draftValue,
      }, !contract.decision);
    });
    if (res === 'queued') {
      reset();
      onQueued();
      return;
    }
    if (res === null) {
      const ref = contract.fields.find((f) => f.kind === 'caseRef');
      if (ref) setLocalErrors({ [`data.${ref.key}`]: [t('ev.caseNotFound')] });
    }
    if (res) {
      reset();
      onApplied(res.case);
    }
  };

  // An official form's record: its required fields always show; the rest of the form (optional,
  // under the form's headings) opens on demand, and opens by itself when one of its fields is wrong.
  const formEvent = isFormEvent(fields);
  const [full, setFull] = useState(false);
  const rest = formEvent ? fields.filter((f) => f.optional) : [];
  const head = formEvent ? fields.filter((f) => !f.optional) : fields;
  const restWrong = rest.some((f) => Object.keys(errors).some((p) => p === `data.${f.key}` || p.startsWith(`data.${f.key}.`)));
  const showRest = full || restWrong;
  const restId = `${formId}-rest`;
  const renderGroups = (list: FieldSpec[]) => sectionsOf(list).map((g, i) => {
    const inputs = g.fields.map((f) => (
      <Field key={f.key} f={f} name={`data.${f.key}`} c={c} value={values[f.key]} errors={errors}
        onChange={(v) => setValues((old) => ({ ...old, [f.key]: v }))} />
    ));
    return g.section
      ? <fieldset key={`${g.section.vi}-${i}`} className="form-section"><legend>{lang === 'vi' ? g.section.vi : g.section.en}</legend>{inputs}</fieldset>
      : inputs;
  });

  const title = named(contract, lang);
  const error = <ErrorNotice error={cmd.error} onReload={onReload} onShowChanges={onShowChanges} fieldLabels={fieldLabels(contract.fields, lang)} />;

  // A decision is never one click: what it decides on is shown in full, then confirmed.
  if (!fields.length && !contract.decision) {
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
          {draft.restored && (
            <DraftNotice savedAt={draft.restored.savedAt} onDiscard={reset}>
              {draftVersion !== c.version && <p>{t('draft.olderVersion', { draft: draftVersion, now: c.version })}</p>}
            </DraftNotice>
          )}
          {contract.decision && <DecisionReview c={c} />}
          {error}
          {renderGroups(head)}
          {rest.length > 0 && (
            <>
              <p className="actions">
                <button type="button" className="secondary" aria-expanded={showRest} aria-controls={restId} onClick={() => setFull(!showRest)}>
                  {showRest ? t('ev.formShort') : t('ev.formFull')}
                </button>
              </p>
              {showRest && <div id={restId} className="form-rest">{renderGroups(rest)}</div>}
            </>
          )}
          {contract.decision && (
            <Checkbox name="readAll" id={`${formId}-readAll`} label={t('decision.readAll')} checked={readAll}
              onChange={(v) => { setReadAll(v); setLocalErrors(({ readAll: _, ...rest }) => rest); }} errors={errors} />
          )}
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : contract.decision ? t('decision.confirm', { event: title }) : title}</button>
            <button type="button" className="secondary" onClick={() => { reset(); onToggle(false); }}>{t('common.cancel')}</button>
          </p>
          <DraftSaved at={draft.savedAt} />
        </form>
      )}
    </div>
  );
}

/** Field paths (`data.actions.0.kind`) to their names, for the error summary. */
export function fieldLabels(fields: readonly FieldSpec[], lang: Lang, prefix = 'data'): Record<string, string> {
  return Object.fromEntries(fields.flatMap((f) => [
    [`${prefix}.${f.key}`, named(f, lang)],
    ...(f.kind === 'records' ? Object.entries(fieldLabels(f.fields, lang, `${prefix}.${f.key}.*`)) : []),
  ]));
}

interface FieldProps {
  f: FieldSpec;
  name: string;
  c: CaseDetail;
  value: Value;
  errors: FieldErrors;
  onChange(v: Value): void;
}

function Field({ f, name, c, value, errors, onChange }: FieldProps) {
  const user = useUser();
  const { t, label, lang } = useI18n();
  const text = named(f, lang);
  const hint = lang === 'vi' ? f.hintVi : f.hintEn;
  switch (f.kind) {
    case 'text':
      return f.multiline
        ? <TextArea name={name} label={text} hint={hint} optional={f.optional} maxLength={f.maxLength} value={String(value)} onChange={onChange} errors={errors} />
        : <TextInput name={name} label={text} hint={hint} optional={f.optional} maxLength={f.maxLength} value={String(value)} onChange={onChange} errors={errors} />;
    case 'lines':
      return <TextArea name={name} label={text} hint={hint} optional={f.optional} value={String(value)} onChange={onChange} errors={errors} />;
    case 'date':
      return <TextInput name={name} label={text} hint={hint} optional={f.optional} type="date"
        value={String(value ?? '')} onChange={onChange} errors={errors} />;
    case 'integer':
      return <TextInput name={name} label={text} hint={hint} optional={f.optional} type="number" inputMode="numeric" min={f.min} max={f.max}
        value={String(value)} onChange={onChange} errors={errors} />;
    case 'caseRef':
      return <TextInput name={name} label={text} hint={hint} optional={f.optional} value={String(value)} onChange={onChange} errors={errors} autoCapitalize="characters" />;
    case 'boolean':
      return <YesNo name={name} label={text} hint={hint} value={value as boolean | null} onChange={onChange} errors={errors} />;
    case 'choice':
      return (
        <Select name={name} label={text} hint={hint} optional={f.optional} value={String(value)} onChange={onChange} errors={errors}
          placeholder={f.default === undefined ? t('common.choose') : undefined}
          options={choices(f, user.role).map((o) => ({ value: o, label: label(f.vocabulary as LabelGroup, o) }))} />
      );
    case 'assignee':
      return <AssigneeField name={name} label={text} c={c} value={String(value)} onChange={onChange} errors={errors} />;
    case 'records':
      return <RecordsField f={f} name={name} c={c} value={value as RecordDraft[]} onChange={onChange} errors={errors} />;
  }
}

function AssigneeField({ name, label: text, c, value, onChange, errors }: { name: string; label: string; c: CaseDetail; value: string; onChange(v: string): void; errors: FieldErrors }) {
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
      <Select name={name} label={text} value={known ? value : ''} onChange={onChange}
        errors={errors} placeholder={t('common.choose')}
        options={staff.map((u) => ({
          value: u.id,
          label: u.id === user.id ? t('ev.me', { name: u.fullName }) : `${u.fullName} (${label('role', u.role)})`,
        }))} />
    </>
  );
}

function RecordsField({ f, name, c, value, onChange, errors }: {
  f: Extract<FieldSpec, { kind: 'records' }>; name: string; c: CaseDetail; value: RecordDraft[]; onChange(v: RecordDraft[]): void; errors: FieldErrors;
}) {
  const user = useUser();
  const { t, lang } = useI18n();
  const update = (i: number, key: string, v: Value) => onChange(value.map((r, j) => {
    if (j !== i) return r;
    const next = { ...r, [key]: v as string | boolean | null };
    // Choosing a kind of handoff work proposes the agency type that usually does it.
    const kind = f.fields.find((s) => s.key === key);
    if (f.agencyTypeField && kind?.kind === 'choice' && kind.vocabulary === 'handoffKind') {
      // The workflow version's own mapping first (abuse-intervention v2 sends forensic exams to the police).
      next[f.agencyTypeField] = f.agencyDefaults?.[v as string] ?? HANDOFF_KIND_AGENCY[v as keyof typeof HANDOFF_KIND_AGENCY] ?? r[f.agencyTypeField];
    }
    return next;
  }));
  const messages = errors[name];
  const id = fieldId(name);
  return (
    <fieldset id={id} className="field group" aria-describedby={messages ? `${id}-error` : undefined}>
      <legend>{named(f, lang)}</legend>
      {messages && <span id={`${id}-error`} className="field-error">{messages.join('; ')}</span>}
      {value.map((r, i) => (
        <fieldset key={i} className="subgroup">
          <legend>{t('ev.item', { n: i + 1 })}</legend>
          {f.fields.map((s) => (
            <Field key={s.key} f={s} name={`${name}.${i}.${s.key}`} c={c} value={r[s.key]} errors={errors} onChange={(v) => update(i, s.key, v)} />
          ))}
          <button type="button" className="secondary" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            {t('ev.removeItem', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      {value.length < f.maxItems && (
        <button type="button" className="secondary" onClick={() => onChange([...value, initialValues(f.fields, user.id) as RecordDraft])}>
          {t('ev.addItem')}
        </button>
      )}
    </fieldset>
  );
}
