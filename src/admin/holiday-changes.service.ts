import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { Conflict } from '../common/errors';
import { Db } from '../database/db';
import { HolidayChange, HolidaysService, MovedDeadline } from '../deadlines/holidays.service';
import type { Principal } from '../identity/roles';
import { NotificationsService } from '../notifications/notifications.service';
import { AdminRepository, AffectedCase } from './admin.repository';

/**
 * National holidays are the national admin's (route roles): a change first previews the pending
 * deadlines it would move and the communes of their cases, then, confirmed with the previewed count,
 * applies it in one transaction that also notifies the supervisors of every affected case.
 */
@Injectable()
export class HolidayChangesService {
  constructor(
    private readonly db: Db,
    private readonly holidays: HolidaysService,
    private readonly repo: AdminRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async preview(change: HolidayChange) {
    const moved = await this.holidays.preview(change);
    const cases = await this.db.transaction((tx) => this.repo.casesOf(tx, [...new Set(moved.flatMap((m) => m.caseId ?? []))]));
    return { day: change.day, change: change.holiday ? 'set' as const : 'remove' as const, deadlinesMoved: moved.length, cases: cases.length,
      communes: byCommune(cases, moved) };
  }

  /** Applies the change; 409 (nothing changed) when `expectedMoves` is given and no longer what the change moves. */
  async apply(p: Principal, change: HolidayChange, expectedMoves?: number): Promise<{ rescheduled: number; notified: number }> {
    const result = await this.db.transaction(async (tx) => {
      const moved = await this.holidays.apply(tx, p, change);
      if (expectedMoves !== undefined && expectedMoves !== moved.length) {
        throw new Conflict(
          `Thay đổi này nay dời ${moved.length} thời hạn, không phải ${expectedMoves} như đã xem trước; hãy xem lại / ` +
            `The change now moves ${moved.length} deadlines, not the ${expectedMoves} previewed; preview again`,
          { expectedMoves, deadlinesMoved: moved.length },
        );
      }
      const perCase = new Map<string, number>();
      // Cases' deadlines only: a support's (no case) moves without a notice (its page shows the new date).
      for (const m of moved) if (m.caseId) perCase.set(m.caseId, (perCase.get(m.caseId) ?? 0) + 1);
      let notified = 0;
      const now = this.clock.now();
      for (const c of await this.repo.casesOf(tx, [...perCase.keys()])) {
        notified += await this.notifications.notify(tx, { caseId: c.id, communeCode: c.communeCode, assigneeId: null }, ['supervisors'],
          'holiday_changed', { code: c.code, day: change.day, deadlines: perCase.get(c.id) }, now);
      }
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'holiday.deadlines_moved', entity: 'holiday', entityId: change.day,
        details: { deadlines: moved.length, cases: perCase.size, notified },
      });
      return { rescheduled: moved.length, notified };
    });
    this.holidays.changed();
    return result;
  }
}

function byCommune(cases: AffectedCase[], moved: MovedDeadline[]) {
  const communeOf = new Map(cases.map((c) => [c.id, c]));
  const out = new Map<string, { code: string; name: string; provinceCode: string; cases: Set<string>; deadlines: number }>();
  for (const m of moved) {
    const c = m.caseId ? communeOf.get(m.caseId) : undefined;
    if (!c) continue;
    const entry = out.get(c.communeCode) ?? { code: c.communeCode, name: c.communeName, provinceCode: c.provinceCode, cases: new Set<string>(), deadlines: 0 };
    entry.cases.add(c.id);
    entry.deadlines++;
    out.set(c.communeCode, entry);
  }
  return [...out.values()].sort((a, b) => b.deadlines - a.deadlines || a.code.localeCompare(b.code))
    .map((e) => ({ code: e.code, name: e.name, provinceCode: e.provinceCode, cases: e.cases.size, deadlines: e.deadlines }));
}
