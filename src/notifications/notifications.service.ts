import { Injectable } from '@nestjs/common';
import type { Audience } from '../../workflows/types';
import { AuditService } from '../audit/audit.service';
import { NotFound } from '../common/errors';
import { Db, Tx } from '../database/db';
import type { Principal } from '../identity/roles';
import { NotificationsRepository } from './notifications.repository';
import { render } from './templates';

export interface NotifyTarget {
  caseId: string | null;
  communeCode: string;
  assigneeId: string | null;
  /** The agency receiving a handoff, for `receiving_agency` audiences. */
  agencyId?: string | null;
}

export interface NotificationView {
  id: string;
  caseId: string | null;
  template: string;
  textVi: string;
  textEn: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

/**
 * In-app notifications. Audiences resolve to the active users of the case's commune (or of the
 * receiving agency) at the moment of the command, inside its transaction.
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly db: Db, private readonly repository: NotificationsRepository, private readonly audit: AuditService) {}

  notify(tx: Tx, target: NotifyTarget, audience: Audience[], template: string, payload: Record<string, unknown>, now: Date): Promise<number> {
    const a = new Set(audience);
    const commune = (wanted: boolean) => (wanted ? target.communeCode : null);
    return this.repository.insertForRecipients(tx, {
      assigneeId: a.has('assignee') ? target.assigneeId : null,
      communeWorkersOf: commune(a.has('commune_workers')),
      supervisorsOf: commune(a.has('supervisors')),
      chairOf: commune(a.has('chair')),
      agencyId: a.has('receiving_agency') || a.has('receiving_agency_head') ? target.agencyId ?? null : null,
    }, target.caseId, template, payload, now);
  }

  /** Reminds each of `userIds` not yet reminded of `report`, due on `due`; how many were. */
  remindOfReport(userIds: string[], report: string, due: string, now: Date): Promise<number> {
    return this.db.transaction((tx) => this.repository.remindOfReport(tx, userIds, report, due, now));
  }

  /** The caller's inbox, texts rendered in Vietnamese and English. */
  async inbox(p: Principal, q: { unread?: boolean; page: number; pageSize: number }) {
    const { rows, total } = await this.repository.page(p.userId, q.unread ?? false, q.pageSize, (q.page - 1) * q.pageSize);
    const items: NotificationView[] = rows.map((r) => ({
      id: r.id, caseId: r.case_id, template: r.template, textVi: render(r.template, r.payload, 'vi'), textEn: render(r.template, r.payload, 'en'),
      payload: r.payload, createdAt: r.created_at, readAt: r.read_at,
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** Marks one of the caller's notifications read; audited. */
  markRead(p: Principal, id: string): Promise<{ id: string; readAt: Date }> {
    return this.db.transaction(async (tx) => {
      const updated = await this.repository.markRead(tx, id, p.userId);
      if (!updated) throw new NotFound('Notification', 'thông báo');
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'notification.read', caseId: updated.case_id, entity: 'notification', entityId: id,
      });
      return { id, readAt: updated.read_at };
    });
  }
}
