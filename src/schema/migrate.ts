import { Client } from 'pg';
import { createDataSource } from './data-source';
import { seedDemo } from './seed';

const MIGRATION_LOCK = 7_260_000;

/**
 * Runs pending migrations (and, when asked, the demo seed on an empty database) under an advisory
 * lock, so several replicas starting at once migrate exactly once.
 */
export async function migrate(databaseUrl: string, options: { seed: boolean }): Promise<{ migrated: string[]; seeded: boolean }> {
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ds = createDataSource(databaseUrl, 2);
    await ds.initialize();
    try {
      const ran = await ds.runMigrations({ transaction: 'each' });
      const seeded = options.seed ? await seedDemo(ds) : false;
      return { migrated: ran.map((m) => m.name), seeded };
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.end();
  }
}
