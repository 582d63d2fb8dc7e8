import { MigrationInterface, QueryRunner } from 'typeorm';

/** Everything `case_facts` copies, in its column order (the view `case_facts_source` computes them from the raw rows). */
const COLUMNS = [
  'case_id', 'commune_code', 'received_at', 'channel', 'abuse_types', 'state', 'outcome', 'substantiated', 'environment', 'child_id',
  'sex', 'date_of_birth', 'birth_year', 'plan_approved', 'verification_status', 'verification_due_at', 'verification_breached_at', 'plan_status', 'plan_due_at', 'plan_breached_at',
];

/** Fills `case_facts` for every case from `case_facts_source` (the migration's backfill; the bench loads it the same way). */
export const CASE_FACTS_BACKFILL = `INSERT INTO case_facts (${COLUMNS.join(', ')}) SELECT ${COLUMNS.join(', ')} FROM case_facts_source
  ON CONFLICT (case_id) DO UPDATE SET ${COLUMNS.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;

/**
 * `case_facts`: one row per case with what the report statistics read (oversight/), so that a
 * province's period is one index range instead of a few subqueries per case over deadlines and
 * case events. The view `case_facts_source` is the definition (the very expressions the statistics
 * used to compute per request); the table is kept equal to it by triggers in the transaction of
 * every write that could change a row of it — any update of the case's row (its commands through
 * the engine, intake, a change of the incident, a transfer, a relinked child), any write of its
 * verification and plan-drafting deadlines, an `APPROVE_PLAN` event, and a correction or merge of
 * its registry child (sex, birth date or year, `merged_into`: the child counted is the record a
 * merged one was merged into). The refresh first locks the facts row and then recomputes the whole
 * row in a new snapshot (READ COMMITTED), so two transactions changing one case's sources
 * concurrently both end up counted.
 */
export class CaseFacts1796900000000 implements MigrationInterface {
  name = 'CaseFacts1796900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "case_facts" (
      "case_id" uuid NOT NULL,
      "commune_code" text NOT NULL,
      "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "channel" text NOT NULL,
      "abuse_types" text[] NOT NULL,
      "state" text NOT NULL,
      "outcome" text,
      "substantiated" boolean NOT NULL,
      "environment" text,
      "child_id" uuid NOT NULL,
      "sex" text NOT NULL,
      "date_of_birth" date,
      "birth_year" integer,
      "plan_approved" boolean NOT NULL,
      "verification_status" text,
      "verification_due_at" TIMESTAMP WITH TIME ZONE,
      "verification_breached_at" TIMESTAMP WITH TIME ZONE,
      "plan_status" text,
      "plan_due_at" TIMESTAMP WITH TIME ZONE,
      "plan_breached_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_case_facts" PRIMARY KEY ("case_id"),
      CONSTRAINT "FK_case_facts_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE VIEW "case_facts_source" AS
      SELECT c.id AS case_id, c.commune_code, c.received_at, c.channel, c.abuse_types, c.state, c.outcome,
             COALESCE(c.snapshot->'context'->>'substantiated' = 'true', false) AS substantiated,
             c.incident->>'environment' AS environment,
             COALESCE(ch.merged_into, ch.id) AS child_id, ch.sex, ch.date_of_birth, ch.birth_year,
             EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'APPROVE_PLAN') AS plan_approved,
             v.status AS verification_status, v.due_at AS verification_due_at, v.breached_at AS verification_breached_at,
             pl.status AS plan_status, pl.due_at AS plan_due_at, pl.breached_at AS plan_breached_at
        FROM cases c
        JOIN children ch ON ch.id = c.child_id
        LEFT JOIN LATERAL (SELECT d.status, d.due_at, d.breached_at FROM deadlines d
                            WHERE d.case_id = c.id AND d.handoff_id IS NULL
                              AND d.key = CASE WHEN c.immediate_danger THEN 'emergency_response' ELSE 'initial_assessment' END
                            ORDER BY d.starts_at, d.id LIMIT 1) v ON true
        LEFT JOIN LATERAL (SELECT d.status, d.due_at, d.breached_at FROM deadlines d
                            WHERE d.case_id = c.id AND d.handoff_id IS NULL AND d.key = 'plan_submission'
                            ORDER BY d.starts_at, d.id LIMIT 1) pl ON true`);
    await q.query(`CREATE FUNCTION baove_case_facts_refresh(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- Wait for a concurrent refresh of the same case to commit; the next statement's snapshot then sees its changes.
        PERFORM 1 FROM case_facts WHERE case_id = target FOR UPDATE;
        ${CASE_FACTS_BACKFILL.replace('FROM case_facts_source', 'FROM case_facts_source WHERE case_id = target')};
        IF NOT FOUND THEN
          DELETE FROM case_facts WHERE case_id = target;
        END IF;
      END $$`);
    await q.query(`CREATE FUNCTION baove_case_facts_follow_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM baove_case_facts_refresh(NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION baove_case_facts_follow_part() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM baove_case_facts_refresh(OLD.case_id);
        ELSE
          PERFORM baove_case_facts_refresh(NEW.case_id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION baove_case_facts_follow_child() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM baove_case_facts_refresh(c.id) FROM cases c WHERE c.child_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "TRG_case_facts_children" AFTER UPDATE OF sex, date_of_birth, birth_year, merged_into ON "children"
      FOR EACH ROW EXECUTE FUNCTION baove_case_facts_follow_child()`);
    await q.query(`CREATE TRIGGER "TRG_case_facts_cases" AFTER INSERT OR UPDATE OF commune_code, received_at, channel, abuse_types, state,
      outcome, snapshot, incident, child_id, immediate_danger ON "cases" FOR EACH ROW EXECUTE FUNCTION baove_case_facts_follow_case()`);
    const deadlineKeys = `('emergency_response', 'initial_assessment', 'plan_submission')`;
    await q.query(`CREATE TRIGGER "TRG_case_facts_deadlines" AFTER INSERT OR UPDATE ON "deadlines" FOR EACH ROW
      WHEN (NEW.handoff_id IS NULL AND NEW.key IN ${deadlineKeys}) EXECUTE FUNCTION baove_case_facts_follow_part()`);
    await q.query(`CREATE TRIGGER "TRG_case_facts_deadlines_deleted" AFTER DELETE ON "deadlines" FOR EACH ROW
      WHEN (OLD.handoff_id IS NULL AND OLD.key IN ${deadlineKeys}) EXECUTE FUNCTION baove_case_facts_follow_part()`);
    await q.query(`CREATE TRIGGER "TRG_case_facts_events" AFTER INSERT ON "case_events" FOR EACH ROW
      WHEN (NEW.type = 'APPROVE_PLAN') EXECUTE FUNCTION baove_case_facts_follow_part()`);
    await q.query(`CREATE TRIGGER "TRG_case_facts_events_deleted" AFTER DELETE ON "case_events" FOR EACH ROW
      WHEN (OLD.type = 'APPROVE_PLAN') EXECUTE FUNCTION baove_case_facts_follow_part()`);
    await q.query(CASE_FACTS_BACKFILL);
    // The statistics' range: a commune's (or a province's communes') reports received in a period,
    // read from the index alone (every other column included).
    await q.query(`CREATE INDEX "IDX_case_facts_commune_received" ON "case_facts" ("commune_code", "received_at")
      INCLUDE (${COLUMNS.filter((c) => c !== 'commune_code' && c !== 'received_at').join(', ')})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TRG_case_facts_events_deleted" ON "case_events"`);
    await q.query(`DROP TRIGGER "TRG_case_facts_events" ON "case_events"`);
    await q.query(`DROP TRIGGER "TRG_case_facts_deadlines_deleted" ON "deadlines"`);
    await q.query(`DROP TRIGGER "TRG_case_facts_deadlines" ON "deadlines"`);
    await q.query(`DROP TRIGGER "TRG_case_facts_cases" ON "cases"`);
    await q.query(`DROP TRIGGER "TRG_case_facts_children" ON "children"`);
    await q.query(`DROP FUNCTION baove_case_facts_follow_child()`);
    await q.query(`DROP FUNCTION baove_case_facts_follow_part()`);
    await q.query(`DROP FUNCTION baove_case_facts_follow_case()`);
    await q.query(`DROP FUNCTION baove_case_facts_refresh(uuid)`);
    await q.query(`DROP VIEW "case_facts_source"`);
    await q.query(`DROP TABLE "case_facts"`);
  }
}
