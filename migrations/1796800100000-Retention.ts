import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (src/retention/): a closed case's legal hold and the time it was anonymised, and the
 * indexes the purges and the anonymisation scan by.
 */
export class Retention1796800100000 implements MigrationInterface {
  name = 'Retention1796800100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" ADD "legal_hold_reason" text`);
    await q.query(`ALTER TABLE "cases" ADD "legal_hold_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" ADD "legal_hold_by" uuid`);
    await q.query(`ALTER TABLE "cases" ADD "anonymised_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_legal_hold_by" FOREIGN KEY ("legal_hold_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE INDEX "IDX_cases_to_anonymise" ON "cases" ("closed_at") WHERE closed_at IS NOT NULL AND anonymised_at IS NULL`);
    await q.query(`CREATE INDEX "IDX_idempotency_keys_created" ON "idempotency_keys" ("created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_idempotency_keys_created"`);
    await q.query(`DROP INDEX "IDX_cases_to_anonymise"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_legal_hold_by"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "anonymised_at"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "legal_hold_by"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "legal_hold_at"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "legal_hold_reason"`);
  }
}
