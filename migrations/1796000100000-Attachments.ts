import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files on a case or one of its handoffs (medical certificates, forensic results, police records,
 * school letters, photos, audio, scans of decisions). The bytes are kept outside the database (a
 * local folder or an S3-compatible bucket, `storage` + `storage_key`), encrypted with a key of
 * their own that is stored here only wrapped by a master key (`key_id` names which). `agency_id`
 * is the uploader's partner agency (null for commune staff); `sha256` is of the plaintext.
 * Foreign keys restrict deletion: erasing a case must erase its files' objects too.
 */
export class Attachments1796000100000 implements MigrationInterface {
  name = 'Attachments1796000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "attachments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL,
      "handoff_id" uuid,
      "agency_id" uuid,
      "uploaded_by" uuid NOT NULL,
      "filename" text NOT NULL,
      "media_type" text NOT NULL,
      "size" bigint NOT NULL,
      "sha256" text NOT NULL,
      "category" text NOT NULL,
      "description" text,
      "storage" text NOT NULL,
      "storage_key" text NOT NULL,
      "wrapped_key" bytea NOT NULL,
      "key_id" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "CHK_attachments_category" CHECK ("category" IN ('medical_certificate','forensic_result','police_record','school_letter','photo','audio','decision_scan','other')),
      CONSTRAINT "CHK_attachments_storage" CHECK ("storage" IN ('local','s3')),
      CONSTRAINT "CHK_attachments_size" CHECK ("size" > 0),
      CONSTRAINT "CHK_attachments_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
      CONSTRAINT "CHK_attachments_filename" CHECK (char_length("filename") BETWEEN 1 AND 255),
      CONSTRAINT "PK_attachments" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_attachments_case" ON "attachments" ("case_id")`);
    await q.query(`CREATE INDEX "IDX_attachments_handoff" ON "attachments" ("handoff_id")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_attachments_storage_key" ON "attachments" ("storage", "storage_key")`);
    await q.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_attachments_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_attachments_handoff" FOREIGN KEY ("handoff_id") REFERENCES "handoffs"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_attachments_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_attachments_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE RESTRICT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "attachments"`);
  }
}
