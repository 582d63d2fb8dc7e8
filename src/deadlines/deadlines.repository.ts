import { Injectable } from '@nestjs/common';
import type { DeadlineSpec } from '../../workflows/types';
import { Db, Tx } from '../database/db';
import type { OutboxMessage } from '../outbox/outbox-messages';
import type { DeadlineOwner, DeadlineRow } from './deadlines.service';

/** A deadline whose timer is armed: pending, or breached with a further rung. */
export interface ArmedDeadline {
  id: string;
  case_id: string | null;
  handoff_id: string | null;
  support_id: string | null;
  key: string;
  status: 'pending' | 'breached';
  escalation_level: number;
  /** When its next firing is due. */
  at: Date;
}

export interface WorkingDayDeadline {
  id: string;
  case_id: string | null;
  handoff_id: string | null;
  support_id: string | null;
  key: string;
  starts_at: Date;
  due_at: Date;
  rule: { workingDays: number };
}

/**
 * The owner's rows, as a predicate over `deadlines` with its parameters from `$first`: a support's
 * by `support_id`, else a case's or its handoff's (each answered by its own index).
 */
function ownerSql(owner: DeadlineOwner, first: number): { sql: string; params: unknown[] } {
  if (owner.supportId) return { sql: `support_id = $${first}`, params: [owner.supportId] };
  return { sql: `case_id = $${first} AND handoff_id IS NOT DISTINCT FROM $${first + 1}`, params: [owner.caseId, owner.handoffId] };
}

/**
 * The `deadlines` table. The firing path (lock, escalate) runs once per due deadline, so its
 * statements are prepared once per connection.
 */
@Injectable()
export class DeadlinesRepository {
  constructor(private readonly db: Db) {}

  /** Inserts a pending deadline unless one with this key is open for the owner; its id, or null. */
  async insertPending(tx: Tx, owner: DeadlineOwner, spec: DeadlineSpec, anchor: Date, due: Date, now: Date): Promise<string | null> {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO deadlines (case_id, handoff_id, support_id, key, title_vi, title_en, rule, legal_basis, starts_at, due_at, status, created_at)
       VALUES ($1, $2, $11, $3, $4, $5, $6, $7, $8, $9, 'pending', $10)
       ON CONFLICT DO NOTHING RETURNING id`,
      [owner.caseId, owner.handoffId, spec.key, spec.titleVi, spec.titleEn, JSON.stringify(spec.rule), spec.legalBasis, anchor, due, now, owner.supportId],
    );
    return rows[0]?.id ?? null;
  }

  /** Marks the owner's open deadline(s) with this key met — late if breached or past due. */
  settleOpen(tx: Tx, owner: DeadlineOwner, key: string, now: Date): Promise<Array<{ id: string; escalation_level: number }>> {
    const o = ownerSql(owner, 3);
    return tx.query(
      `UPDATE deadlines SET status = CASE WHEN status = 'breached' OR due_at < $2 THEN 'met_late' ELSE 'met' END,
              settled_at = $2, next_escalation_at = NULL
        WHERE ${o.sql} AND key = $1 AND status IN ('pending', 'breached')
        RETURNING id, escalation_level`,
      [key, now, ...o.params],
    );
  }

  /** Cancels the owner's open deadline with this key, or all of them for `*`. */
  cancelOpen(tx: Tx, owner: DeadlineOwner, key: string, now: Date): Promise<Array<{ id: string; escalation_level: number }>> {
    const o = ownerSql(owner, 3);
    return tx.query(
      `UPDATE deadlines SET status = 'cancelled', settled_at = $2, next_escalation_at = NULL
        WHERE ${o.sql} AND ($1 = '*' OR key = $1) AND status IN ('pending', 'breached')
        RETURNING id, escalation_level`,
      [key, now, ...o.params],
    );
  }

  async lock(tx: Tx, id: string): Promise<DeadlineRow | undefined> {
    const rows = await tx.prepared<DeadlineRow>(`SELECT * FROM deadlines WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  async find(id: string): Promise<DeadlineRow | undefined> {
    const rows = await this.db.query<DeadlineRow>(`SELECT * FROM deadlines WHERE id = $1`, [id]);
    return rows[0];
  }

  /** The row breached at `level` and, when a further rung exists, that rung's timer message: one statement. */
  async breach(tx: Tx, id: string, breachedAt: Date, level: number, nextAt: Date | null, next: OutboxMessage | null): Promise<void> {
    await tx.prepared(
      `WITH breached AS (
         UPDATE deadlines SET status = 'breached', breached_at = $2, escalation_level = $3, next_escalation_at = $4 WHERE id = $1
         RETURNING id
       ) INSERT INTO outbox (topic, payload) SELECT $5::text, $6::jsonb FROM breached WHERE $5::text IS NOT NULL`,
      [id, breachedAt, level, nextAt, next?.topic ?? null, next ? JSON.stringify(next.payload) : null],
    );
  }

  /**
   * Brings a breached deadline's next rung forward to `now` (an urgent alert went unacknowledged),
   * if it still sits at `level` with a later rung to come; the row's owner, or undefined.
   */
  async bringForward(id: string, level: number, now: Date): Promise<{ case_id: string | null; handoff_id: string | null; support_id: string | null; key: string } | undefined> {
    const rows = await this.db.query<{ case_id: string | null; handoff_id: string | null; support_id: string | null; key: string }>(
      `UPDATE deadlines SET next_escalation_at = $3 WHERE id = $1 AND status = 'breached' AND escalation_level = $2 AND next_escalation_at > $3
       RETURNING case_id, handoff_id, support_id, key`,
      [id, level, now],
    );
    return rows[0];
  }

  /** Pending working-day deadlines whose counting window holds [from, to); locked for recomputation when `lock`. */
  pendingWorkingDaysAcross(tx: Tx, from: Date, to: Date, lock: boolean): Promise<WorkingDayDeadline[]> {
    return tx.query(
      `SELECT id, case_id, handoff_id, support_id, key, starts_at, due_at, rule FROM deadlines
        WHERE status = 'pending' AND rule ? 'workingDays' AND starts_at < $2 AND due_at >= $1 ORDER BY id${lock ? ' FOR UPDATE' : ''}`,
      [from, to],
    );
  }

  async moveDue(tx: Tx, id: string, due: Date): Promise<void> {
    await tx.query(`UPDATE deadlines SET due_at = $2 WHERE id = $1`, [id, due]);
  }

  /** Deadlines due before `cutoff` and still not fired, oldest first. */
  async overdueIds(cutoff: Date, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM deadlines
        WHERE (status = 'pending' AND due_at <= $1) OR (status = 'breached' AND next_escalation_at <= $1)
        ORDER BY COALESCE(next_escalation_at, due_at) LIMIT $2`,
      [cutoff, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Armed deadlines in id order after `after` (keyset pagination over the whole table). */
  armedAfter(after: string, limit: number): Promise<ArmedDeadline[]> {
    return this.db.query(
      `SELECT id, case_id, handoff_id, support_id, key, status, escalation_level, CASE WHEN status = 'pending' THEN due_at ELSE next_escalation_at END AS at
         FROM deadlines
        WHERE id > $1 AND (status = 'pending' OR (status = 'breached' AND next_escalation_at IS NOT NULL))
        ORDER BY id LIMIT $2`,
      [after, limit],
    );
  }
}
