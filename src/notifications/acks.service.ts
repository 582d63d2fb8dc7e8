import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { ChannelsService } from '../channels/channels.service';
import { Clock } from '../common/clock';
import { NotFound } from '../common/errors';
import { Db } from '../database/db';
import type { Principal } from '../identity/roles';
import type { AppConfig } from '../config/config';
import { CONFIG } from '../common/tokens';
import { AckRow, DeliveriesRepository } from './deliveries.repository';

const notFound = () => new NotFound('Alert', 'cảnh báo');

/**
 * Acknowledging an urgent alert by its link (`/ack/<token>`): the signed-in user must have been one
 * of its recipients (anyone else: 404). The first acknowledgement is recorded — who and when, on
 * the case's timeline and in the audit log — and stops the early re-escalation.
 */
@Injectable()
export class AcksService {
  constructor(private readonly db: Db, private readonly repo: DeliveriesRepository, private readonly audit: AuditService, private readonly clock: Clock) {}

  async view(p: Principal, token: string) {
    const ack = (await this.repo.ackForRecipient(token, p.userId)) ?? (() => { throw notFound(); })();
    return this.present(ack);
  }

  async acknowledge(p: Principal, token: string) {
    const ack = (await this.repo.ackForRecipient(token, p.userId)) ?? (() => { throw notFound(); })();
    const row = await this.db.transaction(async (tx) => {
      const { row, first } = await this.repo.acknowledge(tx, ack.id, p.userId, this.clock.now());
      if (first) {
        await this.audit.record(tx, { actor: { id: p.userId, role: p.role }, action: 'notification.acknowledged', caseId: row.case_id, entity: 'notification_ack', entityId: row.id,
          details: { template: row.template } });
      }
      return row;
    });
    return this.present(row);
  }

  private async present(a: AckRow) {
    const [extra] = await this.repo.ackContext(a.id);
    return {
      caseId: a.case_id, caseCode: extra?.case_code ?? null, template: a.template, createdAt: a.created_at, dueAt: a.due_at,
      acknowledgedAt: a.acknowledged_at, acknowledgedBy: extra?.acknowledged_by_name ?? null, reEscalatedAt: a.re_escalated_at,
    };
  }
}

/** The delivery log for administrators, and providers' delivery reports. */
@Injectable()
export class DeliveryLogService {
  constructor(
    private readonly db: Db, private readonly repo: DeliveriesRepository, private readonly channels: ChannelsService, private readonly audit: AuditService,
    private readonly clock: Clock, @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Audited: the log names users and their messages' fate (never an address). */
  async page(p: Principal, q: { status?: string; channel?: string; page: number; pageSize: number }) {
    const { rows, total } = await this.repo.page(q, q.pageSize, (q.page - 1) * q.pageSize);
    await this.db.transaction((tx) => this.audit.record(tx, { actor: { id: p.userId, role: p.role }, action: 'notification_deliveries.read', entity: 'notification_delivery',
      details: { status: q.status ?? null, channel: q.channel ?? null, page: q.page } }));
    return {
      items: rows.map((r) => ({
        id: r.id, notificationId: r.notification_id, userId: r.user_id, username: r.username, channel: r.channel, status: r.status, urgent: r.urgent,
        attempts: r.attempts, providerId: r.provider_id, lastError: r.last_error, template: r.template, caseId: r.case_id, createdAt: r.created_at,
        updatedAt: r.updated_at, sentAt: r.sent_at, deliveredAt: r.delivered_at,
      })),
      total, page: q.page, pageSize: q.pageSize,
    };
  }

  /** A provider's delivery report (authenticated by NOTIFY_CALLBACK_TOKEN); 404 when reports are off or the channel has no provider. */
  async report(channel: string, token: string | undefined, body: unknown): Promise<{ matched: number }> {
    const expected = this.config.notify.callbackToken;
    const adapter = ['sms', 'zalo', 'email', 'push'].includes(channel) ? this.channels.adapter(channel as 'sms') : undefined;
    if (!expected || !adapter?.parseReports || !token || !timingSafeEqualText(token, expected)) throw new NotFound('Report endpoint', 'địa chỉ nhận báo cáo');
    let matched = 0;
    for (const r of adapter.parseReports(body)) matched += await this.repo.report(channel, r, this.clock.now());
    return { matched };
  }
}

function timingSafeEqualText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
