/**
 * A report becomes a case: every field of POST /intake, with the API's validation shown at each
 * field. While the child is described, likely matches from the registry are offered: the report is
 * linked to a child on record or creates a new one.
 */
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, apiWithStatus, idempotencyKey } from '../api';
import { useUser } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { Badge, DraftNotice, DraftSaved, PageTitle } from '../components/bits';
import { blankChild, childBody, childFieldLabels, ChildFieldsForm } from '../components/ChildFields';
import { ChildSummaryFacts, childName } from '../components/ChildSummary';
import { Checkbox, CheckboxGroup, Select, TextArea, TextInput, type FieldErrors } from '../components/fields';
import { MatchPanel } from '../components/MatchPanel';
import { useCommand } from '../hooks';
import { useApi } from '../query';
import { useI18n, type I18n } from '../i18n';
import { fromLocalInput, toLocalInput } from '../format';
import { ABUSE_ENVIRONMENTS, ABUSE_TYPES, CHANNELS, INCIDENT_OUTCOMES, INCIDENT_TYPES, RECEIVED_VIA, REPORT_CATEGORIES } from '../labels';
import { Link } from '../router';
import type { ChildMatch, Commune, IntakeResult, Role } from '../api/types';
import { explainFields } from '../validation';
import { useDraft } from '../drafts';
import { enqueue, isOffline } from '../outbox';

const DEFAULT_CHANNEL: Partial<Record<Role, string>> = {
  hotline_operator: 'hotline_111', police: 'police', health: 'health', education: 'school',
  village_collaborator: 'community_collaborator',
};

function blankForm(role: Role, communeCode: string | null) {
  return {
    channel: DEFAULT_CHANNEL[role] ?? '',
    externalRef: '',
    receivedAt: toLocalInput(new Date()),
    communeCode: communeCode ?? '',
    anonymous: false,
    reporterName: '',
    phone: '',
    relationToChild: '',
    reporterAddress: '',
    child: blankChild(),
    types: [] as string[],
    injuryTypes: [] as string[],
    outcome: '',
    environment: '',
    description: '',
    occurredAt: '',
    location: '',
    immediateDanger: false,
    form01: { ...BLANK_FORM_01 },
  };
}

/** The answers of Mẫu số 01 (NĐ 56/2017/NĐ-CP Phụ lục) beyond what the report already says: all optional. */
const BLANK_FORM_01 = {
  category: '', receivedVia: '', childWhereabouts: '', childCondition: '', likelyConsequences: '', familySituation: '', actionsTaken: '', notes: '',
};
type Form01 = typeof BLANK_FORM_01;
/** Free-text answers of Mẫu số 01 and their bounds (the API's). */
const FORM_01_TEXTS = [
  ['childWhereabouts', 500], ['childCondition', 5000], ['likelyConsequences', 5000], ['familySituation', 5000], ['actionsTaken', 5000], ['notes', 5000],
] as const;
type Form = ReturnType<typeof blankForm>;

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/**
 * The server's rules a report must meet that the browser can check at once (all of them in one
 * round, in Vietnamese or English): a channel, a commune, when it was received (not in the future),
 * the child's sex, a kind of abuse or of injury, a description. The server checks everything again.
 */
function checkForm(f: Form, t: I18n['t']): FieldErrors {
  const e: FieldErrors = {};
  if (!f.channel) e.channel = [t('v.choose')];
  const received = fromLocalInput(f.receivedAt);
  if (!received) e.receivedAt = [t('v.date')];
  else if (new Date(received).getTime() > Date.now() + 5 * 60_000) e.receivedAt = [t('v.notFuture')];
  if (!f.communeCode) e.communeCode = [t('v.choose')];
  if (!f.child.sex) e['child.sex'] = [t('v.choose')];
  if (!f.types.length && !f.injuryTypes.length) e['incident.types'] = [t('v.typesOrInjury')];
  if (!f.description.trim()) e['incident.description'] = [t('v.required')];
  else if (f.description.length > 10_000) e['incident.description'] = [t('v.maxLength', { n: 10_000 })];
  return e;
}

