import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { NotFound } from '../common/errors';
import { Db, Tx } from '../database/db';
import { outboxMessages } from '../outbox/outbox-messages';
import { OutboxService } from '../outbox/outbox.service';
import type { Principal } from '../identity/roles';
import { addLocalDays, dueAt, startOfLocalDay } from './business-calendar';
import { DeadlinesRepository, WorkingDayDeadline } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';
import { HolidaysRepository, HolidayView } from './holidays.repository';

export type { HolidayView } from './holidays.repository';

/** A holiday set (added or renamed) on `day`, or removed from it (`holiday` absent). */
export interface HolidayChange {
  day: string;
  holiday?: { nameVi: string; nameEn: string };
}

/** A pending deadline the change moves. */
export interface MovedDeadline {
  id: string;
  /** null for a support's deadline (special-circumstances register: no case). */
  caseId: string | null;
  handoffId: string | null;
  supportId: string | null;
  key: string;
  from: Date;
  to: Date;
}

/**
 * Public holidays are data (Tết follows the lunar calendar and is announced yearly). Changing one
 * recomputes the pending working-day deadlines whose window it falls in, and re-arms their timers.
 * Who may change them, the preview and the notifications are the administration's (src/admin).
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

  /** The deadlines the change would move, computed exactly as `apply` does, writing nothing. 404 when removing a day that is no holiday. */
  async preview(change: HolidayChange): Promise<MovedDeadline[]> {
    return this.db.transaction(async (tx) => {
      const set = await this.holidays.days(tx);
      if (change.holiday) set.add(change.day);
      else if (!set.delete(change.day)) throw new NotFound('Holiday', 'ngày nghỉ');
      return moves(await this.deadlineRows.pendingWorkingDaysAcross(tx, ...window(change.day), false), set);
    });
  }

  /**
   * Applies the change inside the caller's transaction (audited there), moves the deadlines and
   * re-arms their timers; returns what moved. Call `changed()` once the transaction committed.
   */
  async apply(tx: Tx, p: Principal, change: HolidayChange): Promise<MovedDeadline[]> {
    await this.holidays.lockTable(tx);
    const actor = { id: p.userId, role: p.role };
    if (change.holiday) {
      await this.holidays.upsert(tx, { day: change.day, ...change.holiday });
      await this.audit.record(tx, { actor, action: 'holiday.set', entity: 'holiday', entityId: change.day, details: { ...change.holiday } });
    } else {
      if (!(await this.holidays.delete(tx, change.day))) throw new NotFound('Holiday', 'ngày nghỉ');
      await this.audit.record(tx, { actor, action: 'holiday.delete', entity: 'holiday', entityId: change.day, details: {} });
    }
    const moved = moves(await this.deadlineRows.pendingWorkingDaysAcross(tx, ...window(change.day), true), await this.holidays.days(tx));
    for (const m of moved) {
      await this.deadlineRows.moveDue(tx, m.id, m.to);
      await this.outbox.publish(tx, outboxMessages.rearm({ id: m.id, case_id: m.caseId, handoff_id: m.handoffId, support_id: m.supportId, key: m.key }, m.to));
    }
    return moved;
  }

  /** Forgets this process's cached calendar after a committed change. */
  changed(): void {
    this.deadlines.forgetHolidays();
  }
}

/** The local day as [start, end). */
function window(day: string): [Date, Date] {
  return [startOfLocalDay(day), startOfLocalDay(addLocalDays(day, 1))];
}

/** Which of the deadlines fall due elsewhere on the calendar `holidays`, and where. */
function moves(rows: WorkingDayDeadline[], holidays: Set<string>): MovedDeadline[] {
  const out: MovedDeadline[] = [];
  for (const d of rows) {
    const due = dueAt(d.starts_at, d.rule, holidays);
    if (due.getTime() === d.due_at.getTime()) continue;
    out.push({ id: d.id, caseId: d.case_id, handoffId: d.handoff_id, supportId: d.support_id, key: d.key, from: d.due_at, to: due });
  }
  return out;
}
