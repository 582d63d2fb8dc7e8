import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../database/db';

/** A notification with what its recipient chose and has: the input of the delivery plan. */
export interface RecipientRow {
  notification_id: string;
  user_id: string;
  case_id: string | null;
  template: string;
  payload: Record<string, unknown>;
  language: 'vi' | 'en';
  quiet_start: number | null;
  quiet_end: number | null;
  channels: Record<string, string[]>;
  email: string | null;
  phone: string | null;
  push: Array<{ id: string }>;
}

export interface NewDelivery {
  notificationId: string;
  userId: string;
  channel: string;
  address: string;
  urgent: boolean;
  notBefore: Date;
}

export interface DeliveryRow {
  id: string;
  notification_id: string;
  user_id: string;
  channel: string;
  dedupe_key: string;
  address: string;
  status: 'queued' | 'sending' | 'sent' | 'delivered' | 'failed';
  urgent: boolean;
  attempts: number;
  not_before: Date;
}

export interface DeliveryLogRow {
  id: string;
  notification_id: string;
  user_id: string;
  username: string;
  channel: string;
  status: string;
  urgent: boolean;
  attempts: number;
  provider_id: string | null;
  last_error: string | null;
  template: string;
  case_id: string | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
}

export interface AckRow {
  id: string;
  token: string;
  case_id: string | null;
  template: string;
  deadline_id: string | null;
  level: number | null;
  created_at: Date;
  due_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  re_escalated_at: Date | null;
}

/** `notification_deliveries` and `notification_acks`: each message per channel, and urgent alerts awaiting acknowledgement. */
@Injectable()
export class DeliveriesRepository {
  constructor(private readonly db: Db) {}

  /** Notifications with their recipient's settings, verified contacts and push subscriptions. */
  recipients(ids: string[]): Promise<RecipientRow[]> {
    return this.db.query<RecipientRow>(
      `SELECT n.id AS notification_id, n.user_id, n.case_id, n.template, n.payload,
              COALESCE(s.language, 'vi') AS language, s.quiet_start, s.quiet_end, COALESCE(s.channels, '{}'::jsonb) AS channels,
              (SELECT c.value FROM user_contacts c WHERE c.user_id = n.user_id AND c.kind = 'email' AND c.verified_at IS NOT NULL) AS email,
              (SELECT c.value FROM user_contacts c WHERE c.user_id = n.user_id AND c.kind = 'phone' AND c.verified_at IS NOT NULL) AS phone,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('id', p.id) ORDER BY p.created_at) FROM push_subscriptions p WHERE p.user_id = n.user_id), '[]') AS push
         FROM notifications n JOIN users u ON u.id = n.user_id LEFT JOIN notification_settings s ON s.user_id = n.user_id
        WHERE n.id = ANY($1::uuid[]) AND u.active`,
      [ids],
    );
  }

