/** What happened on the case, newest first, with who did it. */
import type { ReactNode } from 'react';
import type { EventContract, FieldSpec } from '../../../../workflows/contract';
import type { Deadline, TimelineItem } from '../../api/types';
import { useI18n, type I18n } from '../../i18n';
import type { LabelGroup } from '../../labels';
import { named, useWorkflow } from '../../workflows';

/** A value of an event's data as its contract's field declares it; ids (assignee, case) are left out. */
function dataValue(f: FieldSpec, value: unknown, i18n: I18n): ReactNode {
  const { t, label } = i18n;
  switch (f.kind) {
    case 'boolean': return value ? t('common.yes') : t('common.no');
    case 'choice': return label(f.vocabulary as LabelGroup, String(value));
    case 'date': return <time dateTime={String(value)}>{i18n.date(String(value))}</time>;
    case 'lines': {
      const lines = (value as unknown[]).map(String);
      return lines.length === 1 ? lines[0] : <ul className="fact-list">{lines.map((l, i) => <li key={i}>{l}</li>)}</ul>;
    }
    case 'records': {
      const records = value as Array<Record<string, unknown>>;
      if (!records.length) return '—';
      // One line per record, each part named: "Lĩnh vực: An toàn · Thực trạng: … · Nhu cầu: …".
      return (
        <ul className="fact-list">
          {records.map((r, i) => (
            <li key={i}>
              {f.fields.filter((s) => shownValue(s, r[s.key])).map((s, j) => (
                <span key={s.key}>{j > 0 && ' · '}<span className="muted">{named(s, i18n.lang)}:</span> {dataValue(s, r[s.key], i18n)}</span>
              ))}
            </li>
          ))}
        </ul>
      );
    }
    default: return String(value);
  }
}

/** A value worth showing: present, not an id (assignee, case), not an empty list. */
function shownValue(f: FieldSpec, v: unknown): boolean {
  if (f.kind === 'assignee' || f.kind === 'caseRef') return false;
  if (v === undefined || v === null || v === '') return false;
  return !(Array.isArray(v) && v.length === 0 && f.kind === 'lines');
}

/** Long answers (free text, lists, records) take the whole width. */
const wide = (f: FieldSpec) => (f.kind === 'text' && !!f.multiline) || f.kind === 'lines' || f.kind === 'records';

interface Fact { name: string; value: ReactNode; wide: boolean; prose: boolean }

/** The facts an event's data records, in its contract's order. */
function facts(item: TimelineItem, contracts: Record<string, EventContract> | undefined, i18n: I18n): Fact[] {
  if (item.kind !== 'event') return [];
  const data = item.data ?? {};
  if (item.type === 'CASE_RECEIVED' && data.channel) return [{ name: i18n.t('tl.channel'), value: i18n.label('channel', String(data.channel)), wide: false, prose: false }];
  const contract = item.type ? contracts?.[item.type] : undefined;
  return (contract?.fields ?? [])
    .filter((f) => shownValue(f, data[f.key]))
    .map((f) => ({ name: named(f, i18n.lang), value: dataValue(f, data[f.key], i18n), wide: wide(f), prose: f.kind === 'text' && !!f.multiline }));
}

function title(item: TimelineItem, deadlines: Deadline[], i18n: I18n): string {
  const { t, label, lang, dateTime } = i18n;
  const deadlineTitle = (key?: string) => {
    const d = deadlines.find((x) => x.key === key);
    return d ? (lang === 'vi' ? d.titleVi : d.titleEn) : key ?? '';
  };
  const own = lang === 'vi' ? item.titleVi : item.titleEn;
  switch (item.kind) {
    case 'event': {
      const data = item.data ?? {};
      if (item.type === 'HANDOFF_UPDATED') {
        const status = t('tl.handoffStatus', { kind: label('handoffKind', String(data.kind ?? '')), status: label('handoffState', String(data.status ?? '')) });
        // A police handoff's criminal-procedure status (handoff v2).
        return data.procedureStatus ? `${status} — ${label('procedureStatus', String(data.procedureStatus))}` : status;
      }
      if (item.type === 'DEADLINE_EXPIRED') return `${label('event', item.type)}: ${deadlineTitle(String(data.deadline ?? ''))}`;
      return label('event', item.type);
    }
    case 'deadline_started':
      return t('tl.deadline_started', { title: own ?? '', due: dateTime(item.dueAt) });
    case 'deadline_breached':
    case 'deadline_met':
    case 'deadline_met_late':
    case 'deadline_cancelled':
      return t(`tl.${item.kind}`, { title: own ?? '' });
    case 'alert_acknowledged':
      return t('tl.alert_acknowledged', { by: item.actor?.name ?? '' });
    case 'handoff_offered':
      return t('tl.handoff_offered', { kind: label('handoffKind', item.handoffKind), agency: item.agency?.name ?? '', urgency: label('urgency', item.urgency) });
    default:
      return item.kind;
  }
}

export function Timeline({ items, deadlines, workflow }: { items: TimelineItem[]; deadlines: Deadline[]; workflow: { name: string; version: number } }) {
  const i18n = useI18n();
  const contracts = useWorkflow(workflow.name, workflow.version)?.events;
  const { t, label, dateTime } = i18n;
  if (!items.length) return <p className="muted">{t('case.noTimeline')}</p>;
  return (
    <ol className="timeline" reversed>
      {[...items].reverse().map((item, i) => {
        const shown = facts(item, contracts, i18n);
        const moved = item.kind === 'event' && item.fromState && item.toState && item.fromState !== item.toState;
        const tone = item.kind === 'deadline_breached' || item.type === 'DEADLINE_EXPIRED' ? ' is-late' : '';
        return (
          <li key={`${item.at}-${item.kind}-${item.seq ?? i}`} className={`tl-item${tone}`}>
            <div className="tl-head">
              <time dateTime={item.at}>{dateTime(item.at)}</time>
              <strong>{title(item, deadlines, i18n)}</strong>
            </div>
            {item.actor && (
              <div className="muted">
                {item.actor.role === 'system' ? label('role', 'system') : `${item.actor.name ?? ''} (${label('role', item.actor.role)})`}
              </div>
            )}
            {moved && <div>{t('tl.move', { from: label('state', item.fromState), to: label('state', item.toState) })}</div>}
            {shown.length > 0 && (
              <dl className="facts">
                {shown.map((f) => (
                  <div key={f.name} className={f.wide ? 'wide' : undefined}><dt>{f.name}</dt><dd className={f.prose ? 'prose' : undefined}>{f.value}</dd></div>
                ))}
              </dl>
            )}
          </li>
        );
      })}
    </ol>
  );
}
