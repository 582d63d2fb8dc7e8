import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second factor (TOTP): each user's seed, encrypted (AES-256-GCM), confirmed once the user typed
 * a code from it, with the last accepted time step (a code is never accepted twice); and ten
 * one-time recovery codes per enrolment, kept only as their SHA-256.
 */
export class SecondFactor1795800000000 implements MigrationInterface {
  name = 'SecondFactor1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "user_totp" (
      "user_id" uuid NOT NULL,
      "secret_encrypted" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "confirmed_at" TIMESTAMP WITH TIME ZONE,
      "last_time_step" bigint,
      CONSTRAINT "PK_user_totp" PRIMARY KEY ("user_id"))`);
    await q.query(`ALTER TABLE "user_totp" ADD CONSTRAINT "FK_user_totp_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`);
    await q.query(`CREATE TABLE "user_recovery_codes" (
      "code_hash" text NOT NULL,
      "user_id" uuid NOT NULL,
      "used_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_user_recovery_codes" PRIMARY KEY ("code_hash"))`);
    await q.query(`CREATE INDEX "IDX_user_recovery_codes_user" ON "user_recovery_codes" ("user_id")`);
    await q.query(`ALTER TABLE "user_recovery_codes" ADD CONSTRAINT "FK_user_recovery_codes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "user_recovery_codes"`);
    await q.query(`DROP TABLE "user_totp"`);
  }
}
