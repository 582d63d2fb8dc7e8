/**
 * Tamper evidence that survives the database's owner: the chain is keyed (HMAC under
 * AUDIT_HMAC_KEY, held outside the database) and anchored by signed checkpoints written outside the
 * database; an edited row, a chain re-computed without the key and rows deleted from the end are each
 * found, by the cheap incremental verification or by the full one (a worker job with progress). And
 * least privilege: the service's role (baove_app) is refused, by PostgreSQL itself, any UPDATE,
 * DELETE or TRUNCATE of the audit log and any change of the schema, yet runs the whole service.
 */
import { MIGRATIONS } from '../migrations';
import { AuditKeyedChain1796600000000 } from '../migrations/1796600000000-AuditKeyedChain';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../src/app';
import { chainHash, AuditService } from '../src/audit/audit.service';
import { CheckpointSigner } from '../src/audit/audit-checkpoints';
import { loadConfig } from '../src/config/config';
import { productionRefusal } from '../src/database/bootstrap';
import { DEMO_PASSWORD } from '../src/schema/seed';
import { intake, intakeBody, send } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

const CANONICAL = `jsonb_build_array(id, seq, occurred_at, actor_id, actor_role, action, case_id, entity, entity_id, details, access)::text`;

describe('audit integrity (e2e)', () => {
  let t: TestApp;
  let audit: AuditService;
  let auditor: string;

  /** As the owner, with the append-only trigger lifted for the transaction (what an insider with the owner's password can do). */
  const asOwner = (sql: string, params: unknown[] = []) => t.ownerDs.transaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    await tx.query(sql, params);
  });

  const verify = async () => {
    const res = await t.http.get('/api/v1/audit/verify').set('Authorization', auditor);
    expect(res.status).toBe(200);
    return res.body;
  };

  const fullVerify = async () => {
    const started = await t.http.post('/api/v1/audit/verify/full').set('Authorization', auditor);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: expect.any(String), state: expect.stringMatching(/waiting|active/) });
    return waitFor('the full verification', async () => {
      const res = await t.http.get(`/api/v1/audit/verify/full/${started.body.id}`).set('Authorization', auditor);
      expect(res.status).toBe(200);
      return res.body.state === 'completed' ? res.body : null;
    }, 60_000, 100);
  };

  /** Every entry sealed (the worker's sealer may hold the lock at the moment we ask). */
  const allSealed = () => waitFor('every audit entry sealed', async () => {
    await audit.seal();
    return (await audit.unsealed()) === 0;
  }, 60_000, 100);

  /** A fresh app per test: each tampers with its own database and checkpoint file. */
  beforeEach(async () => {
    t = await bootTestApp({ worker: true, env: { AUDIT_CHECKPOINT_SECONDS: '3600' } });
    audit = t.app.get(AuditService);
    auditor = await t.login('vanson.auditor');
    for (let i = 0; i < 3; i++) await send(t, 'vanson.social_worker', (await intake(t, 'vanson.social_worker')).id, 'ADD_NOTE', { text: `ghi chú ${i}` });
    await allSealed();
  });
  afterEach(() => t.close());

  it('writes signed checkpoints to a file outside the database, serves them to auditors, and verifies from the newest on', async () => {
    const first = (await audit.checkpoint())!;
    const [{ n }] = await t.ds.query(`SELECT max(seq)::int AS n FROM audit_log`);
    expect(first).toMatchObject({ seq: n, alg: 'hmac-sha256' });
    await intake(t, 'vanson.social_worker');
    await allSealed();
    expect(await audit.checkpoint()).toMatchObject({ seq: expect.any(Number) });
    const lines = readFileSync(`${t.config.audit.checkpointDir}/checkpoints.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual(first);
    // Nothing new sealed: no new checkpoint.
    await audit.seal();
    const again = await audit.checkpoint();
    if (again) expect(again.seq).toBeGreaterThan(lines[1].seq);

    const res = await t.http.get('/api/v1/audit/checkpoints').set('Authorization', auditor);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ algorithm: 'hmac-sha256', publicKey: null });
    expect(res.body.items.slice(0, 2)).toEqual(lines);
    const after = await t.http.get('/api/v1/audit/checkpoints').query({ afterSeq: first.seq, limit: 1 }).set('Authorization', auditor);
    expect(after.body.items).toEqual([lines[1]]);
    for (const query of [{ afterSeq: -1 }, { limit: 0 }, { limit: 1001 }, { afterSeq: 'x' }]) {
      expect([query, (await t.http.get('/api/v1/audit/checkpoints').query(query).set('Authorization', auditor)).status]).toEqual([query, 400]);
    }

    // Incremental: only the rows since the newest checkpoint are recomputed.
    await intake(t, 'vanson.social_worker');
    await allSealed();
    const v = await verify();
    const [{ m }] = await t.ds.query(`SELECT max(seq)::int AS m FROM audit_log`);
    expect(v).toMatchObject({ ok: true, length: m, fromCheckpoint: { seq: expect.any(Number) } });
    expect(v.checked).toBe(m - v.fromCheckpoint.seq);
  });

  it('signs checkpoints with Ed25519 when AUDIT_SIGNING_KEY is set: an auditor verifies them with the public key alone', () => {
    const seed = randomBytes(32);
    const signer = new CheckpointSigner({ hmacKey: randomBytes(32), signingKey: seed });
    const c = signer.sign(42, 'a'.repeat(64), '2026-11-26T00:00:00.000Z');
    expect(c.alg).toBe('ed25519');
    expect(signer.verify(c)).toBe(true);
    expect(signer.verify({ ...c, seq: 43 })).toBe(false);
    const other = new CheckpointSigner({ hmacKey: randomBytes(32), signingKey: randomBytes(32) });
    expect(other.verify(c)).toBe(false);
    expect(Buffer.from(signer.publicKey!, 'base64')).toHaveLength(32);
  });

  it('finds an edited row: the full verification at the row, the incremental one when the row is the checkpoint’s', async () => {
    const cp = (await audit.checkpoint())!;
    const [victim] = await t.ds.query(`SELECT id FROM audit_log WHERE seq = 3`);
    await asOwner(`UPDATE audit_log SET details = '{"code":"VS-0000-000000"}' WHERE id = $1`, [victim.id]);
    // An edit before the checkpoint, hashes left alone: the incremental check does not reach it ...
    expect(await verify()).toMatchObject({ ok: true });
    // ... the full verification does, with its progress on the way.
    const full = await fullVerify();
    expect(full).toMatchObject({ state: 'completed', result: { ok: false, problem: 'broken_link', firstBadId: victim.id } });
    expect(full.progress.total).toBeGreaterThanOrEqual(cp.seq);
    // The checkpoint's own row edited and re-hashed (without the key): the incremental check finds it.
    const [anchor] = await t.ds.query(`SELECT id, prev_hash FROM audit_log WHERE seq = $1`, [cp.seq]);
    await asOwner(`UPDATE audit_log SET details = '{"edited":true}', hash = $2 WHERE id = $1`,
      [anchor.id, createHash('sha256').update(anchor.prev_hash).update('\n').update('x').digest('hex')]);
    expect(await verify()).toMatchObject({ ok: false, problem: 'checkpoint_mismatch', firstBadId: anchor.id });
    // A chain that does not hold is never checkpointed.
    expect(await audit.checkpoint()).toBeUndefined();
  }, 120_000);

  it('finds a chain re-computed without the key (re-sealed with SHA-256, or with a guessed key)', async () => {
    await audit.checkpoint();
    await intake(t, 'vanson.social_worker');
    await allSealed();
    const rows: Array<{ id: string; c: string }> = await t.ds.query(`SELECT id, ${CANONICAL} AS c FROM audit_log ORDER BY seq`);
    // An insider edits the first row and re-seals everything after it, as the old unkeyed chain would.
    await asOwner(`UPDATE audit_log SET details = '{"edited":true}' WHERE id = $1`, [rows[0].id]);
    const edited: Array<{ id: string; c: string }> = await t.ds.query(`SELECT id, ${CANONICAL} AS c FROM audit_log ORDER BY seq`);
    const guessed = randomBytes(32);
    let prev = '0'.repeat(64);
    for (const r of edited) {
      const hash = chainHash(guessed, prev, r.c);
      await asOwner(`UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE id = $1`, [r.id, prev, hash]);
      prev = hash;
    }
    expect(await verify()).toMatchObject({ ok: false, problem: 'checkpoint_mismatch' });
    expect(await fullVerify()).toMatchObject({ result: { ok: false, problem: 'broken_link', firstBadId: rows[0].id } });
  }, 120_000);

  it('finds a chain re-computed WITH the key (the key leaked): the signed checkpoints tell, in full at the checkpoint’s row', async () => {
    const cp = (await audit.checkpoint())!;
    await intake(t, 'vanson.social_worker');
    await allSealed();
    await asOwner(`UPDATE audit_log SET details = '{"edited":true}' WHERE seq = 2`);
    const edited: Array<{ id: string; c: string }> = await t.ds.query(`SELECT id, ${CANONICAL} AS c FROM audit_log ORDER BY seq`);
    let prev = '0'.repeat(64);
    for (const r of edited) {
      const hash = chainHash(t.config.audit.hmacKey, prev, r.c);
      await asOwner(`UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE id = $1`, [r.id, prev, hash]);
      prev = hash;
    }
    const [anchor] = await t.ds.query(`SELECT id FROM audit_log WHERE seq = $1`, [cp.seq]);
    expect(await verify()).toMatchObject({ ok: false, problem: 'checkpoint_mismatch', firstBadId: anchor.id });
    expect(await fullVerify()).toMatchObject({
      result: { ok: false, problem: 'checkpoint_mismatch', firstBadId: anchor.id, fromCheckpoint: { seq: cp.seq }, checked: expect.any(Number) },
    });
  }, 120_000);

  it('finds a truncation: rows deleted from the end, or the whole log emptied', async () => {
    const cp = (await audit.checkpoint())!;
    await asOwner(`DELETE FROM audit_log WHERE seq >= $1`, [cp.seq - 1]);
    expect(await verify()).toMatchObject({ ok: false, problem: 'truncated', fromCheckpoint: { seq: cp.seq } });
    expect(await fullVerify()).toMatchObject({ result: { ok: false, problem: 'truncated' } });
    await asOwner(`TRUNCATE audit_log`);
    expect(await verify()).toMatchObject({ ok: false, problem: 'truncated' });
  }, 120_000);

  it('finds a forged checkpoint line', async () => {
    const cp = (await audit.checkpoint())!;
    audit.checkpoints.append({ ...cp, seq: cp.seq - 1 });
    expect(await verify()).toMatchObject({ ok: false, problem: 'bad_checkpoint' });
  });
});

describe('the re-sealing migration (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('re-seals an unkeyed SHA-256 chain under AUDIT_HMAC_KEY, and back', async () => {
    for (let i = 0; i < 3; i++) await intake(t, 'vanson.social_worker');
    const audit = t.app.get(AuditService);
    await audit.seal();
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log`);
    expect(await audit.verifyFull(async () => undefined, 0)).toMatchObject({ ok: true, checked: n });

    // Reverted: the chain of earlier versions, unkeyed SHA-256 over the canonical text without `access`.
    // AuditKeyedChain, ApplicationRole and whatever later migrations there are, newest first.
    const later = MIGRATIONS.slice(MIGRATIONS.indexOf(AuditKeyedChain1796600000000)).map((m) => m.name);
    for (let i = 0; i < later.length; i++) await t.ownerDs.undoLastMigration({ transaction: 'each' });
    const old: Array<{ c: string; prev_hash: string; hash: string }> = await t.ownerDs.query(
      `SELECT jsonb_build_array(id, seq, occurred_at, actor_id, actor_role, action, case_id, entity, entity_id, details)::text AS c, prev_hash, hash
         FROM audit_log ORDER BY seq`);
    let prev = '0'.repeat(64);
    for (const r of old) {
      expect(r.prev_hash).toBe(prev);
      prev = createHash('sha256').update(prev).update('\n').update(r.c).digest('hex');
      expect(r.hash).toBe(prev);
    }
    expect(old).toHaveLength(n);

    // Migrated again: every row re-sealed under the key, the chain verifies in full.
    expect((await t.ownerDs.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(later);
    const v = await audit.verifyFull(async () => undefined, 0);
    expect(v).toMatchObject({ ok: true, checked: n });
    const [{ same }] = await t.ownerDs.query(`SELECT count(*)::int AS same FROM audit_log WHERE hash = ANY($1::text[])`, [old.map((r) => r.hash)]);
    expect(same).toBe(0);
  });
});

