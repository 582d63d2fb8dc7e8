import type { DeadlineTimer } from '../jobs/job-registry';

/**
 * Every message the outbox carries: a discriminated union on `topic`, each topic with its one
 * builder, so a payload has exactly one shape and is assembled in exactly one place.
 */

export type OutboxMessage =
  /** A deadline row was scheduled or escalated: enqueue its timer job. */
  | { topic: 'deadline.timer'; payload: DeadlineTimer }
  /** A pending deadline's due date moved (holiday change): move its timer job. */
  | { topic: 'deadline.rearm'; payload: DeadlineTimer }
  /** A deadline was settled or cancelled: remove its timer job. */
  | { topic: 'deadline.cleared'; payload: { deadlineId: string; level: number } }
  /** Notifications were written: send them on the recipients' channels; arm an urgent alert's acknowledgement time-out. */
  | { topic: 'notification.dispatch'; payload: { ids: string[]; ack?: { id: string; dueAt: string } } };

export type OutboxTopic = OutboxMessage['topic'];
export type OutboxPayload<T extends OutboxTopic> = Extract<OutboxMessage, { topic: T }>['payload'];

/** The columns of a deadline row a timer needs. */
export interface TimedDeadline {
  id: string;
  case_id: string | null;
  handoff_id: string | null;
  support_id?: string | null;
  key: string;
}

export function deadlineTimer(row: TimedDeadline, level: number, at: Date): DeadlineTimer {
  return {
    deadlineId: row.id, level, at: at.toISOString(), ...(row.case_id ? { caseId: row.case_id } : {}), handoffId: row.handoff_id,
    ...(row.support_id ? { supportId: row.support_id } : {}), key: row.key,
  };
}

export const outboxMessages = {
  timer: (row: TimedDeadline, level: number, at: Date): OutboxMessage => ({ topic: 'deadline.timer', payload: deadlineTimer(row, level, at) }),
  rearm: (row: TimedDeadline, at: Date): OutboxMessage => ({ topic: 'deadline.rearm', payload: deadlineTimer(row, 0, at) }),
  cleared: (row: { id: string; escalation_level: number }): OutboxMessage => ({
    topic: 'deadline.cleared', payload: { deadlineId: row.id, level: row.escalation_level },
  }),
};
