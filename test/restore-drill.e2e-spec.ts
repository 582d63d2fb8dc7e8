/**
 * The restore drill (docs/operations.md): back the database up with pg_dump, restore it into a new
 * database with pg_restore, and prove the copy whole — the audit chain verifies under the key, from
 * its start and against the external checkpoints, and every table holds as many rows as the original.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AuditRepository } from '../src/audit/audit.repository';
import { AuditService } from '../src/audit/audit.service';
import { Db } from '../src/database/db';
import { createDataSource } from '../src/schema/data-source';
import { apply, intake } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

async function tableCounts(url: string): Promise<Record<string, number>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    const counts: Record<string, number> = {};
    for (const { name } of rows) counts[name] = Number((await c.query(`SELECT count(*)::bigint AS n FROM "${name}"`)).rows[0].n);
    return counts;
  } finally {
    await c.end();
  }
}

describe('restore drill (e2e)', () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'baove-restore-'));
  let restoredUrl: string;

  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => {
    if (restoredUrl) {
      const admin = new URL(restoredUrl);
      const name = admin.pathname.slice(1);
      admin.pathname = '/postgres';
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    }
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up, restores into a new database, and the copy holds: audit chain verified, every table’s count equal', async () => {
    for (let i = 0; i < 5; i++) {
      const c = await intake(t, 'vanson.social_worker');
      await apply(t, 'vanson.social_worker', c.id, 'ADD_NOTE', { text: `ghi chú ${i}` });
    }
    const audit = t.app.get(AuditService);
    await audit.seal();
    const checkpoint = (await audit.checkpoint())!;
    expect(checkpoint.seq).toBeGreaterThan(10);

    // Back up (custom format: compressed, restorable table by table).
    const dump = join(dir, 'baove.dump');
    execFileSync('pg_dump', ['--format=custom', '--file', dump, '--dbname', t.databaseUrl]);
    expect(statSync(dump).size).toBeGreaterThan(0);
    const original = await tableCounts(t.databaseUrl);

    // Restore into a new database.
    const restored = new URL(t.databaseUrl);
    restored.pathname = `${restored.pathname}_restored`;
    restoredUrl = restored.toString();
    const maintenance = new URL(t.databaseUrl);
    maintenance.pathname = '/postgres';
    execFileSync('createdb', ['--maintenance-db', maintenance.toString(), restored.pathname.slice(1)]);
    execFileSync('pg_restore', ['--exit-on-error', '--dbname', restoredUrl, dump]);

    // Every table, as many rows.
    expect(await tableCounts(restoredUrl)).toEqual(original);
    expect(Object.keys(original).length).toBeGreaterThan(20);

    // The restored audit chain holds under the key: in full from its start, and from the external checkpoint.
    const ds = await createDataSource(restoredUrl, 2).initialize();
    try {
      const db = new Db(ds);
      const restoredAudit = new AuditService(db, new AuditRepository(db), t.config);
      const full = await restoredAudit.verifyFull(async () => undefined, 0);
      expect(full).toMatchObject({ ok: true, checked: original.audit_log, length: original.audit_log });
      expect(await restoredAudit.verify()).toMatchObject({ ok: true, fromCheckpoint: { seq: checkpoint.seq } });
      // The privileges came along: the application role still may not rewrite the log.
      const [{ may }] = await ds.query(`SELECT has_table_privilege('baove_app', 'audit_log', 'UPDATE') AS may`);
      expect(may).toBe(false);
    } finally {
      await ds.destroy();
    }
  }, 120_000);
});
