import { MigrationInterface, QueryRunner } from 'typeorm';

const DEADLINE_COLUMNS = [
  'deadline_id', 'case_id', 'commune_code', 'received_at', 'closed_at', 'key', 'status', 'starts_at', 'due_at', 'settled_at', 'breached_at',
];
const STAY_COLUMNS = ['case_id', 'seq', 'commune_code', 'stage', 'entered_at', 'left_at'];
/** A stay's length in hours (`stay_facts.hours`, a generated column; null for a stay whose entry is unknown). */
const STAY_HOURS = `date_part('epoch', left_at - entered_at) / 3600`;

/**
 * The deadlines that can count as missed or still running (`IDX_deadline_facts_commune_due`'s
 * predicate, which the SLA figures' query repeats so that the planner uses the index).
 */
const DEADLINE_MISSED_OR_RUNNING = `(status IN ('met_late', 'breached', 'pending') OR (status = 'cancelled' AND breached_at IS NOT NULL))`;

/** Fills `deadline_facts` for every deadline from `deadline_facts_source` (the migration's backfill; the bench loads it the same way). */
export const DEADLINE_FACTS_BACKFILL = `INSERT INTO deadline_facts (${DEADLINE_COLUMNS.join(', ')}) SELECT ${DEADLINE_COLUMNS.join(', ')} FROM deadline_facts_source
  ON CONFLICT (deadline_id) DO UPDATE SET ${DEADLINE_COLUMNS.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;

/** Fills `stay_facts` for every case from `stay_facts_source` (the migration's backfill; the bench loads it the same way). */
export const STAY_FACTS_BACKFILL = `INSERT INTO stay_facts (${STAY_COLUMNS.join(', ')}) SELECT ${STAY_COLUMNS.join(', ')} FROM stay_facts_source`;

/**
 * What the SLA figures (`GET /oversight/sla`) read, so that a province's window is a few index
 * ranges instead of an index lookup into the deadlines and the case events of every case active in
 * it (≈0.5 s and ≈1 s for the busiest province's year at 1,000,000 cases):
 *
 * - `deadline_facts`: one row per deadline (the case's and its handoffs'), with its case's
 *   commune, receipt and closure — the deadline counts per key;
 * - `stay_facts`: one row per stay of a case in a stage, from the state change into it (the
 *   report's receipt for the first) to the state change out of it — the stage lengths.
 *
 * As `case_facts` (migration CaseFacts), a view is each table's definition (`deadline_facts_source`,
 * `stay_facts_source`) and triggers keep the table equal to it in the transaction of every write of
 * its sources: a deadline's insert or change of what the figures read (not its escalations), a
 * state change's event (inserted, changed or deleted), and a case's transfer to another commune, a
 * correction of its receipt or its closure. A refresh first locks what it recomputes (the facts row
 * of a deadline, the case row for its stays) and recomputes in a new snapshot (READ COMMITTED), so
 * two transactions writing one case's sources at once both end up counted. Backfilled here.
 */
export class SlaFacts1797200000000 implements MigrationInterface {
  name = 'SlaFacts1797200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "deadline_facts" (
      "deadline_id" uuid NOT NULL,
      "case_id" uuid NOT NULL,
      "commune_code" text NOT NULL,
      "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "closed_at" TIMESTAMP WITH TIME ZONE,
      "key" text NOT NULL,
      "status" text NOT NULL,
      "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "settled_at" TIMESTAMP WITH TIME ZONE,
      "breached_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_deadline_facts" PRIMARY KEY ("deadline_id"),
      CONSTRAINT "FK_deadline_facts_deadline" FOREIGN KEY ("deadline_id") REFERENCES "deadlines"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE VIEW "deadline_facts_source" AS
      SELECT d.id AS deadline_id, d.case_id, c.commune_code, c.received_at, c.closed_at, d.key, d.status, d.starts_at, d.due_at,
             d.settled_at, d.breached_at
        FROM deadlines d JOIN cases c ON c.id = d.case_id`);
    await q.query(`CREATE TABLE "stay_facts" (
      "case_id" uuid NOT NULL,
      "seq" integer NOT NULL,
      "commune_code" text NOT NULL,
      "stage" text NOT NULL,
      "entered_at" TIMESTAMP WITH TIME ZONE,
      "left_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "hours" double precision GENERATED ALWAYS AS (${STAY_HOURS}) STORED,
      CONSTRAINT "PK_stay_facts" PRIMARY KEY ("case_id", "seq"),
      CONSTRAINT "FK_stay_facts_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE)`);
    // A stay is left by a state change (seq: that event's); it was entered by the previous state
    // change, or, for the first stage, by the report's receipt (the report's event, from no state).
    await q.query(`CREATE VIEW "stay_facts_source" AS
      SELECT c.id AS case_id, m.seq, c.commune_code, m.from_state AS stage, m.entered_at, m.occurred_at AS left_at,
             date_part('epoch', m.occurred_at - m.entered_at) / 3600 AS hours
        FROM cases c
       CROSS JOIN LATERAL (
         SELECT e.seq, e.from_state, e.occurred_at,
                lag(CASE WHEN e.from_state = '' THEN c.received_at ELSE e.occurred_at END) OVER (ORDER BY e.seq) AS entered_at
           FROM case_events e WHERE e.case_id = c.id AND e.from_state <> e.to_state) m
       WHERE m.from_state <> ''`);

    await q.query(`CREATE FUNCTION baove_deadline_facts_refresh(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- As baove_case_facts_refresh: wait for a concurrent refresh, then recompute in a new snapshot.
        PERFORM 1 FROM deadline_facts WHERE deadline_id = target FOR UPDATE;
        ${DEADLINE_FACTS_BACKFILL.replace('FROM deadline_facts_source', 'FROM deadline_facts_source WHERE deadline_id = target')};
      END $$`);
    await q.query(`CREATE FUNCTION baove_stay_facts_refresh(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- One writer of a case's stays at a time (the engine's commands hold this lock already), then
        -- the case's stays recomputed in a new snapshot.
        PERFORM 1 FROM cases WHERE id = target FOR NO KEY UPDATE;
        DELETE FROM stay_facts WHERE case_id = target;
        ${STAY_FACTS_BACKFILL} WHERE case_id = target;
      END $$`);
    await q.query(`CREATE FUNCTION baove_deadline_facts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM baove_deadline_facts_refresh(NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION baove_stay_facts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'cases' THEN
          PERFORM baove_stay_facts_refresh(NEW.id);
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM baove_stay_facts_refresh(OLD.case_id);
        ELSE
          PERFORM baove_stay_facts_refresh(NEW.case_id);
          IF TG_OP = 'UPDATE' AND OLD.case_id <> NEW.case_id THEN
            PERFORM baove_stay_facts_refresh(OLD.case_id);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    // A case's move, receipt correction or closure: its deadlines' copies of them, in one statement.
    await q.query(`CREATE FUNCTION baove_sla_facts_follow_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM deadline_facts WHERE case_id = NEW.id FOR UPDATE;
        UPDATE deadline_facts f SET commune_code = c.commune_code, received_at = c.received_at, closed_at = c.closed_at
          FROM cases c WHERE c.id = NEW.id AND f.case_id = NEW.id;
        IF OLD.commune_code IS DISTINCT FROM NEW.commune_code OR OLD.received_at IS DISTINCT FROM NEW.received_at THEN
          PERFORM baove_stay_facts_refresh(NEW.id);
        END IF;
        RETURN NULL;
      END $$`);

    await q.query(`CREATE TRIGGER "TRG_deadline_facts_inserted" AFTER INSERT ON "deadlines"
      FOR EACH ROW EXECUTE FUNCTION baove_deadline_facts_follow()`);
    // Escalations (escalation_level, next_escalation_at) change nothing the figures read.
    await q.query(`CREATE TRIGGER "TRG_deadline_facts_updated" AFTER UPDATE OF case_id, key, status, starts_at, due_at, settled_at, breached_at ON "deadlines"
      FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.key IS DISTINCT FROM NEW.key OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.starts_at IS DISTINCT FROM NEW.starts_at OR OLD.due_at IS DISTINCT FROM NEW.due_at
        OR OLD.settled_at IS DISTINCT FROM NEW.settled_at OR OLD.breached_at IS DISTINCT FROM NEW.breached_at)
      EXECUTE FUNCTION baove_deadline_facts_follow()`);
    await q.query(`CREATE TRIGGER "TRG_sla_facts_cases" AFTER UPDATE OF commune_code, received_at, closed_at ON "cases"
      FOR EACH ROW WHEN (OLD.commune_code IS DISTINCT FROM NEW.commune_code OR OLD.received_at IS DISTINCT FROM NEW.received_at
        OR OLD.closed_at IS DISTINCT FROM NEW.closed_at)
      EXECUTE FUNCTION baove_sla_facts_follow_case()`);
    await q.query(`CREATE TRIGGER "TRG_stay_facts_events_inserted" AFTER INSERT ON "case_events"
      FOR EACH ROW WHEN (NEW.from_state <> NEW.to_state) EXECUTE FUNCTION baove_stay_facts_follow()`);
    await q.query(`CREATE TRIGGER "TRG_stay_facts_events_updated" AFTER UPDATE OF case_id, seq, from_state, to_state, occurred_at ON "case_events"
      FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.seq IS DISTINCT FROM NEW.seq OR OLD.from_state IS DISTINCT FROM NEW.from_state
        OR OLD.to_state IS DISTINCT FROM NEW.to_state OR OLD.occurred_at IS DISTINCT FROM NEW.occurred_at)
      EXECUTE FUNCTION baove_stay_facts_follow()`);
    await q.query(`CREATE TRIGGER "TRG_stay_facts_events_deleted" AFTER DELETE ON "case_events"
      FOR EACH ROW WHEN (OLD.from_state <> OLD.to_state) EXECUTE FUNCTION baove_stay_facts_follow()`);

    await q.query(DEADLINE_FACTS_BACKFILL);
    await q.query(STAY_FACTS_BACKFILL);
    await q.query(`CREATE INDEX "IDX_deadline_facts_case" ON "deadline_facts" ("case_id")`);
    // Met in time within a window: counted when met.
    await q.query(`CREATE INDEX "IDX_deadline_facts_commune_met" ON "deadline_facts" ("commune_code", "settled_at") INCLUDE ("key")
      WHERE status = 'met'`);
    // Missed within a window (counted at the due time) and still running: met ones never are.
    await q.query(`CREATE INDEX "IDX_deadline_facts_commune_due" ON "deadline_facts" ("commune_code", "due_at")
      INCLUDE ("key", "status", "starts_at", "breached_at", "received_at", "closed_at") WHERE ${DEADLINE_MISSED_OR_RUNNING}`);
    // A stage's stays left within a window: each stage's hours are sorted apart for its percentiles.
    await q.query(`CREATE INDEX "IDX_stay_facts_commune_stage_left" ON "stay_facts" ("commune_code", "stage", "left_at") INCLUDE ("hours")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TRG_stay_facts_events_deleted" ON "case_events"`);
    await q.query(`DROP TRIGGER "TRG_stay_facts_events_updated" ON "case_events"`);
    await q.query(`DROP TRIGGER "TRG_stay_facts_events_inserted" ON "case_events"`);
    await q.query(`DROP TRIGGER "TRG_sla_facts_cases" ON "cases"`);
    await q.query(`DROP TRIGGER "TRG_deadline_facts_updated" ON "deadlines"`);
    await q.query(`DROP TRIGGER "TRG_deadline_facts_inserted" ON "deadlines"`);
    await q.query(`DROP FUNCTION baove_sla_facts_follow_case()`);
    await q.query(`DROP FUNCTION baove_stay_facts_follow()`);
    await q.query(`DROP FUNCTION baove_deadline_facts_follow()`);
    await q.query(`DROP FUNCTION baove_stay_facts_refresh(uuid)`);
    await q.query(`DROP FUNCTION baove_deadline_facts_refresh(uuid)`);
    await q.query(`DROP VIEW "stay_facts_source"`);
    await q.query(`DROP TABLE "stay_facts"`);
    await q.query(`DROP VIEW "deadline_facts_source"`);
    await q.query(`DROP TABLE "deadline_facts"`);
  }
}
