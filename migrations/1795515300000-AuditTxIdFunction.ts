import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * audit_log.tx_id's default as a named function: TypeORM strips type casts from the defaults it
 * reads back, so a cast expression never compared equal and `migration:generate` reported drift.
 */
export class AuditTxIdFunction1795515300000 implements MigrationInterface {
  name = 'AuditTxIdFunction1795515300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION audit_tx_id() RETURNS bigint LANGUAGE sql VOLATILE AS $$ SELECT pg_current_xact_id()::text::bigint $$`);
    await q.query(`ALTER TABLE audit_log ALTER COLUMN tx_id SET DEFAULT audit_tx_id()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ALTER COLUMN tx_id SET DEFAULT CAST(CAST(pg_current_xact_id() AS text) AS bigint)`);
    await q.query(`DROP FUNCTION audit_tx_id()`);
  }
}
