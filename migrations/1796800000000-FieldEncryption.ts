import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data keys of encrypted fields (src/crypto/). The fields written before it are sealed by the
 * application's start (`FieldBackfill`): a migration holds no master key. `field_backfills` records
 * a finished backfill, so later starts skip its scans.
 */
export class FieldEncryption1796800000000 implements MigrationInterface {
  name = 'FieldEncryption1796800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "field_keys" ("id" uuid NOT NULL, "master_key_id" text NOT NULL, "wrapped" bytea NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "rewrapped_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_field_keys" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "field_backfills" ("name" text NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_field_backfills" PRIMARY KEY ("name"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "field_backfills"`);
    await q.query(`DROP TABLE "field_keys"`);
  }
}
