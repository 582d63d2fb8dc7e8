/**
 * One child's entry on the special-circumstances register: its stage, groups, open deadlines,
 * assessment, plan and services, reviews, exit, the events the caller may send now — each a form
 * built from the workflow's contract (`special-circumstances-support`) — and its timeline.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { EventContract, FieldSpec } from '../../../workflows/contract';
import { api } from '../api';
import type { Support } from '../api/types';
import { Badge, Countdown, Loading, PageTitle, Status } from '../components/bits';
import { ErrorNotice } from '../components/ErrorNotice';
import { Select, TextArea, TextInput, type FieldErrors } from '../components/fields';
import { useCommand } from '../hooks';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import type { LabelGroup } from '../labels';
import { Link } from '../router';
import { explainFields, invalidDates } from '../validation';
import { named, useWorkflow } from '../workflows';
import { buildData, fieldLabels } from './case/EventActions';

type Draft = Record<string, string>;
type Values = Record<string, string | Draft[]>;

const initial = (fields: readonly FieldSpec[]): Values => Object.fromEntries(fields.map((f) => [f.key, f.kind === 'records' ? [] : '']));

export function SupportPage({ id }: { id: string }) {
  const { t, label, date, dateTime, lang } = useI18n();
  const loaded = useApi<Support>(`/supports/${id}`);
  const [message, setMessage] = useState<string | null>(null);
  const def = useWorkflow(loaded.data?.workflow ?? 'special-circumstances-support', loaded.data?.workflowVersion ?? 1);
  const [open, setOpen] = useState<string | null>(null);
  const s = loaded.data;
  if (!s) {
    return (
      <>
        <PageTitle title={t('support.title')}>{t('support.title')}</PageTitle>
        {loaded.loading ? <Loading /> : <ErrorNotice error={loaded.error} onReload={loaded.reload} />}
      </>
    );
  }
  const title = `${s.child.fullName ?? ''} — ${s.code}`;
  const applied = (next: Support) => {
    setOpen(null);
    loaded.set(next);
    setMessage(t('support.updated', { state: label('supportStatus', next.status) }));
  };
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <Status message={message} />
      <section aria-labelledby="support-h" className="card">
        <h2 id="support-h">{t('support.status')}</h2>
        <div className="badges">
          <Badge tone={s.status === 'exited' ? 'plain' : 'info'}>{label('supportStatus', s.status)}</Badge>
          {s.overdue && <Badge tone="danger">{t('cases.overdue')}</Badge>}
        </div>
        <dl className="facts">
          <div><dt>{t('support.child')}</dt><dd><Link to={`/children/${s.child.id}`}>{s.child.fullName ?? s.child.id}</Link></dd></div>
          <div><dt>{t('support.commune')}</dt><dd>{s.communeName}</dd></div>
          <div><dt>{t('support.registeredAt')}</dt><dd>{date(s.registeredAt)}</dd></div>
          <div><dt>{t('support.registeredBy')}</dt><dd>{s.registeredByName}</dd></div>
          <div className="wide"><dt>{t('support.groups')}</dt><dd>{s.groups.map((g) => label('specialCircumstance', g)).join('; ')}</dd></div>
          {s.note && <div className="wide"><dt>{t('support.note')}</dt><dd>{s.note}</dd></div>}
        </dl>
        <h3>{t('support.deadlines')}</h3>
        {s.deadlines.length === 0 ? <p className="muted">{t('support.noDeadlines')}</p> : (
          <ul>
            {s.deadlines.map((d) => (
              <li key={d.key}>
                <span title={d.legalBasis}>{lang === 'vi' ? d.titleVi : d.titleEn}</span>{' '}
                <Countdown dueAt={d.dueAt} /> {d.status === 'breached' && <Badge tone="danger">{label('deadlineStatus', d.status)}</Badge>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="support-actions-h" className="card">
        <h2 id="support-actions-h">{t('support.actions')}</h2>
        {s.allowedActions.length === 0 ? <p className="muted">{t('support.noActions')}</p> : !def ? <Loading /> : (
          <ul className="event-actions">
            {s.allowedActions.filter((type) => def.events[type]).map((type) => (
              <li key={type}>
                <SupportAction s={s} type={type} contract={def.events[type]} open={open === type}
                  onToggle={(o) => setOpen(o ? type : null)} onApplied={applied} onReload={loaded.reload} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="support-services-h" className="card">
        <h2 id="support-services-h">{t('support.services')}</h2>
        {s.services.length === 0 ? <p className="muted">{t('support.noServices')}</p> : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('support.seq')}</th><th scope="col">{t('support.kind')}</th><th scope="col">{t('support.detail')}</th>
                <th scope="col">{t('support.grantedOn')}</th><th scope="col">{t('support.endedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {s.services.map((x) => (
                <tr key={x.seq}>
                  <td>{x.seq}</td><th scope="row">{label('supportServiceKind', x.kind)}</th><td>{x.detail}</td>
                  <td>{date(x.grantedOn)}</td><td>{x.endedOn ? `${date(x.endedOn)}${x.endReason && x.endReason !== 'exit' ? ` — ${x.endReason}` : ''}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {s.assessment && (<><h3>{t('support.assessment')}</h3><p>{date(s.assessment.assessedOn)}: {s.assessment.needs}</p>{s.assessment.circumstances && <p>{s.assessment.circumstances}</p>}</>)}
        {s.planGoals && (<><h3>{t('support.plan')}</h3><p>{s.planGoals}</p></>)}
        {s.reviews.length > 0 && (<><h3>{t('support.reviews')}</h3><ul>{s.reviews.map((r, i) => <li key={i}>{date(r.reviewedOn)}: {r.findings}</li>)}</ul></>)}
        {s.exit && (<><h3>{t('support.exit')}</h3><p>{date(s.exit.exitedOn)}: {label('supportExitReason', s.exit.reason)}{s.exit.note ? ` — ${s.exit.note}` : ''}</p></>)}
      </section>

      <section aria-labelledby="support-timeline-h" className="card">
        <h2 id="support-timeline-h">{t('support.timeline')}</h2>
        <ol className="timeline">
          {s.timeline.map((e) => (
            <li key={e.seq}>
              <time dateTime={e.occurredAt}>{dateTime(e.occurredAt)}</time>{' '}
              <strong>{def?.events[e.type] ? named(def.events[e.type], lang) : e.type === 'REGISTER' ? t('support.register') : e.type}</strong>
              {' — '}{label('supportStatus', e.toState)}{e.actorName ? ` · ${e.actorName}` : ` · ${label('role', e.actorRole)}`}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

interface ActionProps {
  s: Support;
  type: string;
  contract: EventContract;
  open: boolean;
  onToggle(open: boolean): void;
  onApplied(s: Support): void;
  onReload(): void;
}

/** One event of the support's workflow: a button opening its form, the fields from the contract. */
function SupportAction({ s, type, contract, open, onToggle, onApplied, onReload }: ActionProps) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const formId = useId();
  const [values, setValues] = useState<Values>(() => initial(contract.fields));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const cmd = useCommand();
  const errors = useMemo(() => ({ ...explainFields(cmd.error?.fields ?? {}, i18n), ...localErrors }), [cmd.error, localErrors, i18n]);
  const title = named(contract, lang);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const badDates = invalidDates(contract.fields, values, i18n);
    setLocalErrors(badDates);
    if (Object.keys(badDates).length) return;
    const res = await cmd.run(async () => {
      const data = await buildData(contract.fields, values);
      return api<{ support: Support }>(`/supports/${s.id}/events`, { body: { type, data, expectedVersion: s.version } });
    });
    if (res) {
      setValues(initial(contract.fields));
      onApplied(res.support);
    }
  };

  return (
    <div className="event-action">
      <button type="button" className="secondary toggle" aria-expanded={open} aria-controls={formId} onClick={() => onToggle(!open)}>{title}</button>
      {open && (
        <form id={formId} className="card form" onSubmit={submit} noValidate aria-label={title}>
          <ErrorNotice error={cmd.error} onReload={onReload} fieldLabels={fieldLabels(contract.fields, lang)} />
          {contract.fields.map((f) => (
            <SupportField key={f.key} f={f} name={`data.${f.key}`} value={values[f.key]} errors={errors}
              onChange={(v) => setValues((old) => ({ ...old, [f.key]: v }))} />
          ))}
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : contract.decision ? t('decision.confirm', { event: title }) : title}</button>
            <button type="button" className="secondary" onClick={() => onToggle(false)}>{t('common.cancel')}</button>
          </p>
        </form>
      )}
    </div>
  );
}

