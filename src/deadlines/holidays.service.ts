import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { NotFound } from '../common/errors';
import { Db, Tx } from '../database/db';
import { outboxMessages } from '../outbox/outbox-messages';
import { OutboxService } from '../outbox/outbox.service';
import type { Principal } from '../identity/roles';
import { addLocalDays, dueAt, startOfLocalDay } from './business-calendar';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';
import { HolidaysRepository, HolidayView } from './holidays.repository';

export type { HolidayView } from './holidays.repository';

/**
 * Public holidays are data (Tết follows the lunar calendar and is announced yearly). Changing one
 * recomputes the pending working-day deadlines whose window it falls in, and re-arms their timers.
 */
@Injectable()
export class HolidaysService {
  constructor(
    private readonly db: Db,
    private readonly holidays: HolidaysRepository,
    private readonly deadlineRows: DeadlinesRepository,
    private readonly deadlines: DeadlinesService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  list(year?: number): Promise<HolidayView[]> {
    return this.holidays.list(year);
  }

  async set(p: Principal, day: string, nameVi: string, nameEn: string): Promise<{ holiday: HolidayView; rescheduled: number }> {
    const holiday = { day, nameVi, nameEn };
    const rescheduled = await this.change(day, async (tx) => {
      await this.holidays.upsert(tx, holiday);
      await this.audit.record(tx, { actor: { id: p.userId, role: p.role }, action: 'holiday.set', entity: 'holiday', entityId: day, details: { nameVi, nameEn } });
    });
    return { holiday, rescheduled };
  }

  async remove(p: Principal, day: string): Promise<{ rescheduled: number }> {
    const rescheduled = await this.change(day, async (tx) => {
      if (!(await this.holidays.delete(tx, day))) throw new NotFound('Holiday', 'ngày nghỉ');
      await this.audit.record(tx, { actor: { id: p.userId, role: p.role }, action: 'holiday.delete', entity: 'holiday', entityId: day, details: {} });
    });
    return { rescheduled };
  }

  private async change(day: string, write: (tx: Tx) => Promise<void>): Promise<number> {
    const count = await this.db.transaction(async (tx) => {
      await this.holidays.lockTable(tx);
      await write(tx);
      const set = await this.holidays.days(tx);
      const affected = await this.deadlineRows.lockPendingWorkingDaysAcross(tx, startOfLocalDay(day), startOfLocalDay(addLocalDays(day, 1)));
      let changed = 0;
      for (const d of affected) {
        const due = dueAt(d.starts_at, d.rule, set);
        if (due.getTime() === d.due_at.getTime()) continue;
        await this.deadlineRows.moveDue(tx, d.id, due);
        await this.outbox.publish(tx, outboxMessages.rearm(d, due));
        changed++;
      }
      return changed;
    });
    this.deadlines.forgetHolidays();
    return count;
  }
}