/** The request body: empty optional fields left out; what the user typed otherwise, for the API to judge. */
function toBody(f: Form, chosen: ChildMatch | null) {
  return {
    channel: f.channel || undefined,
    externalRef: opt(f.externalRef),
    receivedAt: fromLocalInput(f.receivedAt) ?? f.receivedAt,
    communeCode: f.communeCode,
    reporter: {
      anonymous: f.anonymous,
      ...(f.anonymous ? {} : { name: opt(f.reporterName), phone: opt(f.phone), address: opt(f.reporterAddress) }),
      relationToChild: opt(f.relationToChild),
    },
    // The case keeps the child as reported (its address too); the registry record is linked by `id`, or created.
    child: { id: chosen?.child.id, ...childBody(f.child, 'create'), address: opt(f.child.currentAddress) },
    incident: {
      types: f.types,
      ...(f.injuryTypes.length ? { injuryTypes: f.injuryTypes } : {}),
      ...(f.outcome ? { outcome: f.outcome } : {}),
      ...(f.environment ? { environment: f.environment } : {}),
      description: f.description.trim(),
      occurredAt: f.occurredAt ? fromLocalInput(f.occurredAt) ?? f.occurredAt : undefined,
      location: opt(f.location),
      ...Object.fromEntries(Object.entries(f.form01).map(([k, v]) => [k, opt(v)])),
    },
    immediateDanger: f.immediateDanger,
  };
}

