import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../database/db';

export interface NotificationRow {
  id: string;
  case_id: string | null;
  template: string;
  payload: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

export interface Recipients {
  assigneeId: string | null;
  communeWorkersOf: string | null;
  supervisorsOf: string | null;
  chairOf: string | null;
  agencyId: string | null;
}

/** The `notifications` table. Writing a command's notifications is on the firing hot path: prepared. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: Db) {}

  /** One notification per active recipient; returns how many were written. */
  async insertForRecipients(tx: Tx, to: Recipients, caseId: string | null, template: string, payload: Record<string, unknown>, now: Date): Promise<number> {
    const rows = await tx.prepared<{ n: number }>(
      `WITH recipients AS (
         SELECT u.id FROM users u JOIN agencies ag ON ag.id = u.agency_id
          WHERE u.active AND (
            u.id = $1::uuid
            OR (u.role = 'social_worker' AND ag.commune_code = $2)
            OR (u.role = 'supervisor' AND ag.commune_code = $3)
            OR (u.role = 'chair' AND ag.commune_code = $4)
            OR u.agency_id = $5::uuid)
       ), inserted AS (
         INSERT INTO notifications (user_id, case_id, template, payload, created_at)
         SELECT id, $6, $7, $8, $9 FROM recipients RETURNING 1
       ) SELECT count(*)::int AS n FROM inserted`,
      [to.assigneeId, to.communeWorkersOf, to.supervisorsOf, to.chairOf, to.agencyId, caseId, template, JSON.stringify(payload), now],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * A `report_reminder` to each of `userIds` not yet reminded of this report; how many. Two runs at
   * once (a retried job, two workers) must not both find a user not yet reminded, hence the
   * advisory lock per report.
   */
  async remindOfReport(tx: Tx, userIds: string[], report: string, due: string, now: Date): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`report-reminder|${report}`]);
    const [{ n }] = await tx.query<{ n: number }>(
      `WITH inserted AS (
         INSERT INTO notifications (user_id, case_id, template, payload, created_at)
         SELECT u.id, NULL, 'report_reminder', jsonb_build_object('report', $1::text, 'due', $2::text), $3
           FROM unnest($4::uuid[]) AS u(id)
          WHERE NOT EXISTS (SELECT 1 FROM notifications n
                             WHERE n.user_id = u.id AND n.template = 'report_reminder' AND n.payload->>'report' = $1)
         RETURNING 1)
       SELECT count(*)::int AS n FROM inserted`,
      [report, due, now, userIds],
    );
    return n;
  }

  /** A page of a user's notifications, newest first, with the total of the filter. */
  async page(userId: string, unreadOnly: boolean, limit: number, offset: number): Promise<{ rows: NotificationRow[]; total: number }> {
    const rows = await this.db.query<NotificationRow & { total: string }>(
      `SELECT id, case_id, template, payload, created_at, read_at, count(*) OVER () AS total FROM notifications
        WHERE user_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL)
        ORDER BY created_at DESC LIMIT $3 OFFSET $4`,
      [userId, unreadOnly, limit, offset],
    );
    if (rows.length || offset === 0) return { rows, total: rows.length ? Number(rows[0].total) : 0 };
    // Past the last page: still say how many there are.
    const [{ total }] = await this.db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM notifications WHERE user_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL)`,
      [userId, unreadOnly],
    );
    return { rows, total };
  }

  /** Marks a user's notification read (the first read time stays); undefined when it is not theirs. */
  async markRead(tx: Tx, id: string, userId: string): Promise<{ read_at: Date; case_id: string | null } | undefined> {
    const rows = await tx.query<{ read_at: Date; case_id: string | null }>(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING read_at, case_id`,
      [id, userId],
    );
    return rows[0];
  }
}
