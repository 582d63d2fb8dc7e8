import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { NotFound } from '../common/errors';
import { Db, Tx } from '../database/db';
import { OutboxService } from '../outbox/outbox.service';
import type { Principal } from '../identity/roles';
import { addLocalDays, dueAt, startOfLocalDay } from './business-calendar';
import { DeadlinesService } from './deadlines.service';

export interface HolidayView {
  day: string;
  nameVi: string;
  nameEn: string;
}

/**
 * Public holidays are data (Tết follows the lunar calendar and is announced yearly). Changing one
 * recomputes the pending working-day deadlines whose window it falls in, and re-arms their timers.
 */
@Injectable()
export class HolidaysService {
  constructor(
    private readonly db: Db,
    private readonly deadlines: DeadlinesService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async list(year?: number): Promise<HolidayView[]> {
    return this.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, name_vi AS "nameVi", name_en AS "nameEn" FROM holidays
        WHERE $1::int IS NULL OR extract(year FROM day) = $1 ORDER BY day`, [year ?? null],
    );
  }

  async set(p: Principal, day: string, nameVi: string, nameEn: string): Promise<{ holiday: HolidayView; rescheduled: number }> {
    return this.change(day, async (tx) => {
      await tx.query(
        `INSERT INTO holidays (day, name_vi, name_en) VALUES ($1, $2, $3)
         ON CONFLICT (day) DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en`, [day, nameVi, nameEn],
      );
      await this.audit.record(tx, { actor: { id: p.userId, role: p.role }, action: 'holiday.set', entity: 'holiday', entityId: day, details: { nameVi, nameEn } });
    }).then((rescheduled) => ({ holiday: { day, nameVi, nameEn }, rescheduled }));
  }

  async remove(p: Principal, day: string): Promise<{ rescheduled: number }> {
    const rescheduled = await this.change(day, async (tx) => {
      const deleted = await tx.query(`DELETE FROM holidays WHERE day = $1 RETURNING day`, [day]);
      if (deleted.length === 0) throw new NotFound('Holiday', 'ngày nghỉ');
      await this.audit.record(tx, { actor: { id: p.userId, role: p.role }, action: 'holiday.delete', entity: 'holiday', entityId: day, details: {} });
    });
    return { rescheduled };
  }

  private async change(day: string, write: (tx: Tx) => Promise<void>): Promise<number> {
    const count = await this.db.transaction(async (tx) => {
      // One holiday change at a time, so recomputation always sees the final table.
      await tx.query(`LOCK TABLE holidays IN SHARE ROW EXCLUSIVE MODE`);
      await write(tx);
      const holidays: Array<{ day: string }> = await tx.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM holidays`);
      const set = new Set(holidays.map((h) => h.day));
      const affected: Array<{ id: string; case_id: string; handoff_id: string | null; key: string; starts_at: Date; due_at: Date; rule: { workingDays: number } }> = await tx.query(
        `SELECT id, case_id, handoff_id, key, starts_at, due_at, rule FROM deadlines
          WHERE status = 'pending' AND rule ? 'workingDays' AND starts_at < $2 AND due_at >= $1 FOR UPDATE`,
        [startOfLocalDay(day), startOfLocalDay(addLocalDays(day, 1))],
      );
      let changed = 0;
      for (const d of affected) {
        const due = dueAt(d.starts_at, d.rule, set);
        if (due.getTime() === d.due_at.getTime()) continue;
        await tx.query(`UPDATE deadlines SET due_at = $2 WHERE id = $1`, [d.id, due]);
        await this.outbox.publish(tx, 'deadline.rearm', { deadlineId: d.id, level: 0, at: due.toISOString(), caseId: d.case_id, handoffId: d.handoff_id, key: d.key });
        changed++;
      }
      return changed;
    });
    this.deadlines.forgetHolidays();
    return count;
  }
}
