/**
 * What a decision decides on, in full, before the decider confirms: the event that brought the case
 * to the state awaiting the decision (the plan submitted, the closure proposed), every field of its
 * data as its workflow's contract declares it — goals, objectives, each action with its kind,
 * agency type, days, activity, responsible, instructions… — and who submitted it, when. Nothing
 * here names an event: the case's history and the contracts say what there is.
 */
import type { ReactNode } from 'react';
import type { FieldSpec } from '../../../../workflows/contract';
import type { CaseDetail, TimelineItem } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/bits';
import { useNow } from '../../hooks';
import { useApi } from '../../query';
import { useI18n, type I18n } from '../../i18n';
import type { LabelGroup } from '../../labels';
import { named, useWorkflow } from '../../workflows';

/** The latest event that moved the case into the state it is in: what is awaiting a decision now. */
export function submittedForDecision(items: TimelineItem[], state: string): TimelineItem | undefined {
  return [...items].reverse().find((i) => i.kind === 'event' && i.toState === state && i.fromState !== state);
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** One value of an event's data, in full, as its field declares it. */
function FieldValue({ f, value, i18n }: { f: FieldSpec; value: unknown; i18n: I18n }): ReactNode {
  const { t, label, date } = i18n;
  switch (f.kind) {
    case 'boolean': return value ? t('common.yes') : t('common.no');
    case 'choice': return label(f.vocabulary as LabelGroup, String(value));
    case 'text': return <span className="prose">{String(value)}</span>;
    case 'lines': return <ul>{(value as unknown[]).map((line, i) => <li key={i}>{String(line)}</li>)}</ul>;
    case 'records':
      return (
        <ol>
          {(value as Array<Record<string, unknown>>).map((r, i) => (
            <li key={i}><Fields fields={f.fields} data={r} i18n={i18n} /></li>
          ))}
        </ol>
      );
    default:
      // A calendar date (YYYY-MM-DD) reads as one; anything else as written.
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? date(value) : String(value);
  }
}

/** An event's data, every field in full, as its contract declares it. */
export function Fields({ fields, data, i18n }: { fields: readonly FieldSpec[]; data: Record<string, unknown>; i18n: I18n }) {
  const shown = fields.filter((f) => present(data[f.key]));
  return (
    <dl className="facts">
      {shown.map((f) => (
        <div key={f.key} className={f.kind === 'text' || f.kind === 'lines' || f.kind === 'records' ? 'wide' : undefined}>
          <dt>{named(f, i18n.lang)}</dt>
          <dd><FieldValue f={f} value={data[f.key]} i18n={i18n} /></dd>
        </div>
      ))}
    </dl>
  );
}

/** "Người trình: …, 24/11/2026 09:00 · đã chờ 2 ngày 3 giờ": who proposed it and how long it has waited. */
export function ProposedBy({ item }: { item: TimelineItem }) {
  const { t, label, dateTime, duration } = useI18n();
  const now = useNow();
  return (
    <p className="muted">
      {item.actor && <>{t('decision.proposedBy', { name: item.actor.name ?? '—', role: label('role', item.actor.role), at: dateTime(item.at) })} · </>}
      <strong className="waited">{t('decision.waited', { d: duration(now - new Date(item.at).getTime()) })}</strong>
    </p>
  );
}

/** The first lines of what was submitted, for a list: each text field (shortened) and the number of items of each list. */
export function SubmittedSummary({ fields, data }: { fields: readonly FieldSpec[]; data: Record<string, unknown> }) {
  const i18n = useI18n();
  const shown = fields.filter((f) => present(data[f.key]) && (f.kind === 'text' || f.kind === 'lines' || f.kind === 'records' || f.kind === 'choice')).slice(0, 4);
  const short = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}…` : s);
  return (
    <dl className="facts">
      {shown.map((f) => {
        const v = data[f.key];
        const text = f.kind === 'records' ? i18n.t('decision.items', { n: (v as unknown[]).length })
          : f.kind === 'lines' ? short((v as unknown[]).map(String).join('; '))
            : f.kind === 'choice' ? i18n.label(f.vocabulary as LabelGroup, String(v)) : short(String(v));
        return <div key={f.key} className={f.kind === 'choice' ? undefined : 'wide'}><dt>{named(f, i18n.lang)}</dt><dd>{text}</dd></div>;
      })}
    </dl>
  );
}

export function DecisionReview({ c }: { c: CaseDetail }) {
  const i18n = useI18n();
  const { t } = i18n;
  const contracts = useWorkflow(c.workflow, c.workflowVersion)?.events;
  const timeline = useApi<{ items: TimelineItem[] }>(`/cases/${c.id}/timeline`);
  const submitted = timeline.data ? submittedForDecision(timeline.data.items, c.state) : undefined;
  const contract = submitted?.type ? contracts?.[submitted.type] : undefined;
  return (
    <section className="notice" aria-labelledby={`review-${c.id}`}>
      <h3 id={`review-${c.id}`}>{t('decision.review')}</h3>
      <p>{t('decision.reviewIntro')}</p>
      <ErrorNotice error={timeline.error} onReload={timeline.reload} />
      {timeline.loading && !timeline.data && <Loading />}
      {timeline.data && (!submitted || !contract ? <p className="muted">{t('decision.nothingToReview')}</p> : (
        <>
          <p><strong>{named(contract, i18n.lang)}</strong></p>
          <ProposedBy item={submitted} />
          <Fields fields={contract.fields} data={submitted.data ?? {}} i18n={i18n} />
        </>
      ))}
    </section>
  );
}