describe('the application role (e2e)', () => {
  let t: TestApp;
  let appUrl: string;
  let role: string;

  beforeAll(async () => {
    // The test app's own login of the application role (its members share its privileges).
    t = await bootTestApp();
    appUrl = t.appDatabaseUrl;
    role = new URL(appUrl).username;
  });
  afterAll(() => t.close());

  const asApp = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: appUrl });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };

  it('is what every test app runs as: a login of its own in baove_app, no superuser; the owner only through t.ownerDs', async () => {
    const who = `SELECT current_user AS name, rolsuper AS super, pg_has_role(current_user, 'baove_app', 'MEMBER') AS app
                   FROM pg_roles WHERE rolname = current_user`;
    expect(await t.ds.query(who)).toEqual([{ name: role, super: false, app: true }]);
    const [owner] = await t.ownerDs.query(`SELECT current_user AS name`);
    expect(owner.name).toBe(new URL(t.databaseUrl).username);
    expect(owner.name).not.toBe(role);
  });

  it('is refused UPDATE, DELETE and TRUNCATE of audit_log by PostgreSQL’s privileges, and any change of the schema', async () => {
    await intake(t, 'vanson.social_worker');
    await t.app.get(AuditService).seal();
    await asApp(async (c) => {
      expect((await c.query(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n).toBeGreaterThan(0);
      await c.query(`INSERT INTO audit_log (actor_role, action, entity) VALUES ('system', 'test.probe', 'test')`);
      for (const sql of [
        `UPDATE audit_log SET details = '{"edited":true}'`,
        `UPDATE audit_log SET hash = NULL WHERE hash IS NOT NULL`,
        `DELETE FROM audit_log`,
        `TRUNCATE audit_log`,
      ]) {
        await expect(c.query(sql)).rejects.toMatchObject({ code: '42501', message: 'permission denied for table audit_log' });
      }
      for (const sql of [
        `ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`,
        `DROP TABLE audit_log`,
        `ALTER TABLE cases ADD COLUMN x int`,
        `CREATE TABLE rogue (id int)`,
        `INSERT INTO schema_migrations (timestamp, name) VALUES (1, 'x')`,
        `SET session_replication_role = replica`,
      ]) {
        await expect(c.query(sql)).rejects.toMatchObject({ code: expect.stringMatching(/^42501$/) });
      }
    });
  });

  it('passes the production check, which refuses a service role that may rewrite the audit log', async () => {
    const production = loadConfig({
      NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('base64'), ATTACHMENTS_MASTER_KEY: randomBytes(32).toString('base64'),
      AUDIT_HMAC_KEY: randomBytes(32).toString('base64'),
    });
    expect(await productionRefusal(production, appUrl)).toBeNull();
    expect(await productionRefusal(production, t.databaseUrl)).toContain('superuser');
    await t.ownerDs.query(`GRANT UPDATE ON audit_log TO ${role}`);
    try {
      expect(await productionRefusal(production, appUrl)).toContain('audit_log');
    } finally {
      await t.ownerDs.query(`REVOKE UPDATE ON audit_log FROM ${role}`);
    }
  });

  it('gets tables of later migrations automatically (default privileges), and runs the whole service', async () => {
    // A table a later migration creates, as the owner: granted to the application role with no GRANT of its own.
    await t.ownerDs.query(`CREATE TABLE test_later_migration (id serial PRIMARY KEY, v text)`);
    await asApp((c) => c.query(`INSERT INTO test_later_migration (v) VALUES ('ok')`));

    const app = await createApp({ config: t.config, databaseUrl: appUrl, redisUrl: t.redisUrl, worker: false, poolSize: 2 });
    await app.init();
    try {
      const http = request(app.getHttpServer());
      const login = await http.post('/api/v1/auth/login').send({ username: 'vanson.social_worker', password: DEMO_PASSWORD });
      expect(login.status).toBe(200);
      const auth = `Bearer ${login.body.accessToken}`;
      const filed = await http.post('/api/v1/intake').set('Authorization', auth).send(intakeBody());
      expect(filed.status).toBe(201);
      expect((await http.get(`/api/v1/cases/${filed.body.case.id}`).set('Authorization', auth)).status).toBe(200);
      // Sealing through the owner's SECURITY DEFINER functions, then verifying, as the application role.
      expect(await app.get(AuditService).seal()).toBeGreaterThan(0);
      expect(await app.get(AuditService).verify()).toMatchObject({ ok: true, unsealed: 0 });
    } finally {
      await app.close();
    }
  });
});
