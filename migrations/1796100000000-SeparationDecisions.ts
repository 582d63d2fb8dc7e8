import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, temporary separation: a decision may be issued by a transition of a handoff-subject
 * instance on the case (workflow `temporary-separation`: the separation, its extension, its
 * revocation — Mẫu số 07). `handoff_id` names that instance and `event_seq` is then its version
 * (the instance's own sequence); a case's own decisions keep `handoff_id` null and `event_seq` the
 * case event. One decision per event of each: two partial unique indexes replace
 * `UQ_decisions_case_event`. The immutability trigger fires on rows, not on ALTER TABLE.
 */
export class SeparationDecisions1796100000000 implements MigrationInterface {
  name = 'SeparationDecisions1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "decisions" ADD "handoff_id" uuid`);
    await q.query(`ALTER TABLE "decisions" ADD CONSTRAINT "FK_decisions_handoff" FOREIGN KEY ("handoff_id") REFERENCES "handoffs"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "decisions" DROP CONSTRAINT "UQ_decisions_case_event"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_decisions_case_event" ON "decisions" ("case_id", "event_seq") WHERE handoff_id IS NULL`);
    await q.query(`CREATE UNIQUE INDEX "UQ_decisions_handoff_event" ON "decisions" ("handoff_id", "event_seq") WHERE handoff_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_decisions_handoff_event"`);
    await q.query(`DROP INDEX "UQ_decisions_case_event"`);
    await q.query(`ALTER TABLE "decisions" ADD CONSTRAINT "UQ_decisions_case_event" UNIQUE ("case_id", "event_seq")`);
    await q.query(`ALTER TABLE "decisions" DROP CONSTRAINT "FK_decisions_handoff"`);
    await q.query(`ALTER TABLE "decisions" DROP COLUMN "handoff_id"`);
  }
}
