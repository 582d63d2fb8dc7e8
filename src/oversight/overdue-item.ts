/** One line of the overdue board, built from its row (pure). */

/** Case deadlines that wait on the commune chair's decision rather than on the case's worker. */
export const CHAIR_DEADLINES: readonly string[] = ['plan_approval', 'closure_approval'];

export interface OverdueRow {
  id: string;
  case_id: string;
  handoff_id: string | null;
  key: string;
  title_vi: string;
  title_en: string;
  due_at: Date;
  breached_at: Date | null;
  escalation_level: number;
  code: string;
  commune_code: string;
  commune_name: string;
  state: string;
  assignee_id: string | null;
  assignee_name: string | null;
  handoff_kind: string | null;
  agency_id: string | null;
  agency_name: string | null;
  chair_id: string | null;
  chair_name: string | null;
}

export interface OwedBy {
  type: 'worker' | 'agency' | 'chair';
  id: string | null;
  name: string | null;
}

export interface OverdueItem {
  kind: 'deadline' | 'handoff';
  deadlineId: string;
  caseId: string;
  caseCode: string;
  communeCode: string;
  stage: string;
  deadline: string;
  titleVi: string;
  titleEn: string;
  dueAt: Date;
  breachedAt: Date | null;
  lateSeconds: number;
  escalationLevel: number;
  owedBy: OwedBy;
  handoffId?: string;
  handoffKind?: string | null;
}

/**
 * Who owes the next step: the receiving agency for a handoff's deadline; the commune chair for a
 * plan or closure decision; otherwise the case's worker — or, while nobody is assigned, the
 * commune's supervisors, whose step it is to assign one.
 */
export function owedBy(r: OverdueRow): OwedBy {
  if (r.handoff_id) return { type: 'agency', id: r.agency_id, name: r.agency_name };
  if (CHAIR_DEADLINES.includes(r.key)) return { type: 'chair', id: r.chair_id, name: r.chair_name };
  if (r.assignee_id) return { type: 'worker', id: r.assignee_id, name: r.assignee_name };
  return {
    type: 'worker', id: null,
    name: `Chưa phân công: giám sát viên ${r.commune_name} / Unassigned: the supervisors of ${r.commune_name}`,
  };
}

export function overdueItem(r: OverdueRow, now: Date): OverdueItem {
  return {
    kind: r.handoff_id ? 'handoff' : 'deadline',
    deadlineId: r.id, caseId: r.case_id, caseCode: r.code, communeCode: r.commune_code, stage: r.state,
    deadline: r.key, titleVi: r.title_vi, titleEn: r.title_en, dueAt: r.due_at, breachedAt: r.breached_at,
    lateSeconds: Math.max(0, Math.floor((now.getTime() - r.due_at.getTime()) / 1000)),
    escalationLevel: r.escalation_level, owedBy: owedBy(r),
    ...(r.handoff_id ? { handoffId: r.handoff_id, handoffKind: r.handoff_kind } : {}),
  };
}
