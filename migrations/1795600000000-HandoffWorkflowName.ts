import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Handoffs name their workflow as cases do, so the engine restores any instance from its own row
 * (workflow + version) without knowing which workflow a table holds.
 */
export class HandoffWorkflowName1795600000000 implements MigrationInterface {
  name = 'HandoffWorkflowName1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "handoffs" ADD "workflow" text NOT NULL DEFAULT 'handoff'`);
    await q.query(`ALTER TABLE "handoffs" ALTER COLUMN "workflow" DROP DEFAULT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "handoffs" DROP COLUMN "workflow"`);
  }
}
