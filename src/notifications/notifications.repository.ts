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

  async purgeBefore(tx: Tx, before: Date): Promise<number> {
    return (await tx.query(`DELETE FROM notifications WHERE created_at < $1 RETURNING 1`, [before])).length;
  }

  /** One notification per active recipient; returns their ids. */
  async insertForRecipients(tx: Tx, to: Recipients, caseId: string | null, template: string, payload: Record<string, unknown>, now: Date): Promise<string[]> {
    const rows = await tx.prepared<{ ids: string[] | null }>(
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
         SELECT id, $6, $7, $8, $9 FROM recipients RETURNING id
       ) SELECT array_agg(id) AS ids FROM inserted`,
      [to.assigneeId, to.communeWorkersOf, to.supervisorsOf, to.chairOf, to.agencyId, caseId, template, JSON.stringify(payload), now],
    );
    return rows[0]?.ids ?? [];
  }

  /**
   * A `report_reminder` to each of `userIds` not yet reminded of this report; how many. Two runs at
   * once (a retried job, two workers) must not both find a user not yet reminded, hence the
   * advisory lock per report.
   */
  async remindOfReport(tx: Tx, userIds: string[], report: string, due: string, now: Date): Promise<string[]> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`report-reminder|${report}`]);
    const [{ ids }] = await tx.query<{ ids: string[] | null }>(
      `WITH inserted AS (
         INSERT INTO notifications (user_id, case_id, template, payload, created_at)
         SELECT u.id, NULL, 'report_reminder', jsonb_build_object('report', $1::text, 'due', $2::text), $3
           FROM unnest($4::uuid[]) AS u(id)
          WHERE NOT EXISTS (SELECT 1 FROM notifications n
                             WHERE n.user_id = u.id AND n.template = 'report_reminder' AND n.payload->>'report' = $1)
         RETURNING id)
       SELECT array_agg(id) AS ids FROM inserted`,
      [report, due, now, userIds],
    );
    return ids ?? [];
  }

  /**
   * Today's digest for each active social worker, supervisor and chair who has something in it and
   * has not had it today: their open deadlines due today, due this week, overdue, and the cases
   * waiting for their approval. `day` is the local date; `weekEnd` the end of the 7th day. Their
   * deadlines are their cases' (a worker's assigned cases, the commune's for the others) and their
   * special-circumstances supports' (the entries a worker registered, the commune's for the others),
   * an overdue support named by its code `HCĐB-…` (src/supports/support-store.ts `supportCode`).
   */
  async insertDigests(tx: Tx, day: string, dayStart: Date, dayEnd: Date, weekEnd: Date, now: Date): Promise<string[]> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`daily-digest|${day}`]);
    const [{ ids }] = await tx.query<{ ids: string[] | null }>(
      `WITH people AS (
         SELECT u.id, u.role, ag.commune_code FROM users u JOIN agencies ag ON ag.id = u.agency_id
          WHERE u.active AND u.role IN ('social_worker', 'supervisor', 'chair') AND ag.commune_code IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.template = 'daily_digest' AND n.payload->>'day' = $1)
       ), open_deadlines AS (
         SELECT p.id AS user_id, d.due_at, d.status, c.code FROM people p
           JOIN cases c ON (p.role = 'social_worker' AND c.assignee_id = p.id) OR (p.role <> 'social_worker' AND c.commune_code = p.commune_code)
           JOIN deadlines d ON d.case_id = c.id AND d.status IN ('pending', 'breached')
         UNION ALL
         SELECT p.id, d.due_at, d.status, 'HCĐB-' || left(s.id::text, 8) FROM people p
           JOIN child_supports s ON s.exited_at IS NULL
                AND ((p.role = 'social_worker' AND s.registered_by = p.id) OR (p.role <> 'social_worker' AND s.commune_code = p.commune_code))
           JOIN deadlines d ON d.support_id = s.id AND d.status IN ('pending', 'breached')
       ), approvals AS (
         SELECT p.id AS user_id, c.code FROM people p JOIN cases c ON c.commune_code = p.commune_code
          WHERE p.role IN ('supervisor', 'chair') AND c.state IN ('awaiting_plan_approval', 'awaiting_closure_approval')
       ), digest AS (
         SELECT p.id,
                (SELECT count(*) FROM open_deadlines o WHERE o.user_id = p.id AND o.status = 'pending' AND o.due_at >= $2 AND o.due_at < $3)::int AS today,
                (SELECT count(*) FROM open_deadlines o WHERE o.user_id = p.id AND o.status = 'pending' AND o.due_at >= $2 AND o.due_at < $4)::int AS week,
                (SELECT count(*) FROM open_deadlines o WHERE o.user_id = p.id AND (o.status = 'breached' OR o.due_at < $5))::int AS overdue,
                (SELECT count(*) FROM approvals a WHERE a.user_id = p.id)::int AS approvals,
                (SELECT string_agg(code, ', ' ORDER BY code) FROM (SELECT DISTINCT o.code FROM open_deadlines o WHERE o.user_id = p.id AND (o.status = 'breached' OR o.due_at < $5) ORDER BY o.code LIMIT 5) x) AS overdue_codes
           FROM people p
       ), inserted AS (
         INSERT INTO notifications (user_id, case_id, template, payload, created_at)
         SELECT id, NULL, 'daily_digest', jsonb_build_object('day', $1::text, 'today', today, 'week', week, 'overdue', overdue, 'approvals', approvals,
                'overdueCodes', COALESCE(overdue_codes, '-')), $5
           FROM digest WHERE today + week + overdue + approvals > 0
         RETURNING id)
       SELECT array_agg(id) AS ids FROM inserted`,
      [day, dayStart, dayEnd, weekEnd, now],
    );
    return ids ?? [];
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
