import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in sessions with rotating refresh tokens. A session is one sign-in (a "family" of refresh
 * tokens); each refresh token is kept only as its SHA-256 and used once: presenting a used one
 * again means it was copied, and the whole session is revoked. Access tokens name their session,
 * so revoking it (sign-out, password change, deactivation) ends them at once.
 * `users.must_change_password` limits a user to changing their password until they do.
 */
export class Sessions1795700000000 implements MigrationInterface {
  name = 'Sessions1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "users" ADD "password_changed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE TABLE "sessions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "last_refreshed_at" TIMESTAMP WITH TIME ZONE,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      "revoked_reason" text,
      "ip" text,
      "user_agent" text,
      CONSTRAINT "PK_sessions" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_sessions_user" ON "sessions" ("user_id")`);
    await q.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`);
    await q.query(`CREATE TABLE "session_refresh_tokens" (
      "token_hash" text NOT NULL,
      "session_id" uuid NOT NULL,
      "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "used_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_session_refresh_tokens" PRIMARY KEY ("token_hash"))`);
    await q.query(`CREATE INDEX "IDX_session_refresh_tokens_session" ON "session_refresh_tokens" ("session_id")`);
    await q.query(`ALTER TABLE "session_refresh_tokens" ADD CONSTRAINT "FK_session_refresh_tokens_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "session_refresh_tokens"`);
    await q.query(`DROP TABLE "sessions"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "password_changed_at"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "must_change_password"`);
  }
}
