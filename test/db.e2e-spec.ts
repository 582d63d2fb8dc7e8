/**
 * The transaction helper on a real PostgreSQL with pipelined connections: BEGIN travels with the
 * first statement, COMMIT may travel with the last, and neither may ever commit a failed command.
 */
import { DataSource } from 'typeorm';
import { createDataSource } from '../src/schema/data-source';
import { Db } from '../src/database/db';
import { freshDatabase } from './support/test-app';

describe('Db.transaction (e2e)', () => {
  let drop: () => Promise<void>;
  let ds: DataSource;
  let db: Db;

  beforeAll(async () => {
    const fresh = await freshDatabase();
    drop = fresh.drop;
    ds = await createDataSource(fresh.url, 3).initialize();
    db = new Db(ds);
    await db.query(`CREATE TABLE tx_probe (id int PRIMARY KEY, note text NOT NULL)`);
  });

  afterAll(async () => {
    await ds.destroy();
    await drop();
  });

  beforeEach(() => db.query(`TRUNCATE tx_probe`));

  const count = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tx_probe`))[0].n;

  it('runs every statement in one transaction: other sessions see nothing until COMMIT', async () => {
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO tx_probe VALUES (1, 'a')`);
      const [{ inTx }] = await tx.query(`SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS "inTx"`);
      expect(inTx).toBe(true);
      expect(await count()).toBe(0);
      await tx.query(`INSERT INTO tx_probe VALUES (2, 'b')`);
    });
    expect(await count()).toBe(2);
  });

  it('rolls back everything when the work throws, and the connection serves the next command', async () => {
    await expect(db.transaction(async (tx) => {
      await tx.query(`INSERT INTO tx_probe VALUES (1, 'a')`);
      throw new Error('refused');
    })).rejects.toThrow('refused');
    await expect(db.transaction(async (tx) => {
      await tx.query(`INSERT INTO tx_probe VALUES (1, 'a')`);
      await tx.query(`INSERT INTO tx_probe VALUES (1, 'duplicate')`);
    })).rejects.toMatchObject({ driverError: { code: '23505' } });
    expect(await count()).toBe(0);
    for (let i = 0; i < 6; i++) await db.transaction((tx) => tx.query(`INSERT INTO tx_probe VALUES ($1, 'ok')`, [i]));
    expect(await count()).toBe(6);
  });

  it('returns UPDATE … RETURNING rows as rows', async () => {
    await db.query(`INSERT INTO tx_probe VALUES (1, 'a'), (2, 'b')`);
    const rows = await db.transaction((tx) => tx.query<{ id: number }>(`UPDATE tx_probe SET note = 'c' RETURNING id`));
    expect(rows.map((r) => r.id).sort()).toEqual([1, 2]);
  });

  it('a prepared statement carrying the COMMIT commits with it; one that fails commits nothing', async () => {
    const insert = `INSERT INTO tx_probe VALUES ($1, $2) RETURNING id`;
    const rows = await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO tx_probe VALUES (1, 'first')`);
      return tx.prepared<{ id: number }>(insert, [2, 'last'], { commit: true });
    });
    expect(rows).toEqual([{ id: 2 }]);
    expect(await count()).toBe(2);

    await expect(db.transaction(async (tx) => {
      await tx.query(`INSERT INTO tx_probe VALUES (3, 'before')`);
      return tx.prepared(insert, [1, 'duplicate'], { commit: true });
    })).rejects.toMatchObject({ driverError: { code: '23505' } });
    expect(await count()).toBe(2);
  });

  it('refuses a statement after the COMMIT went out', async () => {
    await expect(db.transaction(async (tx) => {
      await tx.prepared(`INSERT INTO tx_probe VALUES ($1, $2)`, [1, 'a'], { commit: true });
      await tx.query(`INSERT INTO tx_probe VALUES (2, 'outside')`);
    })).rejects.toThrow(/after the transaction's COMMIT/);
    expect((await db.query(`SELECT id FROM tx_probe`)).map((r) => r.id)).toEqual([1]);
  });

  it('survives a migration that changes a table its prepared statements read', async () => {
    const read = `SELECT t.* FROM tx_probe t ORDER BY id`;
    await db.query(`INSERT INTO tx_probe VALUES (1, 'a')`);
    // Every pooled connection prepares the statement, as a running API's connections would have.
    await Promise.all([1, 2, 3].map(() => db.transaction(async (tx) => {
      await tx.query('SELECT pg_sleep(0.05)');
      return tx.prepared(read, []);
    })));
    await db.query(`ALTER TABLE tx_probe ADD COLUMN added int NOT NULL DEFAULT 7`);
    try {
      for (let i = 0; i < 6; i++) {
        expect(await db.transaction((tx) => tx.prepared(read, []))).toEqual([{ id: 1, note: 'a', added: 7 }]);
      }
    } finally {
      await db.query(`ALTER TABLE tx_probe DROP COLUMN added`);
    }
  });

  it('retries a serialization failure', async () => {
    let attempts = 0;
    await db.transaction(async (tx) => {
      attempts++;
      if (attempts === 1) await tx.query(`DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$`);
      await tx.query(`INSERT INTO tx_probe VALUES (1, 'second try')`);
    });
    expect(attempts).toBe(2);
    expect(await count()).toBe(1);
  });
});
