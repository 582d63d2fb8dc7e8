import { Inject, Injectable, Logger } from '@nestjs/common';
import { ChannelError, ChannelName, PushTarget } from '../channels/channel';
import { ChannelsService } from '../channels/channels.service';
import { subscriptionGone } from '../channels/push.channel';
import { Clock } from '../common/clock';
import { CONFIG } from '../common/tokens';
import type { AppConfig } from '../config/config';
import { ackJobId, deliveryJobId, JobName } from '../jobs/job-registry';
import { JobsService } from '../jobs/jobs.service';
import { DeliveriesRepository, DeliveryRow, NewDelivery, RecipientRow } from '../notifications/deliveries.repository';
import { compose } from '../notifications/messages';
import { PreferencesRepository } from '../notifications/preferences.repository';
import { notBefore, planFor } from './plan';

export type SendOutcome = 'sent' | 'retry' | 'failed' | 'unknown' | 'stale' | 'later';

/** How long a delivery may sit in `sending` before the sweep hands it back to a worker (a crash). */
const STUCK_AFTER_MS = 120_000;

/**
 * The worker's side of notifications beyond the inbox: turns written notifications into one
 * delivery row per message and channel (the unique de-duplication key makes this idempotent),
 * enqueues one BullMQ job per row (its id derives from the row), and sends each.
 *
 * The send protocol: a job claims its row (`queued` → `sending`, committed) before calling the
 * provider, and records the outcome after. A job that finds its row already `sending` is the
 * retry of a send whose outcome nobody recorded (the worker died mid-send): on a channel whose
 * provider drops a repeated key (the HTTP gateway, Web Push's topic and tag) it sends again with
 * the same key; on any other (SMTP, the brand-name SMS and ZNS shapes) it does not send again and
 * records the outcome as unknown — at most once. A failure the provider answered is retried with
 * back-off; the last failure falls back to the recipient's next channel.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger('Delivery');

  constructor(
    private readonly repo: DeliveriesRepository,
    private readonly prefs: PreferencesRepository,
    private readonly channels: ChannelsService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** The outbox's `notification.dispatch`: plans and enqueues the messages; arms acknowledgement time-outs. */
  async dispatch(payloads: Array<{ ids: string[]; ack?: { id: string; dueAt: string } }>): Promise<void> {
    const now = this.clock.now();
    const ids = payloads.flatMap((p) => p.ids);
    const configured = this.channels.configured();
    if (ids.length && configured.length) {
      const rows: NewDelivery[] = [];
      for (const r of await this.repo.recipients(ids)) {
        const plan = planFor(r, configured);
        const at = notBefore(now, { start: r.quiet_start, end: r.quiet_end }, plan.urgent);
        for (const c of plan.urgent ? plan.channels : plan.channels.slice(0, 1)) {
          rows.push({ notificationId: r.notification_id, userId: r.user_id, channel: c.channel, address: c.address, urgent: plan.urgent, notBefore: at });
        }
      }
      await this.enqueue(await this.repo.insert(rows, now), now);
    }
    const acks = payloads.flatMap((p) => (p.ack ? [p.ack] : []));
    for (const a of acks) {
      await this.jobs.add(JobName.AckTimeout, { ackId: a.id }, { jobId: ackJobId(a.id), delay: Math.max(0, Date.parse(a.dueAt) - now.getTime()) });
    }
  }

  private async enqueue(rows: DeliveryRow[], now: Date): Promise<void> {
    await this.jobs.addBulk(JobName.SendNotification, rows.map((d) => ({
      data: { deliveryId: d.id },
      opts: { jobId: deliveryJobId(d.id), delay: Math.max(0, d.not_before.getTime() - now.getTime()), priority: d.urgent ? 1 : 10 },
    })));
  }

  /** One send attempt of one delivery (a BullMQ job); throws to have BullMQ retry it with back-off. */
  async send(deliveryId: string): Promise<{ outcome: SendOutcome; notBefore?: Date }> {
    const now = this.clock.now();
    const current = await this.repo.find(deliveryId);
    if (!current || (current.status !== 'queued' && current.status !== 'sending')) return { outcome: 'stale' };
    if (current.status === 'queued' && current.not_before.getTime() > now.getTime()) return { outcome: 'later', notBefore: current.not_before };
    const claimed = await this.repo.claim(deliveryId, now);
    if (!claimed) return { outcome: 'stale' };
    const { row, wasSending } = claimed;
    const adapter = this.channels.adapter(row.channel as ChannelName);
    if (!adapter) return this.fail(row, `no ${row.channel} provider is configured any more`);
    if (wasSending && !adapter.dropsRepeats) {
      // The last attempt died between claiming and recording: the provider may have the message.
      await this.repo.markFailed(row.id, `outcome unknown: an attempt was interrupted mid-send; not sent again (${adapter.provider} cannot drop a repeat)`, this.clock.now());
      this.logger.warn({ deliveryId: row.id, channel: row.channel }, 'delivery interrupted mid-send: not resent');
      return { outcome: 'unknown' };
    }
    const [source] = await this.repo.recipients([row.notification_id]);
    if (!source) return this.fail(row, 'the recipient is no longer active', false);
    try {
      const providerId = await this.deliver(row, source);
      await this.repo.markSent(row.id, providerId, this.clock.now());
      return { outcome: 'sent' };
    } catch (e) {
      const err = e instanceof ChannelError ? e : new ChannelError((e as Error).message, true, true);
      if (err.maybeSent && !adapter.dropsRepeats) {
        await this.repo.markFailed(row.id, `outcome unknown (${err.message}); not sent again`, this.clock.now());
        return { outcome: 'unknown' };
      }
      if (err.retryable && row.attempts < this.config.notify.sendAttempts) {
        await this.repo.markRetry(row.id, err.message, this.clock.now());
        throw err;
      }
      return this.fail(row, err.message);
    }
  }

  /** Sends on the row's channel; returns the provider's message id. */
  private async deliver(row: DeliveryRow, r: RecipientRow): Promise<string | null> {
    const channel = row.channel as ChannelName;
    const adapter = this.channels.adapter(channel)!;
    const message = compose({ notificationId: r.notification_id, template: r.template, payload: r.payload, caseId: r.case_id, urgent: row.urgent },
      r.language, channel, this.config.notify.publicUrl);
    const base = { dedupeKey: row.dedupe_key, subject: message.subject, text: message.text, push: message.push, urgent: row.urgent };
    if (channel !== 'push') return (await adapter.send({ ...base, to: row.address })).providerId;
    // Push: every device the user subscribed when it was queued, still subscribed; one is enough.
    let delivered: string | null | undefined;
    let last: unknown;
    for (const id of row.address.split(',')) {
      const s = await this.prefs.pushSubscription(id);
      if (!s) continue;
      const to: PushTarget = { endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } };
      try {
        const res = await adapter.send({ ...base, to });
        delivered ??= res.providerId;
      } catch (e) {
        if (subscriptionGone(e)) await this.prefs.forgetPush(id);
        last = e;
      }
    }
    if (delivered !== undefined) return delivered;
    throw last ?? new ChannelError('no push subscription left', false, false);
  }

  /** Failed for good: record it, then (unless `fallback` is false) try the recipient's next channel. */
  private async fail(row: DeliveryRow, error: string, fallback = true): Promise<{ outcome: SendOutcome }> {
    const now = this.clock.now();
    if (!(await this.repo.markFailed(row.id, error, now)) || !fallback) return { outcome: 'failed' };
    const [r] = await this.repo.recipients([row.notification_id]);
    if (!r) return { outcome: 'failed' };
    const tried = new Set(await this.repo.triedChannels(row.notification_id));
    const next = planFor(r, this.channels.configured()).channels.find((c) => !tried.has(c.channel));
    if (next) {
      const rows = await this.repo.insert([{ notificationId: row.notification_id, userId: row.user_id, channel: next.channel, address: next.address, urgent: row.urgent, notBefore: now }], now);
      await this.enqueue(rows, now);
      this.logger.log({ deliveryId: row.id, from: row.channel, to: next.channel }, 'delivery failed; falling back to the next channel');
    }
    return { outcome: 'failed' };
  }

  /** Re-enqueues deliveries and alert time-outs whose jobs were lost; BullMQ ignores ids it still holds. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const stranded = await this.repo.stranded(now, new Date(now.getTime() - STUCK_AFTER_MS), 500);
    await this.enqueue(stranded, now);
    const acks = await this.repo.overdueAcks(now, 500);
    for (const a of acks) await this.jobs.add(JobName.AckTimeout, { ackId: a.id }, { jobId: ackJobId(a.id) });
    return stranded.length + acks.length;
  }
}
