import { createDataSource } from '../src/schema/data-source';
import { MIGRATIONS } from '../migrations';
import { freshDatabase } from './support/test-app';

describe('schema and migrations (e2e)', () => {
  it('the entities match the migrated schema: migration:generate has nothing to write', async () => {
    const db = await freshDatabase();
    const ds = await createDataSource(db.url, 2).initialize();
    try {
      const sql = await ds.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('every migration reverts and re-applies cleanly', async () => {
    const db = await freshDatabase();
    const ds = await createDataSource(db.url, 2).initialize();
    try {
      await ds.query(`TRUNCATE users, agencies, communes, provinces CASCADE`);
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`);
      expect(n).toBe(0);
      const ran = await ds.runMigrations({ transaction: 'each' });
      expect(ran.map((m) => m.name)).toEqual(MIGRATIONS.map((M) => new M().name));
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
