import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795509003747 implements MigrationInterface {
  name = 'Foundation1795509003747';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_role" text NOT NULL, "action" text NOT NULL, "case_id" uuid, "entity" text NOT NULL, "entity_id" text, "details" jsonb NOT NULL DEFAULT '{}', "tx_id" bigint NOT NULL DEFAULT (pg_current_xact_id())::text::bigint, "seq" bigint, "prev_hash" text, "hash" text, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_audit_log_seq" ON "audit_log"  ("seq") `);
    await q.query(`CREATE INDEX "IDX_audit_log_unsealed" ON "audit_log"  ("id") WHERE hash IS NULL`);
    await q.query(`CREATE INDEX "IDX_audit_log_case" ON "audit_log"  ("case_id", "id") `);
    await q.query(`CREATE TABLE "provinces" ("code" text NOT NULL, "name" text NOT NULL, CONSTRAINT "PK_f4b684af62d5cb3aa174f6b9b8a" PRIMARY KEY ("code"))`);
    await q.query(`CREATE TABLE "communes" ("code" text NOT NULL, "province_code" text NOT NULL, "name" text NOT NULL, "case_prefix" text NOT NULL, CONSTRAINT "PK_b3f497044892b8d98c492f4900e" PRIMARY KEY ("code"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_communes_case_prefix" ON "communes"  ("case_prefix") `);
    await q.query(`CREATE TABLE "agencies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" text NOT NULL, "name" text NOT NULL, "province_code" text, "commune_code" text, CONSTRAINT "PK_8ab1f1f53f56c8255b0d7e68b28" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_agencies_commune" ON "agencies"  ("commune_code") `);
    await q.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" text NOT NULL, "password_hash" text NOT NULL, "full_name" text NOT NULL, "role" text NOT NULL, "agency_id" uuid NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_users_role" CHECK ("role" IN ('hotline_operator','social_worker','supervisor','chair','police','health','education','legal_aid','social_work_center','auditor','admin')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_users_username" ON "users"  ("username") `);
    await q.query(`ALTER TABLE "communes" ADD CONSTRAINT "FK_434db50bb24ad15be76c63fba7e" FOREIGN KEY ("province_code") REFERENCES "provinces"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "agencies" ADD CONSTRAINT "FK_f69279e65c29a08ad0092dabb58" FOREIGN KEY ("province_code") REFERENCES "provinces"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "agencies" ADD CONSTRAINT "FK_805fba4b9ac0192dfcff758b59d" FOREIGN KEY ("commune_code") REFERENCES "communes"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_6fdb3282cea9ba5877ab476aa76" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // audit_log is append-only: DELETE and TRUNCATE are refused; UPDATE only seals a row once
    // (sets seq, prev_hash, hash where hash was NULL) and may change nothing else.
    await q.query(`CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL
           AND NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at
           AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.actor_role = OLD.actor_role
           AND NEW.action = OLD.action AND NEW.case_id IS NOT DISTINCT FROM OLD.case_id
           AND NEW.entity = OLD.entity AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
           AND NEW.details = OLD.details AND NEW.tx_id = OLD.tx_id THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`);
    await q.query(`DROP TRIGGER audit_log_append_only ON audit_log`);
    await q.query(`DROP FUNCTION audit_log_guard()`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_6fdb3282cea9ba5877ab476aa76"`);
    await q.query(`ALTER TABLE "agencies" DROP CONSTRAINT "FK_805fba4b9ac0192dfcff758b59d"`);
    await q.query(`ALTER TABLE "agencies" DROP CONSTRAINT "FK_f69279e65c29a08ad0092dabb58"`);
    await q.query(`ALTER TABLE "communes" DROP CONSTRAINT "FK_434db50bb24ad15be76c63fba7e"`);
    await q.query(`DROP INDEX "public"."UQ_users_username"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP INDEX "public"."IDX_agencies_commune"`);
    await q.query(`DROP TABLE "agencies"`);
    await q.query(`DROP INDEX "public"."UQ_communes_case_prefix"`);
    await q.query(`DROP TABLE "communes"`);
    await q.query(`DROP TABLE "provinces"`);
    await q.query(`DROP INDEX "public"."IDX_audit_log_case"`);
    await q.query(`DROP INDEX "public"."IDX_audit_log_unsealed"`);
    await q.query(`DROP INDEX "public"."UQ_audit_log_seq"`);
    await q.query(`DROP TABLE "audit_log"`);
  }
}
