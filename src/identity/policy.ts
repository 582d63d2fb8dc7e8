/**
 * Access policies, in one place and pure: who may send which case event, file a report, act on a
 * handoff, and which projection of a case they see. Scoping is applied in the query layer through
 * the access repository (`access.repository.ts`).
 */
import type { Principal, Role } from './roles';
import { PARTNER_ROLES } from './roles';

const WORKERS: Role[] = ['social_worker', 'supervisor'];

/** Which roles may send each client event (the workflow's guards then decide whether it applies now). */
export const CASE_EVENT_ROLES: Record<string, readonly Role[]> = {
  ASSIGN: ['social_worker', 'supervisor', 'chair'],
  START_VERIFICATION: WORKERS,
  RECORD_INITIAL_ASSESSMENT: WORKERS,
  APPLY_EMERGENCY_MEASURES: ['social_worker', 'supervisor', 'chair'],
  RECORD_ASSESSMENT: WORKERS,
  SUBMIT_PLAN: WORKERS,
  APPROVE_PLAN: ['chair'],
  REJECT_PLAN: ['chair'],
  RECORD_REVIEW: WORKERS,
  PROPOSE_CLOSURE: WORKERS,
  APPROVE_CLOSURE: ['chair', 'supervisor'],
  REJECT_CLOSURE: ['chair', 'supervisor'],
  CLOSE_UNFOUNDED: WORKERS,
  MARK_DUPLICATE: WORKERS,
  REOPEN: ['supervisor', 'chair'],
  ADD_NOTE: ['social_worker', 'supervisor', 'chair'],
};

export function mayCaseEvent(role: Role, type: string): boolean {
  return CASE_EVENT_ROLES[type]?.includes(role) ?? false;
}

/** A `supervision` note (a finding on a late case) is for supervisors and the chair. */
export function mayWriteSupervisionNote(role: Role): boolean {
  return role === 'supervisor' || role === 'chair';
}

export const INTAKE_ROLES: readonly Role[] = ['hotline_operator', 'social_worker', 'supervisor', 'police', 'health', 'education'];

/** Whether the caller may file a report for a commune of `provinceCode`. */
export function mayIntakeFor(p: Principal, communeCode: string, provinceCode: string): boolean {
  if (!INTAKE_ROLES.includes(p.role)) return false;
  if (p.provinceCode === null) return true; // national (hotline 111)
  if (p.communeCode === null) return p.provinceCode === provinceCode;
  return p.communeCode === communeCode;
}

/** Commune staff who manage cases: they may create and cancel handoffs. */
export const HANDOFF_MANAGER_ROLES: readonly Role[] = WORKERS;

/** What the receiving agency does to a handoff; CANCEL is the commune's. */
export const HANDOFF_AGENCY_ACTIONS = ['ACCEPT', 'DECLINE', 'START', 'COMPLETE'] as const;

/**
 * The handoff actions this caller may take now (for a handoff they can see): the receiving
 * agency's members act on it, the commune's case staff may cancel it. `accepts` says whether the
 * handoff's current state takes an action at all.
 */
export function handoffActions(p: Principal, handoffAgencyId: string, accepts: (action: string) => boolean): string[] {
  if (handoffAgencyId === p.agencyId) return HANDOFF_AGENCY_ACTIONS.filter(accepts);
  return HANDOFF_MANAGER_ROLES.includes(p.role) && accepts('CANCEL') ? ['CANCEL'] : [];
}

export function isPartner(role: Role): boolean {
  return PARTNER_ROLES.includes(role);
}

/**
 * - `full`: the case's social workers, supervisors and chair — reporter included;
 * - `restricted`: auditors and the hotline operator who filed it — everything but the reporter;
 * - `need_to_know`: partner agencies — child's first name and age, commune, incident types and
 *   their own agency's handoffs; never the reporter or other agencies' work.
 */
export type CaseProjection = 'full' | 'restricted' | 'need_to_know';

export function caseProjection(role: Role): CaseProjection {
  if (role === 'social_worker' || role === 'supervisor' || role === 'chair') return 'full';
  if (isPartner(role)) return 'need_to_know';
  return 'restricted';
}
