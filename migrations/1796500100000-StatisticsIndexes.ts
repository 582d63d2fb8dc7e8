import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the report statistics read (`npm run bench:oversight` times them with and without): the
 * cases a commune (or a province's communes) received in a period, in order of receipt.
 */
export class StatisticsIndexes1796500100000 implements MigrationInterface {
  name = 'StatisticsIndexes1796500100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_cases_commune_received" ON "cases" ("commune_code", "received_at") INCLUDE ("id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_cases_commune_received"`);
  }
}
