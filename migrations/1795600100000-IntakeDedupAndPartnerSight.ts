import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A report's reference is unique within its commune (the same number in two communes is two
 * reports), and each case keeps a hash of the report it was filed from, so a retry can be told
 * from a different report under the same reference. A handoff's receiving agency sees its case
 * until `visible_until` (set when the handoff ends: at once when cancelled or declined, after a
 * grace period when completed).
 */
export class IntakeDedupAndPartnerSight1795600100000 implements MigrationInterface {
  name = 'IntakeDedupAndPartnerSight1795600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."UQ_cases_channel_external_ref"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_cases_commune_channel_external_ref" ON "cases" ("commune_code", "channel", "external_ref") WHERE external_ref IS NOT NULL`);
    await q.query(`ALTER TABLE "cases" ADD "report_hash" text`);
    await q.query(`ALTER TABLE "handoffs" ADD "visible_until" TIMESTAMP WITH TIME ZONE`);
    // Handoffs that ended before this migration: cancelled or declined ones stop showing their case now.
    await q.query(`UPDATE "handoffs" SET "visible_until" = now() WHERE "state" IN ('cancelled', 'declined')`);
    await q.query(`UPDATE "handoffs" SET "visible_until" = "completed_at" + interval '30 days' WHERE "state" = 'completed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "handoffs" DROP COLUMN "visible_until"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "report_hash"`);
    await q.query(`DROP INDEX "public"."UQ_cases_commune_channel_external_ref"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_cases_channel_external_ref" ON "cases" ("channel", "external_ref") WHERE external_ref IS NOT NULL`);
  }
}