export function Intake() {
  const user = useUser();
  const i18n = useI18n();
  const { t, label } = i18n;
  const [form, setForm] = useState<Form>(() => blankForm(user.role, user.communeCode));
  const [chosen, setChosen] = useState<ChildMatch | null>(null);
  // One key per report: a retry (a lost answer, the offline queue) files one case.
  const [key, setKey] = useState(idempotencyKey);
  // The draft on this device: anything typed beyond the blank form (its "received at" moves with the clock).
  const dirty = useMemo(() => {
    const blank = blankForm(user.role, user.communeCode);
    return chosen !== null || JSON.stringify({ ...form, receivedAt: '' }) !== JSON.stringify({ ...blank, receivedAt: '' });
  }, [form, chosen, user.role, user.communeCode]);
  const draftValue = useMemo(() => ({ form, chosen, key }), [form, chosen, key]);
  const draft = useDraft(`${user.id}|intake`, draftValue, dirty, (d) => {
    setForm({ ...blankForm(user.role, user.communeCode), ...d.form });
    setChosen(d.chosen);
    setKey(d.key);
  });
  const startAfresh = () => {
    setForm(blankForm(user.role, user.communeCode));
    setChosen(null);
    setKey(idempotencyKey());
  };
  const [result, setResult] = useState<{ created: boolean; filed: IntakeResult } | null>(null);
  const [queued, setQueued] = useState(false);
  const communes = useApi<{ items: Commune[] }>('/directory/communes');
  const cmd = useCommand();
  const resultRef = useRef<HTMLDivElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  const set = <K extends keyof Form>(key: K) => (value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const set01 = (key: keyof Form01) => (value: string) => setForm((f) => ({ ...f, form01: { ...f.form01, [key]: value } }));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = useMemo(() => ({ ...explainFields(cmd.error?.fields ?? {}, i18n), ...localErrors }), [cmd.error, localErrors, i18n]);

  const labels: Record<string, string> = {
    channel: t('intake.channel'), externalRef: t('intake.externalRef'), receivedAt: t('intake.receivedAt'),
    communeCode: t('intake.commune'), 'reporter.anonymous': t('intake.anonymous'), 'reporter.name': t('intake.reporterName'),
    'reporter.phone': t('intake.phone'), 'reporter.relationToChild': t('intake.relation'), 'reporter.address': t('intake.reporterAddress'),
    'incident.category': t('intake.category'), 'incident.receivedVia': t('intake.receivedVia'),
    ...Object.fromEntries(FORM_01_TEXTS.map(([k]) => [`incident.${k}`, t(`intake.${k}`)])),
    ...childFieldLabels('child.', form.child, t), 'child.id': t('match.title'), 'child.address': t('child.currentAddress'), 'incident.types': t('intake.types'), 'incident.injuryTypes': t('intake.injuryTypes'), 'incident.outcome': t('intake.outcome'), 'incident.description': t('intake.description'),
    'incident.occurredAt': t('intake.occurredAt'), 'incident.location': t('intake.location'), immediateDanger: t('intake.immediateDanger'),
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setQueued(false);
    setResult(null);
    const wrong = checkForm(form, t);
    setLocalErrors(wrong);
    if (Object.keys(wrong).length) {
      cmd.clear();
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    const body = toBody(form, chosen);
    const res = await cmd.run(async () => {
      try {
        return await apiWithStatus<IntakeResult>('/intake', { body, headers: { 'Idempotency-Key': key } });
      } catch (err) {
        if (!isOffline(err)) throw err;
        // No connection: kept on the device, sent once when it returns (the same key).
        await enqueue({ id: key, userId: user.id, kind: 'intake', path: '/intake', body, draftId: `${user.id}|intake`, draft: draftValue });
        return 'queued' as const;
      }
    });
    if (!res) {
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    if (res === 'queued') setQueued(true);
    else setResult({ created: res.status === 201, filed: res.body });
    draft.clear();
    startAfresh();
    requestAnimationFrame(() => {
      resultRef.current?.scrollIntoView({ block: 'start' });
      resultRef.current?.focus({ preventScroll: true });
    });
  };

  const communeOptions = (communes.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.name} (${c.provinceName})` }));
  const options = (group: 'channel' | 'abuse' | 'reportCategory' | 'receivedVia' | 'injury' | 'incidentOutcome' | 'environment', codes: readonly string[]) => codes.map((c) => ({ value: c, label: label(group, c) }));

  return (
    <>
      <PageTitle title={t('intake.title')}>{t('intake.title')}</PageTitle>
      <p>{t('intake.intro')}</p>
      <div ref={resultRef} tabIndex={-1} aria-live="polite">
        {result && <Filed created={result.created} filed={result.filed} onAnother={() => setResult(null)} />}
        {queued && (
          <div className="notice notice-warn">
            <p>{t('outbox.queuedIntake')}</p>
            <p><Link to="/outbox">{t('outbox.see')}</Link></p>
          </div>
        )}
      </div>
      {draft.restored && <DraftNotice savedAt={draft.restored.savedAt} onDiscard={() => { draft.discard(); startAfresh(); }} />}
      <form onSubmit={submit} noValidate className="card form">
        <div ref={errorRef} tabIndex={-1}>
          <ErrorNotice error={cmd.error ?? (Object.keys(localErrors).length ? new ApiError(400, { statusCode: 400, error: 'Bad Request', message: '', details: { fields: localErrors } }) : null)} fieldLabels={labels} />
        </div>
        <ErrorNotice error={communes.error} onReload={communes.reload} />

        <h2>{t('intake.section.report')}</h2>
        <Select name="channel" label={labels.channel} value={form.channel} onChange={set('channel')}
          // A village collaborator reports by their own channel only.
          options={options('channel', user.role === 'village_collaborator' ? ['community_collaborator'] : CHANNELS)} placeholder={t('common.choose')} errors={errors} />
        <TextInput name="externalRef" label={labels.externalRef} optional hint={t('intake.externalRefHint')}
          value={form.externalRef} onChange={set('externalRef')} errors={errors} />
        <TextInput name="receivedAt" label={labels.receivedAt} type="datetime-local" hint={t('intake.receivedAtHint')}
          value={form.receivedAt} onChange={set('receivedAt')} max={toLocalInput(new Date())} errors={errors} />
        <Select name="communeCode" label={labels.communeCode} value={form.communeCode} onChange={set('communeCode')}
          options={communeOptions} placeholder={t('common.choose')} errors={errors} />
        <Checkbox name="immediateDanger" label={labels.immediateDanger} checked={form.immediateDanger}
          onChange={set('immediateDanger')} errors={errors} />

        <h2>{t('intake.section.child')}</h2>
        <ChildFieldsForm prefix="child." value={form.child} onChange={set('child')} errors={errors} near={form.communeCode} />
        {user.role !== 'village_collaborator' && <MatchPanel communeCode={form.communeCode} child={childBody(form.child, 'create')} chosen={chosen} onChoose={setChosen} />}

        <h2>{t('intake.section.incident')}</h2>
        <CheckboxGroup name="incident.types" label={labels['incident.types']} values={form.types} onChange={set('types')}
          options={options('abuse', ABUSE_TYPES)} errors={errors} />
        <CheckboxGroup name="incident.injuryTypes" label={labels['incident.injuryTypes']} values={form.injuryTypes} onChange={set('injuryTypes')}
          options={options('injury', INCIDENT_TYPES)} errors={errors} />
        <p className="hint">{t('intake.typesOrInjury')}</p>
        <Select name="incident.outcome" label={labels['incident.outcome']} optional hint={t('intake.outcomeHint')} value={form.outcome}
          onChange={set('outcome')} options={options('incidentOutcome', INCIDENT_OUTCOMES)} placeholder={t('common.choose')} errors={errors} />
        <Select name="incident.environment" label={t('intake.environment')} optional value={form.environment}
          onChange={set('environment')} options={options('environment', ABUSE_ENVIRONMENTS)} placeholder={t('common.choose')} errors={errors} />
        <TextArea name="incident.description" label={labels['incident.description']} value={form.description}
          onChange={set('description')} rows={5} errors={errors} />
        <div className="row">
          <TextInput name="incident.occurredAt" label={labels['incident.occurredAt']} optional type="datetime-local"
            value={form.occurredAt} onChange={set('occurredAt')} errors={errors} />
          <TextInput name="incident.location" label={labels['incident.location']} optional value={form.location}
            onChange={set('location')} errors={errors} />
        </div>

        <fieldset className="form-section">
          <legend>{t('intake.form01')}</legend>
          <p className="hint">{t('intake.form01Hint')}</p>
          <div className="row">
            <Select name="incident.category" label={labels['incident.category']} optional value={form.form01.category} onChange={set01('category')}
              options={options('reportCategory', REPORT_CATEGORIES)} placeholder={t('common.choose')} errors={errors} />
            <Select name="incident.receivedVia" label={labels['incident.receivedVia']} optional value={form.form01.receivedVia} onChange={set01('receivedVia')}
              options={options('receivedVia', RECEIVED_VIA)} placeholder={t('common.choose')} errors={errors} />
          </div>
          {FORM_01_TEXTS.map(([key, max]) => (max <= 500
            ? <TextInput key={key} name={`incident.${key}`} label={labels[`incident.${key}`]} optional maxLength={max}
                value={form.form01[key]} onChange={set01(key)} errors={errors} />
            : <TextArea key={key} name={`incident.${key}`} label={labels[`incident.${key}`]} optional maxLength={max}
                value={form.form01[key]} onChange={set01(key)} errors={errors} />))}
        </fieldset>

        <h2>{t('intake.section.reporter')}</h2>
        <Checkbox name="reporter.anonymous" label={labels['reporter.anonymous']} checked={form.anonymous}
          onChange={set('anonymous')} errors={errors} />
        {!form.anonymous && (
          <div className="row">
            <TextInput name="reporter.name" label={labels['reporter.name']} optional value={form.reporterName}
              onChange={set('reporterName')} autoComplete="off" errors={errors} />
            <TextInput name="reporter.phone" label={labels['reporter.phone']} optional type="tel" value={form.phone}
              onChange={set('phone')} autoComplete="off" errors={errors} />
            <TextInput name="reporter.address" label={labels['reporter.address']} optional maxLength={500} value={form.reporterAddress}
              onChange={set('reporterAddress')} autoComplete="off" errors={errors} />
          </div>
        )}
        <TextInput name="reporter.relationToChild" label={labels['reporter.relationToChild']} optional
          value={form.relationToChild} onChange={set('relationToChild')} errors={errors} />

        <p className="actions">
          <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('intake.submit')}</button>
        </p>
        <DraftSaved at={draft.savedAt} />
      </form>
    </>
  );
}

/** The case just filed, and the registry children the API found that may be the same child. */
function Filed({ created, filed, onAnother }: { created: boolean; filed: IntakeResult; onAnother(): void }) {
  const { t } = useI18n();
  const c = filed.case;
  return (
    <div className="notice notice-ok">
      <p>{created ? t('intake.created', { code: c.code }) : t('intake.existing', { code: c.code })}</p>
      <p className="actions">
        <Link to={`/cases/${c.id}`} className="button">{t('intake.openCase', { code: c.code })}</Link>
        {c.childId && <Link to={`/children/${c.childId}`} className="button secondary">{t('intake.openChild')}</Link>}
        <button type="button" className="secondary" onClick={onAnother}>{t('intake.another')}</button>
      </p>
      {filed.candidates.length > 0 && (
        <>
          <p>{t('intake.candidates')}</p>
          <ul className="cards">
            {filed.candidates.map((m) => (
              <li key={m.child.id} className="case-card">
                <div className="case-card-head">
                  <Link to={`/children/${m.child.id}`}>{childName(m.child, t)}</Link>
                  <Badge tone="plain">{t('match.score', { n: m.score })}</Badge>
                </div>
                <ChildSummaryFacts c={m.child} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
