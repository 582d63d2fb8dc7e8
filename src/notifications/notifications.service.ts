import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Audience } from '../../workflows/types';
import { AuditService } from '../audit/audit.service';
import { ChannelsService } from '../channels/channels.service';
import type { AppConfig } from '../config/config';
import { NotFound } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { Db, Tx } from '../database/db';
import type { Principal } from '../identity/roles';
import { OutboxService } from '../outbox/outbox.service';
import { DeliveriesRepository } from './deliveries.repository';
import { isUrgent } from './kinds';
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
  constructor(
    private readonly db: Db,
    private readonly repository: NotificationsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly channels: ChannelsService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Writes the audience's in-app notifications in the command's transaction. An urgent one also
   * gets an acknowledgement token (its link), and every one goes to the worker through the outbox
   * to be sent on the recipients' other channels after commit.
   */
  async notify(tx: Tx, target: NotifyTarget, audience: Audience[], template: string, payload: Record<string, unknown>, now: Date): Promise<number> {
    const a = new Set(audience);
    const commune = (wanted: boolean) => (wanted ? target.communeCode : null);
    let ack: { id: string; dueAt: string } | undefined;
    if (isUrgent(template, payload)) {
      const token = randomBytes(16).toString('base64url');
      const dueAt = new Date(now.getTime() + this.config.notify.ackMinutes * 60_000);
      const deadlineId = typeof payload.deadlineId === 'string' ? payload.deadlineId : null;
      const id = await this.deliveries.createAck(tx, {
        token, caseId: target.caseId, template, deadlineId, level: typeof payload.level === 'number' ? payload.level : null, now, dueAt,
      });
      ack = { id, dueAt: dueAt.toISOString() };
      payload = { ...payload, ackToken: token };
    }
    const ids = await this.repository.insertForRecipients(tx, {
      assigneeId: a.has('assignee') ? target.assigneeId : null,
      communeWorkersOf: commune(a.has('commune_workers')),
      supervisorsOf: commune(a.has('supervisors')),
      chairOf: commune(a.has('chair')),
      agencyId: a.has('receiving_agency') || a.has('receiving_agency_head') ? target.agencyId ?? null : null,
    }, target.caseId, template, payload, now);
    await this.dispatch(tx, ids, ack);
    return ids.length;
  }

  /** Deletes the notifications created before `before` (retention); how many. */
  purgeBefore(tx: Tx, before: Date): Promise<number> {
    return this.repository.purgeBefore(tx, before);
  }

  /** Reminds each of `userIds` not yet reminded of `report`, due on `due`; how many were. */
  remindOfReport(userIds: string[], report: string, due: string, now: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      const ids = await this.repository.remindOfReport(tx, userIds, report, due, now);
      await this.dispatch(tx, ids);
      return ids.length;
    });
  }

  /** Writes today's digests (once a day per person, however many runs); how many. */
  digest(day: string, dayStart: Date, dayEnd: Date, weekEnd: Date, now: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      const ids = await this.repository.insertDigests(tx, day, dayStart, dayEnd, weekEnd, now);
      await this.dispatch(tx, ids);
      return ids.length;
    });
  }

  /** With no channel beyond in-app and no alert to time, there is nothing for the worker to do. */
  private async dispatch(tx: Tx, ids: string[], ack?: { id: string; dueAt: string }): Promise<void> {
    if (ack || (ids.length && this.channels.configured().length)) {
      await this.outbox.publish(tx, { topic: 'notification.dispatch', payload: { ids, ...(ack ? { ack } : {}) } });
    }
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
