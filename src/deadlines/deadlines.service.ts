import { Inject, Injectable } from '@nestjs/common';
import type { DeadlineSpec } from '../../workflows/types';
import type { AppConfig } from '../config/config';
import { CONFIG } from '../common/tokens';
import { Db, Tx } from '../database/db';
import { OutboxService } from '../outbox/outbox.service';
import { dueAt, Holidays } from './business-calendar';

export interface DeadlineOwner {
  caseId: string;
  /** null for the case's own deadlines. */
  handoffId: string | null;
}

export interface DeadlineRow {
  id: string;
  case_id: string;
  handoff_id: string | null;
  key: string;
  status: 'pending' | 'met' | 'met_late' | 'breached' | 'cancelled';
  due_at: Date;
  breached_at: Date | null;
  escalation_level: number;
  next_escalation_at: Date | null;
  title_vi: string;
  title_en: string;
}

/** The BullMQ job id of a deadline's next firing: no `:` (BullMQ refuses it). */
export function timerJobId(deadlineId: string, level: number): string {
  return `dl-${deadlineId}-${level}`;
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
    private readonly db: Db,
    private readonly outbox: OutboxService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Holidays are read-mostly data; each process caches them for a minute (admin edits clear it here). */
  async holidays(): Promise<Holidays> {
    const now = Date.now();
    if (!this.holidayCache || now - this.holidayCache.at > HOLIDAY_CACHE_MS) {
      const rows: Array<{ day: string }> = await this.db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM holidays`);
      this.holidayCache = { at: now, days: new Set(rows.map((r) => r.day)) };
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
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO deadlines (case_id, handoff_id, key, title_vi, title_en, rule, legal_basis, starts_at, due_at, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10)
       ON CONFLICT DO NOTHING RETURNING id`,
      [owner.caseId, owner.handoffId, spec.key, spec.titleVi, spec.titleEn, JSON.stringify(spec.rule), spec.legalBasis, anchor, due, now],
    );
    if (rows.length === 0) return null;
    await this.outbox.publish(tx, 'deadline.timer', {
      deadlineId: rows[0].id, level: 0, at: due.toISOString(), caseId: owner.caseId, handoffId: owner.handoffId, key: spec.key,
    });
    return rows[0].id;
  }

  /** Marks the owner's open deadline(s) met — late if already breached or past due. */
  async settle(tx: Tx, owner: DeadlineOwner, key: string, now: Date): Promise<number> {
    const rows = await tx.query<{ id: string; escalation_level: number }>(
      `UPDATE deadlines SET status = CASE WHEN status = 'breached' OR due_at < $4 THEN 'met_late' ELSE 'met' END,
              settled_at = $4, next_escalation_at = NULL
        WHERE case_id = $1 AND handoff_id IS NOT DISTINCT FROM $2 AND key = $3 AND status IN ('pending', 'breached')
        RETURNING id, escalation_level`,
      [owner.caseId, owner.handoffId, key, now],
    );
    await this.clearTimers(tx, rows);
    return rows.length;
  }

  /** Cancels the owner's open deadline with this key, or all of them for `*`. */
  async cancel(tx: Tx, owner: DeadlineOwner, key: string, now: Date): Promise<number> {
    const rows = await tx.query<{ id: string; escalation_level: number }>(
      `UPDATE deadlines SET status = 'cancelled', settled_at = $4, next_escalation_at = NULL
        WHERE case_id = $1 AND handoff_id IS NOT DISTINCT FROM $2 AND ($3 = '*' OR key = $3) AND status IN ('pending', 'breached')
        RETURNING id, escalation_level`,
      [owner.caseId, owner.handoffId, key, now],
    );
    await this.clearTimers(tx, rows);
    return rows.length;
  }

  /** Locks a deadline row for the firing handler (the caller already holds the case's lock). */
  async lock(tx: Tx, deadlineId: string): Promise<DeadlineRow | undefined> {
    const rows: DeadlineRow[] = await tx.query(`SELECT * FROM deadlines WHERE id = $1 FOR UPDATE`, [deadlineId]);
    return rows[0];
  }

  async find(deadlineId: string): Promise<DeadlineRow | undefined> {
    const rows: DeadlineRow[] = await this.db.query(`SELECT * FROM deadlines WHERE id = $1`, [deadlineId]);
    return rows[0];
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
    // The row and, when a further rung exists, the timer message for it: one statement.
    await tx.query(
      `WITH breached AS (
         UPDATE deadlines SET status = 'breached', breached_at = $2, escalation_level = $3, next_escalation_at = $4 WHERE id = $1
         RETURNING id, case_id, handoff_id, key
       ) INSERT INTO outbox (topic, payload)
         SELECT 'deadline.timer', jsonb_build_object('deadlineId', id, 'level', $3::int, 'at', $5::text, 'caseId', case_id, 'handoffId', handoff_id, 'key', key)
           FROM breached WHERE $4::timestamptz IS NOT NULL`,
      [row.id, breachedAt, level, nextAt, nextAt?.toISOString() ?? null],
    );
    return { level, step };
  }

  /** ESCALATION_AFTER_HOURS, when set, replaces the table's delay between rungs. */
  private stepDelayHours(step: DeadlineSpec['escalation'][number]): number {
    return this.config.escalationAfterHours !== undefined ? this.config.escalationAfterHours * (step.level - 1) : step.afterHours;
  }

  private async clearTimers(tx: Tx, rows: Array<{ id: string; escalation_level: number }>): Promise<void> {
    await this.outbox.publishMany(tx, rows.map((r) => ({
      topic: 'deadline.cleared' as const, payload: { deadlineId: r.id, level: r.escalation_level },
    })));
  }
}
