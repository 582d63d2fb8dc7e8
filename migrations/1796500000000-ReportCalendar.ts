import { MigrationInterface, QueryRunner } from 'typeorm';

const MONTH_DAY = `'^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'`;

/**
 * The province's report calendar as data (issue 20): per province and report (the 6-month and the
 * annual report), the period's first day and cut-off day and the due date (month-day), and to whom
 * it goes; and each commune report's status (drafted, approved by the chair, sent) with who and when.
 * Every existing province gets the defaults: January–June, due 10 July; January–December, due
 * 15 January of the next year; to the provincial Department of Health (Sở Y tế, since 2025).
 */
export class ReportCalendar1796500000000 implements MigrationInterface {
  name = 'ReportCalendar1796500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "report_calendars" (
        "province_code" text NOT NULL,
        "kind" text NOT NULL,
        "period_start" text NOT NULL,
        "period_end" text NOT NULL,
        "due" text NOT NULL,
        "recipients" text NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        "updated_by" uuid,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_report_calendars" PRIMARY KEY ("province_code", "kind"),
        CONSTRAINT "CHK_report_calendars_kind" CHECK ("kind" IN ('six_month', 'annual')),
        CONSTRAINT "CHK_report_calendars_days" CHECK ("period_start" ~ ${MONTH_DAY} AND "period_end" ~ ${MONTH_DAY} AND "due" ~ ${MONTH_DAY}),
        CONSTRAINT "FK_report_calendars_province" FOREIGN KEY ("province_code") REFERENCES "provinces"("code") ON DELETE CASCADE,
        CONSTRAINT "FK_report_calendars_updated_by" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE RESTRICT)`);
    await q.query(`
      INSERT INTO report_calendars (province_code, kind, period_start, period_end, due, recipients)
      SELECT p.code, k.kind, k.period_start, k.period_end, k.due, 'Sở Y tế ' || p.name
        FROM provinces p
       CROSS JOIN (VALUES ('six_month', '01-01', '06-30', '07-10'), ('annual', '01-01', '12-31', '01-15')) AS k(kind, period_start, period_end, due)`);
    await q.query(`
      CREATE TABLE "report_statuses" (
        "commune_code" text NOT NULL,
        "period" text NOT NULL,
        "status" text NOT NULL,
        "drafted_by" uuid,
        "drafted_at" TIMESTAMP WITH TIME ZONE,
        "approved_by" uuid,
        "approved_at" TIMESTAMP WITH TIME ZONE,
        "sent_by" uuid,
        "sent_at" TIMESTAMP WITH TIME ZONE,
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "PK_report_statuses" PRIMARY KEY ("commune_code", "period"),
        CONSTRAINT "CHK_report_statuses_status" CHECK ("status" IN ('drafted', 'approved', 'sent')),
        CONSTRAINT "CHK_report_statuses_period" CHECK ("period" ~ '^[0-9]{4}(-H1)?$'),
        CONSTRAINT "FK_report_statuses_commune" FOREIGN KEY ("commune_code") REFERENCES "communes"("code") ON DELETE RESTRICT,
        CONSTRAINT "FK_report_statuses_drafted_by" FOREIGN KEY ("drafted_by") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_report_statuses_approved_by" FOREIGN KEY ("approved_by") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_report_statuses_sent_by" FOREIGN KEY ("sent_by") REFERENCES "users"("id") ON DELETE RESTRICT)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "report_statuses"`);
    await q.query(`DROP TABLE "report_calendars"`);
  }
}
