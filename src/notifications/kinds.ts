/**
 * Kinds of notification, for the channels a user wants per kind, and which ones are urgent.
 * Urgent ones (an emergency deadline, a breach, an escalation, an urgent handoff offered) go on
 * every verified channel at any hour and carry an acknowledgement link.
 */
export const NOTIFICATION_KINDS = ['assignment', 'approval', 'deadline', 'update', 'digest'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const KIND_OF: Record<string, NotificationKind> = {
  case_received: 'assignment', case_assigned: 'assignment', handoff_offered: 'assignment', transfer_requested: 'assignment',
  repeat_report: 'assignment', urgent_report_opened: 'assignment', urgent_report_sent: 'approval',
  plan_submitted: 'approval', closure_proposed: 'approval', separation_proposed: 'approval',
  deadline_breached: 'deadline', deadline_escalated: 'deadline', handoff_needs_attention: 'deadline', report_reminder: 'deadline',
  holiday_changed: 'deadline', daily_digest: 'digest',
};

export function kindOf(template: string): NotificationKind {
  return KIND_OF[template] ?? 'update';
}

const URGENT_TEMPLATES = new Set(['case_received_urgent', 'immediate_danger_found', 'deadline_breached', 'deadline_escalated', 'urgent_report_opened']);

export function isUrgent(template: string, payload: Record<string, unknown>): boolean {
  return URGENT_TEMPLATES.has(template) || (template === 'handoff_offered' && payload.urgency === 'urgent');
}

/** Channels used for a kind when the user chose none: the console's push, then e-mail. */
export const DEFAULT_CHANNELS: readonly string[] = ['push', 'email'];
