import { Inject, Injectable } from '@nestjs/common';
import type { DeadlineSpec } from '../../workflows/types';
import type { AppConfig } from '../config/config';
import { CONFIG } from '../common/tokens';
import type { Tx } from '../database/db';
import { outboxMessages } from '../outbox/outbox-messages';
import { OutboxService } from '../outbox/outbox.service';
import { dueAt, Holidays } from './business-calendar';
import { ArmedDeadline, DeadlinesRepository } from './deadlines.repository';
import { HolidaysRepository } from './holidays.repository';

/**
 * Whose deadline it is: a case's own (`handoffId` null), one of its handoffs', or a support's on the
 * special-circumstances register (`supportId`; no case). The table's CHECK holds exactly one owner.
 */
export interface DeadlineOwner {
  caseId: string | null;
  /** null for the case's own deadlines. */
  handoffId: string | null;
  supportId: string | null;
}

export interface DeadlineRow {
  id: string;
  case_id: string | null;
  handoff_id: string | null;
  support_id: string | null;
  key: string;
  status: 'pending' | 'met' | 'met_late' | 'breached' | 'cancelled';
  due_at: Date;
  breached_at: Date | null;
  escalation_level: number;
  next_escalation_at: Date | null;
  title_vi: string;
  title_en: string;
}

const HOLIDAY_CACHE_MS = 60_000;

/**
 * Deadline rows: scheduling (due date from the business calendar), settling, cancelling, breaching
 * and escalating. Every change writes an outbox message so the worker's timers follow the rows.
 */
@Injectable()
export class DeadlinesService {
  private holidayCache: { at: number; days: Set<string> } | null = null;

  constructor(
    private readonly repository: DeadlinesRepository,
    private readonly holidayRows: HolidaysRepository,
    private readonly outbox: OutboxService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Holidays are read-mostly data; each process caches them for a minute (admin edits clear it here). */
  async holidays(): Promise<Holidays> {
    const now = Date.now();
    if (!this.holidayCache || now - this.holidayCache.at > HOLIDAY_CACHE_MS) {
      this.holidayCache = { at: now, days: await this.holidayRows.days() };
    }
    return this.holidayCache.days;
  }

  forgetHolidays(): void {
    this.holidayCache = null;
  }

  async computeDue(spec: DeadlineSpec, anchor: Date): Promise<Date> {
    return dueAt(anchor, spec.rule, await this.holidays());
  }

  /**
   * Inserts a pending deadline unless one with this key is already open for the owner
   * (scheduling is idempotent). Returns the new row's id, or null when one was already open.
   */
  async schedule(tx: Tx, owner: DeadlineOwner, spec: DeadlineSpec, anchor: Date, due: Date, now: Date): Promise<string | null> {
    const id = await this.repository.insertPending(tx, owner, spec, anchor, due, now);
    if (id === null) return null;
    await this.outbox.publish(tx, outboxMessages.timer({ id, case_id: owner.caseId, handoff_id: owner.handoffId, support_id: owner.supportId, key: spec.key }, 0, due));
    return id;
  }

  /** Marks the owner's open deadline(s) met — late if already breached or past due. */
  async settle(tx: Tx, owner: DeadlineOwner, key: string, now: Date): Promise<number> {
    const rows = await this.repository.settleOpen(tx, owner, key, now);
    await this.clearTimers(tx, rows);
    return rows.length;
  }

  /** Cancels the owner's open deadline with this key, or all of them for `*`. */
  async cancel(tx: Tx, owner: DeadlineOwner, key: string, now: Date): Promise<number> {
    const rows = await this.repository.cancelOpen(tx, owner, key, now);
    await this.clearTimers(tx, rows);
    return rows.length;
  }

  /** Locks a deadline row for the firing handler (the caller already holds the case's lock). */
  lock(tx: Tx, deadlineId: string): Promise<DeadlineRow | undefined> {
    return this.repository.lock(tx, deadlineId);
  }

  find(deadlineId: string): Promise<DeadlineRow | undefined> {
    return this.repository.find(deadlineId);
  }

  /** Deadlines due before `cutoff` that no firing has handled yet (their timer was lost or is late). */
  overdueIds(cutoff: Date, limit: number): Promise<string[]> {
    return this.repository.overdueIds(cutoff, limit);
  }

  /** Every deadline with an armed timer, in id order after `after`: what Redis should hold. */
  armedAfter(after: string, limit: number): Promise<ArmedDeadline[]> {
    return this.repository.armedAfter(after, limit);
  }

  /** An unacknowledged alert brings the next rung forward to now (the caller then fires it). */
  bringForward(deadlineId: string, level: number, now: Date) {
    return this.repository.bringForward(deadlineId, level, now);
  }

  /** Whether a firing is due now: a pending row past due, or a breached row whose next rung is due. */
  static isDue(row: DeadlineRow, now: Date): boolean {
    if (row.status === 'pending') return row.due_at.getTime() <= now.getTime();
    if (row.status === 'breached') return row.next_escalation_at !== null && row.next_escalation_at.getTime() <= now.getTime();
    return false;
  }

  /**
   * Climbs one rung of the escalation ladder: pending → breached at level 1, or breached → next
   * level (each rung `afterHours` after the due date). Returns the rung reached (its audience is notified by the caller), or null if nothing
   * was due. Must run under the row's lock.
   */
  async escalate(tx: Tx, row: DeadlineRow, spec: DeadlineSpec, now: Date): Promise<{ level: number; step: DeadlineSpec['escalation'][number] } | null> {
    if (!DeadlinesService.isDue(row, now)) return null;
    const level = row.status === 'pending' ? 1 : row.escalation_level + 1;
    const step = spec.escalation.find((s) => s.level === level);
    if (!step) return null;
    const breachedAt = row.status === 'pending' ? now : row.breached_at!;
    // Rungs count from the missed due date: a report filed days late climbs the ladder at once.
    const next = spec.escalation.find((s) => s.level === level + 1);
    const nextAt = next ? new Date(row.due_at.getTime() + this.stepDelayHours(next) * 3_600_000) : null;
    await this.repository.breach(tx, row.id, breachedAt, level, nextAt, nextAt && outboxMessages.timer(row, level, nextAt));
    return { level, step };
  }

  /** ESCALATION_AFTER_HOURS, when set, replaces the table's delay between rungs. */
  private stepDelayHours(step: DeadlineSpec['escalation'][number]): number {
    return this.config.escalationAfterHours !== undefined ? this.config.escalationAfterHours * (step.level - 1) : step.afterHours;
  }

  private async clearTimers(tx: Tx, rows: Array<{ id: string; escalation_level: number }>): Promise<void> {
    await this.outbox.publishMany(tx, rows.map(outboxMessages.cleared));
  }
}
