/**
 * The case timeline as the case file prints it: each event named as its workflow's contract names
 * it, its data written out with the contract's field labels and the vocabularies' Vietnamese names.
 * Pure.
 */
import type { EventContract, FieldSpec } from '../../workflows/contract';
import { dateTime, shortDate, vi, yesNo } from './format';
import type { TimelineRow } from './templates/case-file';

/** Events no contract names (the engine's own). */
const ENGINE_EVENTS: Record<string, string> = {
  CASE_RECEIVED: 'Tiếp nhận tin báo', DEADLINE_EXPIRED: 'Quá hạn', HANDOFF_UPDATED: 'Cập nhật phối hợp',
};

const DEADLINE_KINDS: Record<string, string> = {
  deadline_started: 'Bắt đầu tính hạn', deadline_breached: 'Quá hạn', deadline_met: 'Hoàn thành đúng hạn', deadline_met_late: 'Hoàn thành trễ hạn',
  deadline_cancelled: 'Không còn tính hạn',
};

/** Names the data of an event may refer to by id. */
export interface Names {
  users: Map<string, string>;
  agencies: Map<string, string>;
  cases: Map<string, string>;
}

function value(f: FieldSpec, v: unknown, names: Names): string {
  if (v === null || v === undefined) return '';
  switch (f.kind) {
    case 'boolean': return yesNo(v) ?? String(v);
    case 'choice': return vi(f.vocabulary, v) ?? String(v);
    case 'date': return shortDate(String(v)) ?? String(v);
    case 'lines': return Array.isArray(v) ? v.join('; ') : String(v);
    case 'assignee': return names.users.get(String(v)) ?? String(v);
    case 'caseRef': return names.cases.get(String(v)) ?? String(v);
    case 'records':
      return Array.isArray(v)
        ? v.map((r, n) => `${n + 1}) ${readableData(f.fields, (r ?? {}) as Record<string, unknown>, names)}`).join(' ')
        : String(v);
    default: return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

/** "Mức độ nguy cơ: Cao; Tin báo có cơ sở?: Có; …" in the contract's order; keys it does not declare after. */
export function readableData(fields: readonly FieldSpec[], data: Record<string, unknown>, names: Names): string {
  const known = new Set(fields.map((f) => f.key));
  const parts = fields.filter((f) => data[f.key] !== undefined && data[f.key] !== null && data[f.key] !== '')
    .map((f) => `${f.labelVi}: ${value(f, data[f.key], names)}`);
  for (const [k, v] of Object.entries(data)) {
    if (!known.has(k) && v !== null && v !== undefined && v !== '') parts.push(`${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  }
  return parts.join('; ');
}

/** An item of the case timeline read model (cases.service `timeline`). */
export type TimelineItem =
  | { at: Date; kind: 'event'; type: string; data: Record<string, unknown>; fromState: string; toState: string; actor: { name: string | null; role: string } }
  | { at: Date; kind: string; titleVi: string; dueAt: Date }
  | { at: Date; kind: 'handoff_offered'; handoffKind: string; agency: string; urgency: string };

export function timelineRows(items: TimelineItem[], contracts: Record<string, EventContract>, names: Names): TimelineRow[] {
  return items.map((i): TimelineRow => {
    if (i.kind === 'event' && 'type' in i) {
      const contract = contracts[i.type];
      let details = contract ? readableData(contract.fields, i.data, names) : '';
      if (i.type === 'HANDOFF_UPDATED') {
        const d = i.data as { handoffId?: string; kind?: string; status?: string; agencyId?: string; procedureStatus?: string };
        details = [names.agencies.get(d.agencyId ?? '') ?? names.agencies.get(d.handoffId ?? ''), vi('handoffKind', d.kind),
          vi('handoffState', d.status) ?? d.status, vi('procedureStatus', d.procedureStatus)].filter(Boolean).join(': ');
      } else if (i.type === 'CASE_RECEIVED') {
        details = [vi('channel', i.data.channel), i.data.immediateDanger ? 'Trẻ em đang gặp nguy hiểm' : null].filter(Boolean).join('; ');
      } else if (!contract) {
        details = readableData([], i.data, names);
      }
      return {
        at: i.at, actor: i.actor.name ? `${i.actor.name} (${vi('role', i.actor.role)})` : vi('role', i.actor.role) ?? i.actor.role,
        what: contract?.labelVi ?? ENGINE_EVENTS[i.type] ?? i.type,
        stateChange: i.fromState && i.fromState !== i.toState ? `${vi('state', i.fromState)} → ${vi('state', i.toState)}` : i.fromState ? '' : vi('state', i.toState) ?? '',
        details,
      };
    }
    if (i.kind === 'handoff_offered' && 'handoffKind' in i) {
      return { at: i.at, actor: 'Hệ thống', what: 'Gửi yêu cầu phối hợp', stateChange: '', details: `${i.agency}: ${vi('handoffKind', i.handoffKind)} (${vi('urgency', i.urgency)})` };
    }
    const d = i as { at: Date; kind: string; titleVi: string; dueAt: Date };
    return { at: d.at, actor: 'Hệ thống', what: DEADLINE_KINDS[d.kind] ?? d.kind, stateChange: '', details: `${d.titleVi}: hạn ${dateTime(d.dueAt)}` };
  });
}
