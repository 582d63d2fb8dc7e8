import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flags on cases (casework/): a reason from a vocabulary and a note, who raised it and when, who
 * cleared it and why. At most one open flag per case and reason; the open ones are read with the
 * case list (its `flagged` filter) through `UQ_case_flags_open_reason`.
 */
export class CaseFlags1796700000000 implements MigrationInterface {
  name = 'CaseFlags1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "case_flags" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL,
      "reason" text NOT NULL,
      "note" text,
      "flagged_by" uuid NOT NULL,
      "flagged_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "cleared_by" uuid,
      "cleared_at" TIMESTAMP WITH TIME ZONE,
      "clear_note" text,
      CONSTRAINT "CHK_case_flags_reason" CHECK ("reason" IN ('needs_review','safety_concern','data_quality','stalled','other')),
      CONSTRAINT "CHK_case_flags_cleared" CHECK (("cleared_at" IS NULL) = ("cleared_by" IS NULL)),
      CONSTRAINT "PK_case_flags" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_case_flags_case" ON "case_flags" ("case_id")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_case_flags_open_reason" ON "case_flags" ("case_id", "reason") WHERE cleared_at IS NULL`);
    await q.query(`ALTER TABLE "case_flags" ADD CONSTRAINT "FK_case_flags_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE`);
    await q.query(`ALTER TABLE "case_flags" ADD CONSTRAINT "FK_case_flags_flagged_by" FOREIGN KEY ("flagged_by") REFERENCES "users"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "case_flags" ADD CONSTRAINT "FK_case_flags_cleared_by" FOREIGN KEY ("cleared_by") REFERENCES "users"("id") ON DELETE RESTRICT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "case_flags"`);
  }
}
