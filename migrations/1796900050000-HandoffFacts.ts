import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = [
  'handoff_id', 'case_id', 'commune_code', 'received_at', 'closed_at', 'agency_id', 'created_at', 'accepted_on_time', 'completed_on_time',
  'on_time', 'late', 'pending_due',
];

/** Fills `handoff_facts` for every handoff from `handoff_facts_source` (the migration's backfill; the bench loads it the same way). */
export const HANDOFF_FACTS_BACKFILL = `INSERT INTO handoff_facts (${COLUMNS.join(', ')}) SELECT ${COLUMNS.join(', ')} FROM handoff_facts_source
  ON CONFLICT (handoff_id) DO UPDATE SET ${COLUMNS.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;

/**
 * `handoff_facts`: one row per handoff with what the per-agency figures read (oversight/, the
 * statistics' `handoffs` and the SLA figures' `agencies`): its case's commune, receipt and
 * closure, the agency, when it was offered, and how its deadlines went — met in time, missed for
 * good (met late, breached, or cancelled once breached), and the due times of those still
 * pending (whether they are missed yet is decided when read). As `case_facts` (migration
 * CaseFacts): the view `handoff_facts_source` is the definition, triggers refresh a handoff's row
 * in the transaction of any write of the handoff, of its deadlines or of its case's commune,
 * receipt or closure, locking the row first so concurrent writers both count; backfilled here.
 */
export class HandoffFacts1796900050000 implements MigrationInterface {
  name = 'HandoffFacts1796900050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "handoff_facts" (
      "handoff_id" uuid NOT NULL,
      "case_id" uuid NOT NULL,
      "commune_code" text NOT NULL,
      "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "closed_at" TIMESTAMP WITH TIME ZONE,
      "agency_id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "accepted_on_time" integer NOT NULL,
      "completed_on_time" integer NOT NULL,
      "on_time" integer NOT NULL,
      "late" integer NOT NULL,
      "pending_due" TIMESTAMP WITH TIME ZONE[] NOT NULL,
      CONSTRAINT "PK_handoff_facts" PRIMARY KEY ("handoff_id"),
      CONSTRAINT "FK_handoff_facts_handoff" FOREIGN KEY ("handoff_id") REFERENCES "handoffs"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE VIEW "handoff_facts_source" AS
      SELECT h.id AS handoff_id, h.case_id, c.commune_code, c.received_at, c.closed_at, h.agency_id, h.created_at,
             hd.accepted_on_time, hd.completed_on_time, hd.on_time, hd.late, hd.pending_due
        FROM handoffs h JOIN cases c ON c.id = h.case_id
       CROSS JOIN LATERAL (
         SELECT count(*) FILTER (WHERE d.key LIKE 'acceptance%' AND d.status = 'met')::int AS accepted_on_time,
                count(*) FILTER (WHERE d.key = 'completion' AND d.status = 'met')::int AS completed_on_time,
                count(*) FILTER (WHERE d.status = 'met')::int AS on_time,
                count(*) FILTER (WHERE d.status IN ('met_late', 'breached') OR (d.status = 'cancelled' AND d.breached_at IS NOT NULL))::int AS late,
                COALESCE(array_agg(d.due_at ORDER BY d.due_at) FILTER (WHERE d.status = 'pending'), '{}') AS pending_due
           FROM deadlines d WHERE d.case_id = h.case_id AND d.handoff_id = h.id) hd`);
    await q.query(`CREATE FUNCTION baove_handoff_facts_refresh(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- As baove_case_facts_refresh: wait for a concurrent refresh, then recompute in a new snapshot.
        PERFORM 1 FROM handoff_facts WHERE handoff_id = target FOR UPDATE;
        ${HANDOFF_FACTS_BACKFILL.replace('FROM handoff_facts_source', 'FROM handoff_facts_source WHERE handoff_id = target')};
        IF NOT FOUND THEN
          DELETE FROM handoff_facts WHERE handoff_id = target;
        END IF;
      END $$`);
    await q.query(`CREATE FUNCTION baove_handoff_facts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'handoffs' THEN
          PERFORM baove_handoff_facts_refresh(NEW.id);
        ELSIF TG_TABLE_NAME = 'cases' THEN
          PERFORM baove_handoff_facts_refresh(h.id) FROM handoffs h WHERE h.case_id = NEW.id;
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM baove_handoff_facts_refresh(OLD.handoff_id);
        ELSE
          PERFORM baove_handoff_facts_refresh(NEW.handoff_id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "TRG_handoff_facts_handoffs" AFTER INSERT OR UPDATE OF case_id, agency_id, created_at ON "handoffs"
      FOR EACH ROW EXECUTE FUNCTION baove_handoff_facts_follow()`);
    await q.query(`CREATE TRIGGER "TRG_handoff_facts_cases" AFTER UPDATE OF commune_code, received_at, closed_at ON "cases"
      FOR EACH ROW EXECUTE FUNCTION baove_handoff_facts_follow()`);
    await q.query(`CREATE TRIGGER "TRG_handoff_facts_deadlines" AFTER INSERT OR UPDATE ON "deadlines"
      FOR EACH ROW WHEN (NEW.handoff_id IS NOT NULL) EXECUTE FUNCTION baove_handoff_facts_follow()`);
    await q.query(`CREATE TRIGGER "TRG_handoff_facts_deadlines_deleted" AFTER DELETE ON "deadlines"
      FOR EACH ROW WHEN (OLD.handoff_id IS NOT NULL) EXECUTE FUNCTION baove_handoff_facts_follow()`);
    await q.query(HANDOFF_FACTS_BACKFILL);
    // The handoffs a commune's (or a province's communes') cases offered in a window, from the index alone.
    await q.query(`CREATE INDEX "IDX_handoff_facts_commune_offered" ON "handoff_facts" ("commune_code", "created_at")
      INCLUDE (${COLUMNS.filter((c) => !['commune_code', 'created_at', 'handoff_id', 'case_id'].includes(c)).join(', ')})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TRG_handoff_facts_deadlines_deleted" ON "deadlines"`);
    await q.query(`DROP TRIGGER "TRG_handoff_facts_deadlines" ON "deadlines"`);
    await q.query(`DROP TRIGGER "TRG_handoff_facts_cases" ON "cases"`);
    await q.query(`DROP TRIGGER "TRG_handoff_facts_handoffs" ON "handoffs"`);
    await q.query(`DROP FUNCTION baove_handoff_facts_follow()`);
    await q.query(`DROP FUNCTION baove_handoff_facts_refresh(uuid)`);
    await q.query(`DROP VIEW "handoff_facts_source"`);
    await q.query(`DROP TABLE "handoff_facts"`);
  }
}
