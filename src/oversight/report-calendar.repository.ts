/**
 * The report calendars and the commune reports' statuses (tables `report_calendars`,
 * `report_statuses`, owned here), and who must sign a report (the read model over users and
 * agencies the reminders need).
 */
import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../database/db';
import type { CalendarEntry, ReportKind } from './report-calendar';

export interface CalendarRow extends CalendarEntry {
  provinceCode: string;
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
}

export interface ReportStatusRow {
  commune_code: string;
  commune_name: string;
  period: string;
  status: 'drafted' | 'approved' | 'sent' | null;
  drafted_by_name: string | null;
  drafted_at: Date | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  sent_by_name: string | null;
  sent_at: Date | null;
  version: number | null;
}

const CALENDAR_COLUMNS = `r.province_code AS "provinceCode", r.kind, r.period_start AS "periodStart", r.period_end AS "periodEnd", r.due,
  r.recipients, r.version, r.updated_at AS "updatedAt", u.full_name AS "updatedByName"`;

@Injectable()
export class ReportCalendarRepository {
  constructor(private readonly db: Db) {}

  /** Whether the province exists. */
  async provinceExists(code: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM provinces WHERE code = $1`, [code])).length > 0;
  }

  /** A province's calendar entries (those it has; the defaults stand in for the others). */
  calendarOf(provinceCode: string): Promise<CalendarRow[]> {
    return this.db.query(
      `SELECT ${CALENDAR_COLUMNS} FROM report_calendars r LEFT JOIN users u ON u.id = r.updated_by WHERE r.province_code = $1 ORDER BY r.kind DESC`,
      [provinceCode],
    );
  }

  /** Every province, with the calendar entries it has. */
  async allCalendars(): Promise<Map<string, CalendarEntry[]>> {
    const rows: Array<CalendarEntry & { code: string }> = await this.db.query(
      `SELECT p.code, r.kind, r.period_start AS "periodStart", r.period_end AS "periodEnd", r.due, r.recipients
         FROM provinces p LEFT JOIN report_calendars r ON r.province_code = p.code ORDER BY p.code`,
    );
    const out = new Map<string, CalendarEntry[]>();
    for (const { code, ...entry } of rows) {
      const list = out.get(code) ?? [];
      if (entry.kind) list.push(entry);
      out.set(code, list);
    }
    return out;
  }

  /**
   * Writes a province's entry for a report (inserted at version 1, or updated when `expectedVersion`
   * is the current one); null when the version was not the current one (someone changed it since).
   */
  async saveEntry(
    tx: Tx, provinceCode: string, entry: CalendarEntry, expectedVersion: number | undefined, userId: string, now: Date,
  ): Promise<CalendarRow | null> {
    const rows: CalendarRow[] = await tx.query(
      `WITH saved AS (
         INSERT INTO report_calendars AS r (province_code, kind, period_start, period_end, due, recipients, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (province_code, kind) DO UPDATE
            SET period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end, due = EXCLUDED.due,
                recipients = EXCLUDED.recipients, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at, version = r.version + 1
          WHERE $9::int IS NULL OR r.version = $9::int
         RETURNING r.*)
       SELECT ${CALENDAR_COLUMNS} FROM saved r LEFT JOIN users u ON u.id = r.updated_by`,
      [provinceCode, entry.kind, entry.periodStart, entry.periodEnd, entry.due, entry.recipients, userId, now, expectedVersion ?? null],
    );
    return rows[0] ?? null;
  }

  /** The current version of a province's entry, if it has one. */
  async entryVersion(tx: Tx, provinceCode: string, kind: ReportKind): Promise<number | null> {
    const [row] = await tx.query(`SELECT version FROM report_calendars WHERE province_code = $1 AND kind = $2`, [provinceCode, kind]);
    return row?.version ?? null;
  }

  /**
   * Who must sign a province's report of `period`: the active supervisors (who draft it) and
   * chairs (who approve it) of its communes whose report is not sent yet.
   */
  async signers(provinceCode: string, period: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT u.id FROM users u JOIN agencies a ON a.id = u.agency_id JOIN communes m ON m.code = a.commune_code
        WHERE u.active AND u.role IN ('supervisor', 'chair') AND m.province_code = $1
          AND NOT EXISTS (SELECT 1 FROM report_statuses s WHERE s.commune_code = m.code AND s.period = $2 AND s.status = 'sent')
        ORDER BY u.id`,
      [provinceCode, period],
    );
    return rows.map((r) => r.id);
  }

  /** The reports of `periods` of the communes given, each with its status (null: not drafted yet) and who did what. */
  statuses(communeCodes: string[], periods: string[]): Promise<ReportStatusRow[]> {
    return this.db.query(
      `SELECT m.code AS commune_code, m.name AS commune_name, p.period, s.status, du.full_name AS drafted_by_name, s.drafted_at,
              au.full_name AS approved_by_name, s.approved_at, su.full_name AS sent_by_name, s.sent_at, s.version
         FROM communes m CROSS JOIN unnest($2::text[]) AS p(period)
         LEFT JOIN report_statuses s ON s.commune_code = m.code AND s.period = p.period
         LEFT JOIN users du ON du.id = s.drafted_by
         LEFT JOIN users au ON au.id = s.approved_by
         LEFT JOIN users su ON su.id = s.sent_by
        WHERE m.code = ANY($1::text[])
        ORDER BY m.code, p.period DESC`,
      [communeCodes, periods],
    );
  }

  /** The communes of a province, or the one commune given. */
  async communes(scope: { communeCode: string } | { provinceCode: string }): Promise<string[]> {
    const rows: Array<{ code: string }> = 'communeCode' in scope
      ? await this.db.query(`SELECT code FROM communes WHERE code = $1`, [scope.communeCode])
      : await this.db.query(`SELECT code FROM communes WHERE province_code = $1 ORDER BY code`, [scope.provinceCode]);
    return rows.map((r) => r.code);
  }

  /** A commune report's status row, locked for the transition; null before it was first drafted. */
  async lockStatus(tx: Tx, communeCode: string, period: string): Promise<{ status: string; version: number } | null> {
    const [row] = await tx.query(
      `SELECT status, version FROM report_statuses WHERE commune_code = $1 AND period = $2 FOR UPDATE`, [communeCode, period],
    );
    return row ?? null;
  }

  /**
   * Records a report's new status and who brought it there: drafting (again) clears an approval,
   * and the version goes up by one.
   */
  async setStatus(tx: Tx, communeCode: string, period: string, status: 'drafted' | 'approved' | 'sent', userId: string, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO report_statuses AS s (commune_code, period, status, drafted_by, drafted_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (commune_code, period) DO UPDATE SET
         status = EXCLUDED.status, version = s.version + 1,
         drafted_by = CASE WHEN $3 = 'drafted' THEN $4::uuid ELSE s.drafted_by END,
         drafted_at = CASE WHEN $3 = 'drafted' THEN $5::timestamptz ELSE s.drafted_at END,
         approved_by = CASE WHEN $3 = 'approved' THEN $4::uuid WHEN $3 = 'drafted' THEN NULL ELSE s.approved_by END,
         approved_at = CASE WHEN $3 = 'approved' THEN $5::timestamptz WHEN $3 = 'drafted' THEN NULL ELSE s.approved_at END,
         sent_by = CASE WHEN $3 = 'sent' THEN $4::uuid ELSE s.sent_by END,
         sent_at = CASE WHEN $3 = 'sent' THEN $5::timestamptz ELSE s.sent_at END`,
      [communeCode, period, status, userId, now],
    );
  }
}