interface FieldProps {
  f: FieldSpec;
  name: string;
  value: string | Draft[];
  errors: FieldErrors;
  onChange(v: string | Draft[]): void;
}

/** The field kinds the register's contract uses: text, date, integer, a choice, and records of those. */
function SupportField({ f, name, value, errors, onChange }: FieldProps) {
  const { t, label, lang } = useI18n();
  const text = named(f, lang);
  const hint = lang === 'vi' ? f.hintVi : f.hintEn;
  switch (f.kind) {
    case 'text':
      return f.multiline
        ? <TextArea name={name} label={text} hint={hint} optional={f.optional} maxLength={f.maxLength} value={String(value)} onChange={onChange} errors={errors} />
        : <TextInput name={name} label={text} hint={hint} optional={f.optional} maxLength={f.maxLength} value={String(value)} onChange={onChange} errors={errors} />;
    case 'date':
      return <TextInput name={name} label={text} hint={hint} optional={f.optional} type="date" value={String(value)} onChange={onChange} errors={errors} />;
    case 'integer':
      return <TextInput name={name} label={text} hint={hint} optional={f.optional} type="number" inputMode="numeric" min={f.min} max={f.max}
        value={String(value)} onChange={onChange} errors={errors} />;
    case 'choice':
      return <Select name={name} label={text} hint={hint} optional={f.optional} value={String(value)} onChange={onChange} errors={errors}
        placeholder={t('common.choose')} options={f.options.map((o) => ({ value: o, label: label(f.vocabulary as LabelGroup, o) }))} />;
    case 'records': {
      const rows = value as Draft[];
      const update = (i: number, key: string, v: string) => onChange(rows.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
      return (
        <fieldset className="field group">
          <legend>{text}</legend>
          {errors[name] && <span className="field-error">{errors[name].join('; ')}</span>}
          {rows.map((r, i) => (
            <fieldset key={i} className="subgroup">
              <legend>{t('ev.item', { n: i + 1 })}</legend>
              {f.fields.map((sub) => (
                <SupportField key={sub.key} f={sub} name={`${name}.${i}.${sub.key}`} value={r[sub.key] ?? ''} errors={errors} onChange={(v) => update(i, sub.key, String(v))} />
              ))}
              <button type="button" className="secondary" onClick={() => onChange(rows.filter((_, j) => j !== i))}>{t('ev.removeItem', { n: i + 1 })}</button>
            </fieldset>
          ))}
          {rows.length < f.maxItems && (
            <button type="button" className="secondary" onClick={() => onChange([...rows, initial(f.fields) as Draft])}>{t('ev.addItem')}</button>
          )}
        </fieldset>
      );
    }
    default:
      return null;
  }
}