  /** Inserts deliveries not yet made (the de-duplication key is unique); returns those that are still queued. */
  async insert(rows: NewDelivery[], now: Date): Promise<DeliveryRow[]> {
    if (!rows.length) return [];
    return this.db.query<DeliveryRow>(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::boolean[], $6::timestamptz[]) AS t(nid, uid, channel, address, urgent, not_before)
       ), ins AS (
         INSERT INTO notification_deliveries (notification_id, user_id, channel, dedupe_key, address, status, urgent, not_before, created_at, updated_at)
         SELECT nid, uid, channel, nid::text || '-' || channel, address, 'queued', urgent, not_before, $7, $7 FROM input
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING *)
       SELECT * FROM ins
       UNION ALL
       SELECT d.* FROM notification_deliveries d JOIN input i ON d.dedupe_key = i.nid::text || '-' || i.channel WHERE d.status = 'queued'`,
      [rows.map((r) => r.notificationId), rows.map((r) => r.userId), rows.map((r) => r.channel), rows.map((r) => r.address),
        rows.map((r) => r.urgent), rows.map((r) => r.notBefore), now],
    );
  }

  find(id: string): Promise<DeliveryRow | undefined> {
    return this.db.query<DeliveryRow>(`SELECT * FROM notification_deliveries WHERE id = $1`, [id]).then((r) => r[0]);
  }

  /**
   * Claims a queued delivery for one send attempt: it becomes `sending` (committed before the
   * provider is called). Returns the row as it was, so a caller finding it already `sending`
   * knows an earlier attempt was interrupted with its outcome unknown.
   */
  async claim(id: string, now: Date): Promise<{ row: DeliveryRow; wasSending: boolean } | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<DeliveryRow>(`SELECT * FROM notification_deliveries WHERE id = $1 FOR UPDATE`, [id]);
      if (!row || (row.status !== 'queued' && row.status !== 'sending')) return undefined;
      const wasSending = row.status === 'sending';
      const [claimed] = await tx.query<DeliveryRow>(
        `UPDATE notification_deliveries SET status = 'sending', attempts = attempts + 1, updated_at = $2 WHERE id = $1 RETURNING *`, [id, now],
      );
      return { row: claimed, wasSending };
    });
  }

  async markSent(id: string, providerId: string | null, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE notification_deliveries SET status = 'sent', provider_id = $2, sent_at = $3, updated_at = $3, last_error = NULL WHERE id = $1 AND status = 'sending'`,
      [id, providerId, now],
    );
  }

  /** A failed attempt that will be retried: back to `queued` with the error. */
  async markRetry(id: string, error: string, now: Date): Promise<void> {
    await this.db.query(`UPDATE notification_deliveries SET status = 'queued', last_error = $2, updated_at = $3 WHERE id = $1 AND status = 'sending'`, [id, error.slice(0, 500), now]);
  }

  /** Failed for good; true when this call made it so (only one caller goes on to the fallback). */
  async markFailed(id: string, error: string, now: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE notification_deliveries SET status = 'failed', last_error = $2, updated_at = $3 WHERE id = $1 AND status IN ('queued', 'sending') RETURNING 1`,
      [id, error.slice(0, 500), now],
    );
    return rows.length > 0;
  }

  /** A provider's delivery report: `delivered` (from sent) or `failed`; how many rows it matched. */
  async report(channel: string, r: { dedupeKey?: string; providerId?: string; delivered: boolean; error?: string }, now: Date): Promise<number> {
    const rows = await this.db.query(
      `UPDATE notification_deliveries
          SET status = CASE WHEN $4 THEN 'delivered' ELSE 'failed' END,
              delivered_at = CASE WHEN $4 THEN $5::timestamptz ELSE delivered_at END,
              last_error = CASE WHEN $4 THEN last_error ELSE $6 END, updated_at = $5
        WHERE channel = $1 AND status IN ('sending', 'sent') AND (dedupe_key = $2 OR ($3::text IS NOT NULL AND provider_id = $3))
        RETURNING 1`,
      [channel, r.dedupeKey ?? null, r.providerId ?? null, r.delivered, now, r.error ?? 'reported failed by the provider'],
    );
    return rows.length;
  }

  /** Deliveries a lost job left behind: queued and due, or sending for longer than `stuckBefore`. */
  stranded(now: Date, stuckBefore: Date, limit: number): Promise<DeliveryRow[]> {
    return this.db.query<DeliveryRow>(
      `SELECT * FROM notification_deliveries
        WHERE (status = 'queued' AND not_before <= $1 AND updated_at < $2) OR (status = 'sending' AND updated_at < $2)
        ORDER BY updated_at LIMIT $3`,
      [now, stuckBefore, limit],
    );
  }

  /** The channels already tried for a notification (to pick the next one on failure). */
  async triedChannels(notificationId: string): Promise<string[]> {
    const rows = await this.db.query<{ channel: string }>(`SELECT channel FROM notification_deliveries WHERE notification_id = $1`, [notificationId]);
    return rows.map((r) => r.channel);
  }

  /** The delivery log, newest first, optionally only one status or channel. */
  async page(f: { status?: string; channel?: string }, limit: number, offset: number): Promise<{ rows: DeliveryLogRow[]; total: number }> {
    const rows = await this.db.query<DeliveryLogRow & { total: string }>(
      `SELECT d.id, d.notification_id, d.user_id, u.username, d.channel, d.status, d.urgent, d.attempts, d.provider_id, d.last_error,
              n.template, n.case_id, d.created_at, d.updated_at, d.sent_at, d.delivered_at, count(*) OVER () AS total
         FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id JOIN users u ON u.id = d.user_id
        WHERE ($1::text IS NULL OR d.status = $1) AND ($2::text IS NULL OR d.channel = $2)
        ORDER BY d.created_at DESC, d.id LIMIT $3 OFFSET $4`,
      [f.status ?? null, f.channel ?? null, limit, offset],
    );
    return { rows, total: rows.length ? Number(rows[0].total) : 0 };
  }

  /** Counts by channel and status, for the metrics. */
  counts(): Promise<Array<{ channel: string; status: string; n: number }>> {
    return this.db.query(`SELECT channel, status, count(*)::int AS n FROM notification_deliveries GROUP BY channel, status`);
  }

  /** Retention (wired by the retention job): deletes delivery rows created before `before`; how many. */
  async purgeDeliveriesBefore(before: Date): Promise<number> {
    const rows = await this.db.query(`DELETE FROM notification_deliveries WHERE created_at < $1 AND status IN ('sent', 'delivered', 'failed') RETURNING 1`, [before]);
    return rows.length;
  }

  // ------------------------------------------------------------------ acknowledgements

  /** Retention (wired by the retention job): deletes the urgent alerts' acknowledgement records created before `before`; how many. */
  async purgeAcksBefore(tx: Tx, before: Date): Promise<number> {
    return (await tx.query(`DELETE FROM notification_acks WHERE created_at < $1 RETURNING 1`, [before])).length;
  }

  async createAck(tx: Tx, a: { token: string; caseId: string | null; template: string; deadlineId: string | null; level: number | null; now: Date; dueAt: Date }): Promise<string> {
    const [{ id }] = await tx.query<{ id: string }>(
      `INSERT INTO notification_acks (token, case_id, template, deadline_id, level, created_at, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [a.token, a.caseId, a.template, a.deadlineId, a.level, a.now, a.dueAt],
    );
    return id;
  }

  /** The alert behind a token, if the user was one of its recipients. */
  async ackForRecipient(token: string, userId: string): Promise<AckRow | undefined> {
    const rows = await this.db.query<AckRow>(
      `SELECT a.* FROM notification_acks a
        WHERE a.token = $1 AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = $2 AND n.payload->>'ackToken' = $1)`,
      [token, userId],
    );
    return rows[0];
  }

  /** The case code and the acknowledging user's name of an alert. */
  ackContext(id: string): Promise<Array<{ case_code: string | null; acknowledged_by_name: string | null }>> {
    return this.db.query(
      `SELECT c.code AS case_code, u.full_name AS acknowledged_by_name FROM notification_acks a
         LEFT JOIN cases c ON c.id = a.case_id LEFT JOIN users u ON u.id = a.acknowledged_by WHERE a.id = $1`, [id],
    );
  }

  /** Records the first acknowledgement (later ones change nothing); the row after. */
  async acknowledge(tx: Tx, id: string, userId: string, now: Date): Promise<{ row: AckRow; first: boolean }> {
    const first = await tx.query<AckRow>(
      `UPDATE notification_acks SET acknowledged_at = $3, acknowledged_by = $2 WHERE id = $1 AND acknowledged_at IS NULL RETURNING *`, [id, userId, now],
    );
    if (first[0]) return { row: first[0], first: true };
    const [row] = await tx.query<AckRow>(`SELECT * FROM notification_acks WHERE id = $1`, [id]);
    return { row, first: false };
  }

  /** Locks an unanswered alert for its time-out, marking it re-escalated; undefined when acknowledged or already handled. */
  async takeUnanswered(tx: Tx, id: string, now: Date): Promise<AckRow | undefined> {
    const rows = await tx.query<AckRow>(
      `UPDATE notification_acks SET re_escalated_at = $2 WHERE id = $1 AND acknowledged_at IS NULL AND re_escalated_at IS NULL RETURNING *`, [id, now],
    );
    return rows[0];
  }

  /** Alerts whose time-out passed unanswered and unhandled (their job was lost). */
  overdueAcks(now: Date, limit: number): Promise<Array<{ id: string; due_at: Date }>> {
    return this.db.query(
      `SELECT id, due_at FROM notification_acks WHERE acknowledged_at IS NULL AND re_escalated_at IS NULL AND due_at < $1 - interval '1 minute' ORDER BY due_at LIMIT $2`,
      [now, limit],
    );
  }
}
