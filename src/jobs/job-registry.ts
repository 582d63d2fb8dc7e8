/**
 * Every BullMQ queue, job and schedule of baove, declared once: a handler or a producer names a
 * job by `JobName` and gets its payload type from `JobPayloads`.
 */
import type { RepeatOptions } from 'bullmq';
import type { AppConfig } from '../config/config';

/** A deadline rung's firing: the timer job's payload, and the outbox message that arms it. */
export interface DeadlineTimer {
  deadlineId: string;
  level: number;
  /** ISO instant the rung falls due. */
  at: string;
  /** Where the deadline belongs, so a firing need not look it up first (absent on messages of older versions). */
  caseId?: string;
  handoffId?: string | null;
  /** A support's deadline (special-circumstances register): no case. */
  supportId?: string;
  key?: string;
}

export enum QueueName {
  /** One delayed job per armed deadline rung; high volume, processed WORKER_CONCURRENCY at a time. */
  Timers = 'deadline-timers',
  /** The periodic jobs of `SCHEDULES`; a few, each short. */
  Maintenance = 'maintenance',
  /** One job per message and channel (e-mail, SMS, Zalo, push), retried with back-off; id `nd-<delivery id>`. */
  Notify = 'notify',
  /** Full verifications of the audit chain, one at a time, apart from the periodic jobs (they may run long). */
  AuditVerify = 'audit-verify',
}

export enum JobName {
  /** `fire`: the name timer jobs already in Redis carry. */
  FireDeadline = 'fire',
  Reconcile = 'reconcile',
  SealAudit = 'seal-audit',
  RemindReports = 'remind-reports',
  SendNotification = 'send-notification',
  /** An urgent alert's acknowledgement time ran out: alert the next rung unless someone acknowledged. */
  AckTimeout = 'ack-timeout',
  /** 07:00 in Vietnam: each worker's, supervisor's and chair's digest. */
  DailyDigest = 'daily-digest',
  /** Re-queues deliveries and alerts whose job was lost (Redis flushed, a crash between commit and enqueue). */
  SweepDeliveries = 'sweep-deliveries',
  /** A signed checkpoint of the audit chain's head, written outside the database. */
  AuditCheckpoint = 'audit-checkpoint',
  /** One full verification of the audit chain (`POST /audit/verify/full`), with progress. */
  VerifyAuditFull = 'verify-audit-full',
  /** Purges and anonymisation past their retention (src/retention/). */
  Retention = 'retention',
}

export interface JobPayloads {
  [JobName.FireDeadline]: DeadlineTimer;
  /** `rearmAll`: also re-add every armed deadline's job (Redis lost them); else only fire overdue rows. */
  [JobName.Reconcile]: { rearmAll: boolean };
  [JobName.SealAudit]: Record<string, never>;
  [JobName.RemindReports]: Record<string, never>;
  [JobName.SendNotification]: { deliveryId: string };
  [JobName.AckTimeout]: { ackId: string };
  [JobName.DailyDigest]: Record<string, never>;
  [JobName.SweepDeliveries]: Record<string, never>;
  [JobName.AuditCheckpoint]: Record<string, never>;
  /** Who asked (their user id), for the record. */
  [JobName.VerifyAuditFull]: { requestedBy: string | null };
  [JobName.Retention]: Record<string, never>;
}

export const JOB_QUEUE: { readonly [J in JobName]: QueueName } = {
  [JobName.FireDeadline]: QueueName.Timers,
  [JobName.Reconcile]: QueueName.Maintenance,
  [JobName.SealAudit]: QueueName.Maintenance,
  [JobName.RemindReports]: QueueName.Maintenance,
  [JobName.SendNotification]: QueueName.Notify,
  [JobName.AckTimeout]: QueueName.Timers,
  [JobName.DailyDigest]: QueueName.Maintenance,
  [JobName.SweepDeliveries]: QueueName.Maintenance,
  [JobName.AuditCheckpoint]: QueueName.Maintenance,
  [JobName.VerifyAuditFull]: QueueName.AuditVerify,
  [JobName.Retention]: QueueName.Maintenance,
};

/** Jobs that run on a BullMQ job scheduler (scheduler id = job name), so each tick runs once across all workers. */
export type ScheduledJob = JobName.Reconcile | JobName.SealAudit | JobName.RemindReports | JobName.DailyDigest | JobName.SweepDeliveries | JobName.AuditCheckpoint | JobName.Retention;

export const REPORT_REMINDERS_REPEAT = { pattern: '0 8 * * *', tz: 'Asia/Ho_Chi_Minh' } as const;
export const DAILY_DIGEST_REPEAT = { pattern: '0 7 * * *', tz: 'Asia/Ho_Chi_Minh' } as const;

export interface Schedule<J extends ScheduledJob> {
  repeat: Omit<RepeatOptions, 'key'>;
  /** The data of every job the scheduler makes. */
  data: JobPayloads[J];
}

export function schedules(config: AppConfig): { readonly [J in ScheduledJob]: Schedule<J> } {
  return {
    [JobName.Reconcile]: { repeat: { every: config.reconcileIntervalMs }, data: { rearmAll: false } },
    // Audit rows are sealed into the chain about a second after their commit.
    [JobName.SealAudit]: { repeat: { every: 1_000 }, data: {} },
    // Every morning at 08:00 in Vietnam.
    [JobName.RemindReports]: { repeat: REPORT_REMINDERS_REPEAT, data: {} },
    // Every morning at 07:00 in Vietnam.
    [JobName.DailyDigest]: { repeat: DAILY_DIGEST_REPEAT, data: {} },
    [JobName.SweepDeliveries]: { repeat: { every: 30_000 }, data: {} },
    // The chain's head signed into the file outside the database (AUDIT_CHECKPOINT_SECONDS).
    [JobName.AuditCheckpoint]: { repeat: { every: config.audit.checkpointSeconds * 1000 }, data: {} },
    // RETENTION_CRON, by default every hour at minute 17 (so an Idempotency-Key answer outlives its 24 hours by at most one).
    [JobName.Retention]: { repeat: { pattern: config.retention.cron, tz: 'Asia/Ho_Chi_Minh' }, data: {} },
  };
}

/** The BullMQ job id of a message's send: derived from its delivery row, so enqueueing twice makes one job. */
export function deliveryJobId(deliveryId: string): string {
  return `nd-${deliveryId}`;
}

export function ackJobId(ackId: string): string {
  return `ack-${ackId}`;
}

/** The BullMQ job id of a deadline rung's firing: derived from the row, no `:` (BullMQ refuses it). */
export function timerJobId(deadlineId: string, level: number): string {
  return `dl-${deadlineId}-${level}`;
}
