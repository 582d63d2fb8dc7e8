import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two communes per case (Luật Trẻ em 2016 Điều 52 khoản 2; NĐ 56/2017/NĐ-CP Điều 26): the commune
 * where it happened (`incident_commune_code`, fixed at intake), the child's residence commune, the
 * other commune sharing the case (`partner_commune_code`) and the commune a pending transfer is
 * addressed to (`pending_commune_code`). `commune_code` stays the commune leading the case now.
 * Every existing case happened in, and is led by, its commune. Partner and pending are indexed
 * (where set) so the scope predicate "lead, partner or pending commune" stays index-driven.
 */
export class TwoCommunes1795900300000 implements MigrationInterface {
  name = 'TwoCommunes1795900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" ADD "incident_commune_code" text`);
    await q.query(`UPDATE "cases" SET "incident_commune_code" = "commune_code"`);
    await q.query(`ALTER TABLE "cases" ALTER COLUMN "incident_commune_code" SET NOT NULL`);
    await q.query(`ALTER TABLE "cases" ADD "residence_commune_code" text`);
    await q.query(`ALTER TABLE "cases" ADD "partner_commune_code" text`);
    await q.query(`ALTER TABLE "cases" ADD "pending_commune_code" text`);
    for (const column of ['incident', 'residence', 'partner', 'pending']) {
      await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_${column}_commune" FOREIGN KEY ("${column}_commune_code") REFERENCES "communes"("code") ON DELETE RESTRICT`);
    }
    // A report's reference is unique in the commune it was filed with, wherever the case moves later.
    await q.query(`DROP INDEX "public"."UQ_cases_commune_channel_external_ref"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_cases_incident_channel_external_ref" ON "cases" ("incident_commune_code", "channel", "external_ref") WHERE external_ref IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_cases_incident_commune" ON "cases" ("incident_commune_code")`);
    await q.query(`CREATE INDEX "IDX_cases_partner_commune" ON "cases" ("partner_commune_code") WHERE partner_commune_code IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_cases_pending_commune" ON "cases" ("pending_commune_code") WHERE pending_commune_code IS NOT NULL`);
    // A commune's incoming and outgoing transfers (rows of `handoffs`, workflow `commune-transfer`).
    await q.query(`CREATE INDEX "IDX_handoffs_transfer_from" ON "handoffs" ((snapshot->'context'->>'fromCommuneCode'), created_at) WHERE workflow = 'commune-transfer'`);
    await q.query(`CREATE INDEX "IDX_handoffs_transfer_to" ON "handoffs" ((snapshot->'context'->>'toCommuneCode'), created_at) WHERE workflow = 'commune-transfer'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_handoffs_transfer_to"`);
    await q.query(`DROP INDEX "public"."IDX_handoffs_transfer_from"`);
    await q.query(`DROP INDEX "public"."IDX_cases_pending_commune"`);
    await q.query(`DROP INDEX "public"."IDX_cases_partner_commune"`);
    await q.query(`DROP INDEX "public"."IDX_cases_incident_commune"`);
    await q.query(`DROP INDEX "public"."UQ_cases_incident_channel_external_ref"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_cases_commune_channel_external_ref" ON "cases" ("commune_code", "channel", "external_ref") WHERE external_ref IS NOT NULL`);
    for (const column of ['pending', 'partner', 'residence', 'incident']) {
      await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_${column}_commune"`);
      await q.query(`ALTER TABLE "cases" DROP COLUMN "${column}_commune_code"`);
    }
  }
}
