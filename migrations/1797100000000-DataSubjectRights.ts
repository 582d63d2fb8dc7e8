import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data subject's rights on a child's record (NĐ 13/2023 Điều 9, 11, 14): corrections with the
 * value they replaced, the restriction of processing on the record, and consent records.
 */
export class DataSubjectRights1797100000000 implements MigrationInterface {
  name = 'DataSubjectRights1797100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "child_corrections" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "child_id" uuid NOT NULL, "field" text NOT NULL,
      "previous_value" text, "new_value" text, "reason" text NOT NULL, "requested_by" jsonb NOT NULL, "evidence" text,
      "corrected_by" uuid NOT NULL, "corrected_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_child_corrections" PRIMARY KEY ("id"),
      CONSTRAINT "FK_child_corrections_child" FOREIGN KEY ("child_id") REFERENCES "children"("id") ON DELETE RESTRICT,
      CONSTRAINT "FK_child_corrections_by" FOREIGN KEY ("corrected_by") REFERENCES "users"("id") ON DELETE RESTRICT)`);
    await q.query(`CREATE INDEX "IDX_child_corrections_child" ON "child_corrections" ("child_id", "corrected_at")`);
    await q.query(`ALTER TABLE "children" ADD "restricted_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "children" ADD "restriction" jsonb`);
    await q.query(`CREATE TABLE "child_consents" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(), "child_id" uuid NOT NULL, "purpose" text NOT NULL, "purpose_text" text,
      "given_by" text NOT NULL, "name" text NOT NULL, "given_at" TIMESTAMP WITH TIME ZONE NOT NULL, "method" text NOT NULL,
      "attachment_id" uuid, "child_age_years" integer, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by" uuid, "withdrawal_reason" text,
      CONSTRAINT "PK_child_consents" PRIMARY KEY ("id"),
      CONSTRAINT "FK_child_consents_child" FOREIGN KEY ("child_id") REFERENCES "children"("id") ON DELETE RESTRICT,
      CONSTRAINT "FK_child_consents_attachment" FOREIGN KEY ("attachment_id") REFERENCES "attachments"("id") ON DELETE RESTRICT,
      CONSTRAINT "FK_child_consents_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT,
      CONSTRAINT "FK_child_consents_withdrawn_by" FOREIGN KEY ("withdrawn_by") REFERENCES "users"("id") ON DELETE RESTRICT)`);
    await q.query(`CREATE INDEX "IDX_child_consents_child" ON "child_consents" ("child_id", "given_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "child_consents"`);
    await q.query(`ALTER TABLE "children" DROP COLUMN "restriction"`);
    await q.query(`ALTER TABLE "children" DROP COLUMN "restricted_at"`);
    await q.query(`DROP TABLE "child_corrections"`);
  }
}
