/**
 * A commune report's status: drafted (by a supervisor), approved (by the chair), sent (by either,
 * once approved). Drafting again withdraws an approval not yet sent; a sent report is final. Pure.
 */
import type { Role } from '../identity/roles';

export const REPORT_STATUSES = ['drafted', 'approved', 'sent'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_ACTIONS = ['draft', 'approve', 'send'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

const RULES: Record<ReportAction, { from: ReadonlyArray<ReportStatus | null>; to: ReportStatus; roles: readonly Role[] }> = {
  draft: { from: [null, 'drafted', 'approved'], to: 'drafted', roles: ['supervisor'] },
  approve: { from: ['drafted'], to: 'approved', roles: ['chair'] },
  send: { from: ['approved'], to: 'sent', roles: ['supervisor', 'chair'] },
};

/** Who may take an action at all. */
export function mayTake(action: ReportAction, role: Role): boolean {
  return RULES[action].roles.includes(role);
}

/** The status an action leads to from `current` (null: not drafted yet), or null when it may not be taken now. */
export function nextStatus(current: ReportStatus | null, action: ReportAction): ReportStatus | null {
  return RULES[action].from.includes(current) ? RULES[action].to : null;
}
