import { MigrationInterface, QueryRunner } from 'typeorm';

/** The role the service runs as (DATABASE_URL); migrations run as the schema's owner (DATABASE_OWNER_URL). */
export const APP_ROLE = 'baove_app';

/**
 * Least privilege: `baove_app` reads and writes the data but owns nothing, so it cannot alter the
 * schema, and it may only SELECT and INSERT `audit_log` (sealing goes through the owner's two
 * SECURITY DEFINER functions, which the append-only trigger lets fill an unsealed row's chain
 * columns only). Default privileges grant the same on every table and sequence later migrations
 * create, so no migration needs GRANT statements of its own.
 *
 * The role is created NOLOGIN when missing (an operator gives it LOGIN and a password, or creates it
 * beforehand, as the compose file's initdb script does); an owner without CREATEROLE must have it
 * created first.
 */
export class ApplicationRole1796600100000 implements MigrationInterface {
  name = 'ApplicationRole1796600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        BEGIN
          CREATE ROLE ${APP_ROLE} NOLOGIN;
        EXCEPTION
          WHEN duplicate_object OR unique_violation THEN NULL; -- created meanwhile by another database's migration
          WHEN insufficient_privilege THEN
            RAISE EXCEPTION 'role ${APP_ROLE} is missing and % may not create roles: CREATE ROLE ${APP_ROLE} LOGIN PASSWORD ''...'' as a superuser first', current_user;
        END;
      END IF;
    END $$`);
    await q.query(`GRANT CONNECT ON DATABASE "${await this.database(q)}" TO ${APP_ROLE}`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${APP_ROLE}`);
    await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${APP_ROLE}`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_seal_place(bigint[], bigint[]) TO ${APP_ROLE}`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_seal_hashes(bigint[], text[], text[]) TO ${APP_ROLE}`);
    // Tables and sequences created later by this (the migrating) role: granted automatically.
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON FUNCTION audit_seal_hashes(bigint[], text[], text[]) FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON FUNCTION audit_seal_place(bigint[], bigint[]) FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE CONNECT ON DATABASE "${await this.database(q)}" FROM ${APP_ROLE}`);
  }

  private async database(q: QueryRunner): Promise<string> {
    const [{ name }] = await q.query(`SELECT current_database() AS name`);
    return String(name).replace(/"/g, '""');
  }
}
