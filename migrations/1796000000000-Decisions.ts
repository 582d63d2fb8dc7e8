import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The commune's numbered decisions (issue 16): the chair's decision approving an intervention plan
 * (NĐ 56/2017/NĐ-CP Mẫu số 05), ending it, and (issue 17) separating a child from parents or carers.
 * A decision's number is unique per commune and year, without gaps: `decision_counters` holds the
 * last number given, taken under its row lock in the deciding transition's own transaction (a
 * rolled-back transition gives its number back). One decision per case event.
 *
 * Decisions are documents: once issued, never changed nor deleted (a trigger refuses it).
 * `UQ_decisions_case_event` (case_id first) serves the reads of a case's decisions.
 */
export class Decisions1796000000000 implements MigrationInterface {
  name = 'Decisions1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "decision_counters" (
        "commune_code" text NOT NULL,
        "year" integer NOT NULL,
        "last" integer NOT NULL,
        CONSTRAINT "PK_decision_counters" PRIMARY KEY ("commune_code", "year"))`);
    await q.query(`ALTER TABLE "decision_counters" ADD CONSTRAINT "FK_decision_counters_commune" FOREIGN KEY ("commune_code") REFERENCES "communes"("code") ON DELETE RESTRICT`);
    await q.query(`
      CREATE TABLE "decisions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "commune_code" text NOT NULL,
        "year" integer NOT NULL,
        "number" integer NOT NULL,
        "kind" text NOT NULL,
        "case_id" uuid NOT NULL,
        "event_seq" integer NOT NULL,
        "signer_id" uuid,
        "signer_name" text NOT NULL,
        "signer_title" text NOT NULL,
        "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "effective_on" date,
        "body" jsonb NOT NULL,
        CONSTRAINT "CHK_decisions_kind" CHECK ("kind" IN ('plan_approval','closure','separation','separation_extension','separation_revocation')),
        CONSTRAINT "UQ_decisions_number" UNIQUE ("commune_code", "year", "number"),
        CONSTRAINT "UQ_decisions_case_event" UNIQUE ("case_id", "event_seq"),
        CONSTRAINT "PK_decisions" PRIMARY KEY ("id"))`);
    await q.query(`ALTER TABLE "decisions" ADD CONSTRAINT "FK_decisions_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "decisions" ADD CONSTRAINT "FK_decisions_commune" FOREIGN KEY ("commune_code") REFERENCES "communes"("code") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "decisions" ADD CONSTRAINT "FK_decisions_signer" FOREIGN KEY ("signer_id") REFERENCES "users"("id") ON DELETE RESTRICT`);
    await q.query(`
      CREATE FUNCTION baove_decisions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'decisions are documents: never changed nor deleted once issued (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER "TR_decisions_immutable" BEFORE UPDATE OR DELETE ON "decisions" FOR EACH ROW EXECUTE FUNCTION baove_decisions_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "decisions"`);
    await q.query(`DROP FUNCTION baove_decisions_immutable()`);
    await q.query(`DROP TABLE "decision_counters"`);
  }
}
