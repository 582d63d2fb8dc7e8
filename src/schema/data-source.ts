import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../migrations';

/** The one way a process builds its TypeORM data source. Schema changes come only from migrations. */
export function createDataSource(databaseUrl: string, poolSize = 20): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    // Pipeline mode: a statement is written without waiting for the one before it to be answered,
    // so a command's BEGIN travels with its first statement (see Db.transaction). Code still awaits
    // each statement before the next; nothing here keeps a portal open across round trips.
    // No JIT: every query here is short, and the planner's cost of a search over a million children
    // (its word-index predicates, long but cheap) crosses the JIT thresholds — compiling it took two
    // seconds for a query that runs in sixty milliseconds (npm run bench:search).
    extra: { max: poolSize, application_name: 'baove', pipeline: true, options: '-c jit=off' },
  });
}
