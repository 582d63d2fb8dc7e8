import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 part 2, the register of children in special circumstances (Luật Trẻ em 2016 Điều 10,
 * 52 khoản 1): `child_supports` (one entry per child at a time, its workflow instance, the groups
 * that apply and the register's status), `child_support_services` (the policies and services
 * granted, with their dates) and `child_support_events` (its timeline).
 *
 * A support is about a child, not a case, yet its deadlines fire, escalate and notify as every
 * other: `deadlines` gains a nullable owner `support_id`, `case_id` becomes nullable, and a CHECK
 * holds exactly one owner (a case — with or without one of its handoffs — or a support). Existing
 * rows all have a case: the CHECK holds for them. Its open keys are unique per support as they are
 * per case and per handoff.
 */
export class ChildSupports1796200000000 implements MigrationInterface {
  name = 'ChildSupports1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "child_supports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "child_id" uuid NOT NULL, "commune_code" text NOT NULL, "status" text NOT NULL, "groups" text array NOT NULL, "workflow" text NOT NULL, "workflow_version" integer NOT NULL, "snapshot" jsonb NOT NULL, "version" integer NOT NULL, "registered_by" uuid NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "exited_at" TIMESTAMP WITH TIME ZONE, "exit_reason" text, CONSTRAINT "CHK_child_supports_groups" CHECK (cardinality("groups") > 0), CONSTRAINT "CHK_child_supports_status" CHECK ("status" IN ('registered','assessed','supported','reviewing','exited')), CONSTRAINT "PK_dbfccaf33aa39e5d80a67775217" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_child_supports_commune_status" ON "child_supports"  ("commune_code", "status") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_child_supports_open_child" ON "child_supports"  ("child_id") WHERE status <> 'exited'`);
    await q.query(`CREATE TABLE "child_support_services" ("support_id" uuid NOT NULL, "seq" integer NOT NULL, "kind" text NOT NULL, "detail" text NOT NULL, "granted_on" date NOT NULL, "ended_on" date, "end_reason" text, CONSTRAINT "CHK_child_support_services_dates" CHECK ("ended_on" IS NULL OR "ended_on" >= "granted_on"), CONSTRAINT "CHK_child_support_services_kind" CHECK ("kind" IN ('social_assistance','alternative_care','education','health')), CONSTRAINT "PK_7d714a765f721abf3c6cf17dddf" PRIMARY KEY ("support_id", "seq"))`);
    await q.query(`CREATE TABLE "child_support_events" ("support_id" uuid NOT NULL, "seq" integer NOT NULL, "type" text NOT NULL, "data" jsonb NOT NULL, "from_state" text, "to_state" text NOT NULL, "actor_id" uuid, "actor_role" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c7e35e62fb03c58c53d99f8316f" PRIMARY KEY ("support_id", "seq"))`);
    await q.query(`ALTER TABLE "child_supports" ADD CONSTRAINT "FK_c8082be3e40e2560eb296590f05" FOREIGN KEY ("child_id") REFERENCES "children"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "child_supports" ADD CONSTRAINT "FK_df182b2fde5cdac8bdf114bc55c" FOREIGN KEY ("commune_code") REFERENCES "communes"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "child_supports" ADD CONSTRAINT "FK_5314c0285b3ec5528e4c56992b1" FOREIGN KEY ("registered_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "child_support_services" ADD CONSTRAINT "FK_604a0dc933d2261644d6c69a837" FOREIGN KEY ("support_id") REFERENCES "child_supports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "child_support_events" ADD CONSTRAINT "FK_8aba3c5f991afdec4d1bef20a2a" FOREIGN KEY ("support_id") REFERENCES "child_supports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`ALTER TABLE "deadlines" ADD "support_id" uuid`);
    await q.query(`ALTER TABLE "deadlines" ALTER COLUMN "case_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "deadlines" ADD CONSTRAINT "CHK_deadlines_owner" CHECK (num_nonnulls("case_id", "support_id") = 1 AND ("handoff_id" IS NULL OR "case_id" IS NOT NULL))`);
    await q.query(`ALTER TABLE "deadlines" ADD CONSTRAINT "FK_7edfb1b3102cd1ca4e114ca7b01" FOREIGN KEY ("support_id") REFERENCES "child_supports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`CREATE UNIQUE INDEX "UQ_deadlines_open_support_key" ON "deadlines"  ("support_id", "key") WHERE status IN ('pending','breached') AND support_id IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_deadlines_support" ON "deadlines"  ("support_id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "deadlines" WHERE "support_id" IS NOT NULL`);
    await q.query(`DROP INDEX "IDX_deadlines_support"`);
    await q.query(`DROP INDEX "UQ_deadlines_open_support_key"`);
    await q.query(`ALTER TABLE "deadlines" DROP CONSTRAINT "FK_7edfb1b3102cd1ca4e114ca7b01"`);
    await q.query(`ALTER TABLE "deadlines" DROP CONSTRAINT "CHK_deadlines_owner"`);
    await q.query(`ALTER TABLE "deadlines" ALTER COLUMN "case_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "deadlines" DROP COLUMN "support_id"`);
    await q.query(`DROP TABLE "child_support_events"`);
    await q.query(`DROP TABLE "child_support_services"`);
    await q.query(`DROP TABLE "child_supports"`);
  }
}
