import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes of the oversight queries (src/oversight), chosen with EXPLAIN on the 1,000,000-case
 * history of `npm run bench:oversight`. The SLA figures read a commune's or province's cases that
 * were open during a window and everything about them; the covering indexes let them do so without
 * visiting the tables:
 * - a commune's cases by when they closed (open ones as 'infinity'): the cases open now, or open
 *   at some time since a date, as one index range;
 * - each case's open deadlines by due time: the overdue board;
 * - each case's deadlines with what decides whether they were met in time;
 * - each case's handoffs with when they were offered and to whom;
 * - each case's state changes in order, with when and from which state: time per stage;
 * - users by agency: who the commune's chair is.
 * The entities declare them (`synchronize: false` where TypeORM cannot express them) so that
 * `migration:generate` leaves them be.
 */
export class OversightIndexes1795513887670 implements MigrationInterface {
  name = 'OversightIndexes1795513887670';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_cases_commune_activity" ON "cases" ("commune_code", (COALESCE("closed_at", 'infinity'::timestamptz))) INCLUDE ("received_at", "closed_at", "id")`);
    await q.query(`CREATE INDEX "IDX_deadlines_open_case_due" ON "deadlines" ("case_id", "due_at") WHERE status IN ('pending','breached')`);
    await q.query(`CREATE INDEX "IDX_deadlines_case_figures" ON "deadlines" ("case_id") INCLUDE ("handoff_id", "key", "status", "due_at", "settled_at", "breached_at", "starts_at")`);
    await q.query(`CREATE INDEX "IDX_handoffs_case_offered" ON "handoffs" ("case_id") INCLUDE ("created_at", "agency_id", "id")`);
    await q.query(`CREATE INDEX "IDX_case_events_state_changes" ON "case_events" ("case_id", "seq") INCLUDE ("occurred_at", "from_state") WHERE from_state <> to_state`);
    await q.query(`CREATE INDEX "IDX_users_agency" ON "users" ("agency_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_users_agency"`);
    await q.query(`DROP INDEX "public"."IDX_case_events_state_changes"`);
    await q.query(`DROP INDEX "public"."IDX_handoffs_case_offered"`);
    await q.query(`DROP INDEX "public"."IDX_deadlines_case_figures"`);
    await q.query(`DROP INDEX "public"."IDX_deadlines_open_case_due"`);
    await q.query(`DROP INDEX "public"."IDX_cases_commune_activity"`);
  }
}
