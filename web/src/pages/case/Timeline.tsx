/** What happened on the case, newest first, with who did it. */
import type { ReactNode } from 'react';
import { useI18n, type I18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import type { Deadline, TimelineItem } from '../../api/types';

/** Event data worth showing, in this order; ids and machine fields are left out. */
const DATA_FIELDS: Array<[string, MessageKey]> = [
  ['channel', 'ev.channel'], ['riskLevel', 'ev.riskLevel'], ['substantiated', 'ev.substantiated'], ['measures', 'tl.measures'],
  ['needs', 'tl.needs'], ['goals', 'ev.goals'], ['actions', 'tl.actions'], ['childSafe', 'ev.childSafe'], ['summary', 'ev.summary'],
  ['reason', 'ev.reason'], ['text', 'ev.text'],
];

function dataValue(key: string, value: unknown, i18n: I18n): ReactNode {
  const { t, label } = i18n;
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (key === 'channel') return label('channel', String(value));
  if (key === 'riskLevel') return label('risk', String(value));
  if (key === 'actions' && Array.isArray(value)) {
    return (value as Array<{ kind: string; agencyType: string; dueInDays: number }>)
      .map((a) => `${label('handoffKind', a.kind)} — ${label('agencyType', a.agencyType)} — ${t('wf.rule.calendarDays', { n: a.dueInDays })}`)
      .join('; ');
  }
  if (Array.isArray(value)) return value.map(String).join('; ');
  return String(value);
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
        return t('tl.handoffStatus', { kind: label('handoffKind', String(data.kind ?? '')), status: label('handoffState', String(data.status ?? '')) });
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
    case 'handoff_offered':
      return t('tl.handoff_offered', { kind: label('handoffKind', item.handoffKind), agency: item.agency?.name ?? '', urgency: label('urgency', item.urgency) });
    default:
      return item.kind;
  }
}

export function Timeline({ items, deadlines }: { items: TimelineItem[]; deadlines: Deadline[] }) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  if (!items.length) return <p className="muted">{t('case.noTimeline')}</p>;
  return (
    <ol className="timeline" reversed>
      {[...items].reverse().map((item, i) => {
        const data = item.kind === 'event' && item.type !== 'HANDOFF_UPDATED' && item.type !== 'DEADLINE_EXPIRED' ? item.data ?? {} : {};
        const shown = DATA_FIELDS.filter(([k]) => data[k] !== undefined && data[k] !== null && data[k] !== '');
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
                {shown.map(([k, name]) => (
                  <div key={k}><dt>{t(name)}</dt><dd>{dataValue(k, data[k], i18n)}</dd></div>
                ))}
              </dl>
            )}
          </li>
        );
      })}
    </ol>
  );
}
