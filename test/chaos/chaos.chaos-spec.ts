/**
 * `npm run test:chaos`: a mixed load (intake, case events, handoffs, deadlines falling due) against
 * a real API process and a real worker process, both SIGKILLed at random moments, with the Redis
 * they use flushed once. Then the promises are checked:
 * - no acknowledged command is lost;
 * - no case event is duplicated or out of order (seq = 1..n per case);
 * - every deadline that fell due fired exactly once as a breach;
 * - the audit chain verifies.
 * Everything on loopback: its own database, its own redis-server (so FLUSHALL touches nothing else).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../../src/audit/audit.repository';
import { AuditService } from '../../src/audit/audit.service';
import { loadConfig } from '../../src/config/config';
import { createDataSource } from '../../src/schema/data-source';
import { Db } from '../../src/database/db';
import { DEMO_PASSWORD } from '../../src/schema/seed';
import { appLoginRole, freshDatabase } from '../support/test-app';
import { intakeBody } from '../support/fixtures';
import { sleep, waitFor } from '../support/wait';

const DIST = join(__dirname, '..', '..', 'dist', 'src');
const LOAD_SECONDS = Number(process.env.CHAOS_SECONDS ?? 75);
const HOUR = 3_600_000;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Reply { status: number; body: any }

function call(port: number, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1', port, path: `/api/v1${path}`, method, timeout: 10_000,
      headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}), ...headers },
    }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (data += c));
      res.on('end', () => {
        let parsed: unknown = data;
        try { parsed = JSON.parse(data); } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    // A killed API: connection refused or reset. The caller retries with the same idempotency keys.
    req.on('error', () => resolve({ status: 0, body: null }));
    req.on('timeout', () => req.destroy());
    req.end(payload);
  });
}

describe('chaos: SIGKILLed API and worker, flushed Redis', () => {
  const children = new Map<string, ChildProcess>();
  let redisServer: ChildProcess;
  let redisUrl: string;
  let db: { url: string; drop: () => Promise<void> };
  /** The service's login in the application role (the processes run as it; migrations as the owner). */
  let login: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let apiPort: number;

  const checkpointDir = join(tmpdir(), `baove-chaos-audit-${randomUUID()}`);
  const env = () => ({
    PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'silent', DATABASE_URL: login.url, DATABASE_OWNER_URL: db.url, REDIS_URL: redisUrl,
    QUEUE_PREFIX: 'chaos', AUDIT_CHECKPOINT_DIR: checkpointDir, RECONCILE_INTERVAL_MS: '3000', OUTBOX_POLL_MS: '50', PORT: String(apiPort), HOST: '127.0.0.1',
    LOGIN_MAX_ATTEMPTS: '1000', SEED_DEMO: 'false',
  });
  const startedAt = new Map<'api' | 'worker', number>();
  const start = (name: 'api' | 'worker') => {
    const child = spawn(process.execPath, name === 'api' ? [join(DIST, 'main.js'), '--api-only'] : [join(DIST, 'worker.js')], { env: env(), stdio: process.env.CHAOS_LOG_LEVEL ? 'inherit' : 'ignore' });
    children.set(name, child);
    startedAt.set(name, Date.now());
    return child;
  };
  const kill = async (name: 'api' | 'worker') => {
    const child = children.get(name)!;
    child.kill('SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
  };

  beforeAll(async () => {
    const redisPort = await freePort();
    redisServer = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    redisUrl = `redis://127.0.0.1:${redisPort}`;
    await waitFor('the chaos redis-server', async () => {
      const r = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      r.on('error', () => undefined);
      try { await r.connect(); return (await r.ping()) === 'PONG'; } catch { return false; } finally { r.disconnect(); }
    });
    db = await freshDatabase();
    login = await appLoginRole(db.url);
    ds = await createDataSource(db.url, 4).initialize();
    apiPort = await freePort();
    start('api');
    start('worker');
    await waitFor('the API', async () => (await call(apiPort, 'GET', '/health')).status === 200, 30_000, 200);
  });

  afterAll(async () => {
    for (const c of children.values()) if (c.exitCode === null) c.kill('SIGKILL');
    redisServer?.kill('SIGKILL');
    await ds?.destroy();
    await db?.drop();
    await login?.drop();
  });

  it('keeps every promise', async () => {
    const tokens = new Map<string, string>();
    const token = async (user: string) => {
      for (;;) {
        const cached = tokens.get(user);
        if (cached) return cached;
        const r = await call(apiPort, 'POST', '/auth/login', { username: user, password: DEMO_PASSWORD });
        if (r.status === 200) tokens.set(user, r.body.accessToken);
        else await sleep(200);
      }
    };
    const [{ id: workerId }] = await ds.query(`SELECT id FROM users WHERE username = 'vanson.social_worker'`);
    const [{ id: policeAgency }] = await ds.query(`SELECT agency_id AS id FROM users WHERE username = 'vanson.police'`);

    /** Retries a command (same idempotency key / externalRef) until the API acknowledges or refuses it. */
    const send = async (user: string, method: string, path: string, body: unknown, key?: string): Promise<Reply> => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const r = await call(apiPort, method, path, body, { authorization: `Bearer ${await token(user)}`, ...(key ? { 'idempotency-key': key } : {}) });
        if (r.status !== 0 && r.status < 500) return r;
        await sleep(100 + Math.random() * 300);
      }
      throw new Error(`${method} ${path} never got an answer`);
    };

    const acked = { intakes: [] as Array<{ id: string; externalRef: string }>, events: [] as Array<{ caseId: string; seq: number; type: string }> };
    const ackEvent = (caseId: string, type: string, r: Reply) => {
      if (r.status === 200) acked.events.push({ caseId, seq: r.body.case.version, type });
    };
    const loadUntil = Date.now() + LOAD_SECONDS * 1000;

    const client = async () => {
      while (Date.now() < loadUntil) {
        // An urgent report whose 12-hour deadline falls due during the run.
        const externalRef = `chaos-${randomUUID()}`;
        const body = intakeBody({ externalRef, immediateDanger: true, receivedAt: new Date(Date.now() - 12 * HOUR + Math.random() * 30_000).toISOString() });
        const r = await send('vanson.hotline_operator', 'POST', '/intake', body);
        if (r.status !== 201 && r.status !== 200) throw new Error(`intake refused: ${r.status} ${JSON.stringify(r.body)}`);
        const caseId = r.body.case.id as string;
        acked.intakes.push({ id: caseId, externalRef });
        let version = 1;
        const event = async (user: string, type: string, data: Record<string, unknown>) => {
          const res = await send(user, 'POST', `/cases/${caseId}/events`, { type, data, expectedVersion: version }, `${caseId}-${version}-${type}`);
          ackEvent(caseId, type, res);
          if (res.status === 409) version = res.body.details.currentVersion;
          else if (res.status === 200) version = res.body.case.version;
          return res;
        };
        await event('vanson.supervisor', 'ASSIGN', { assigneeId: workerId });
        await event('vanson.social_worker', 'ADD_NOTE', { text: 'Đã gọi điện cho gia đình' });
        if (Math.random() < 0.5) {
          await event('vanson.social_worker', 'START_VERIFICATION', {});
          const h = await send('vanson.social_worker', 'POST', `/cases/${caseId}/handoffs`,
            { kind: 'police_investigation', agencyId: policeAgency, instructions: 'Xác minh', urgency: 'normal' });
          if (h.status === 200 || h.status === 201) {
            const accepted = await send('vanson.police', 'POST', `/handoffs/${h.body.handoff.id}/accept`, {});
            if (accepted.status !== 200 && accepted.status !== 422) throw new Error(`accept: ${accepted.status}`);
          }
        }
      }
    };

    const chaos = async () => {
      let flushed = false;
      while (Date.now() < loadUntil - 5000) {
        await sleep(3000 + Math.random() * 6000);
        const victim = Math.random() < 0.5 ? 'api' : 'worker';
        await kill(victim);
        await sleep(500 + Math.random() * 1500);
        start(victim);
        if (!flushed && Date.now() > loadUntil - LOAD_SECONDS * 500) {
          const r = new Redis(redisUrl);
          await r.flushall();
          r.disconnect();
          flushed = true;
        }
      }
      expect(flushed).toBe(true);
    };

    await Promise.all([client(), client(), client(), client(), chaos()]);
    // Calm: both processes up; every deadline that is due must have fired.
    if (children.get('worker')!.exitCode !== null) start('worker');
    // Deadlines keep falling due after the load stops; judge those due by now.
    const [{ cutoff }] = await ds.query(`SELECT now() AS cutoff`);
    await waitFor('every due deadline to fire', async () => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM deadlines WHERE status = 'pending' AND due_at < $1`, [cutoff]);
      return n === 0;
    }, 90_000, 500);

    expect(acked.intakes.length).toBeGreaterThan(20);
    // 1. No acknowledged command lost.
    const ids = acked.intakes.map((i) => i.id);
    const [{ n: found }] = await ds.query(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1)`, [ids]);
    expect(found).toBe(new Set(ids).size);
    const events: Array<{ case_id: string; seq: number; type: string }> = await ds.query(
      `SELECT case_id, seq, type FROM case_events WHERE case_id = ANY($1)`, [ids]);
    const have = new Set(events.map((e) => `${e.case_id}/${e.seq}/${e.type}`));
    expect(acked.events.filter((e) => !have.has(`${e.caseId}/${e.seq}/${e.type}`))).toEqual([]);
    // 2. No duplicate or out-of-order event: seq is exactly 1..n per case.
    const broken = await ds.query(
      `SELECT case_id FROM case_events GROUP BY case_id HAVING count(*) <> max(seq) OR count(DISTINCT seq) <> count(*) OR min(seq) <> 1`);
    expect(broken).toEqual([]);
    // 3. Every due deadline fired exactly once as a breach.
    const due: Array<{ id: string; status: string; fired: number }> = await ds.query(
      `SELECT d.id, d.status, (SELECT count(*)::int FROM case_events e WHERE e.case_id = d.case_id AND e.type = 'DEADLINE_EXPIRED'
                                 AND e.data->>'deadlineId' = d.id::text) AS fired
         FROM deadlines d WHERE d.key = 'emergency_response' AND d.due_at < $1`, [cutoff]);
    expect(due.length).toBeGreaterThan(20);
    expect(due.filter((d) => d.status !== 'breached' || d.fired !== 1)).toEqual([]);
    // 4. The audit chain verifies, once nothing writes any more (SIGTERM: both exit cleanly).
    for (const name of ['api', 'worker'] as const) {
      const child = children.get(name)!;
      const exit = new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));
      // A process restarted a moment ago may not have loaded Node's modules yet (a SIGTERM then kills
      // it outright); once it has, a SIGTERM even mid-boot is held and obeyed cleanly (src/process.ts).
      await sleep(Math.max(0, startedAt.get(name)! + 3000 - Date.now()));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    }
    const auditDb = new Db(ds);
    const config = loadConfig({ NODE_ENV: 'test', AUDIT_CHECKPOINT_DIR: checkpointDir });
    const verification = await new AuditService(auditDb, new AuditRepository(auditDb), config).verify();
    expect(verification).toMatchObject({ ok: true, unsealed: 0 });
    expect(verification.checked).toBeGreaterThan(acked.events.length);
    console.log(`chaos: ${acked.intakes.length} intakes and ${acked.events.length} events acknowledged, ${due.length} deadlines fired once each, ${verification.checked} audit rows verified`);
  }, (LOAD_SECONDS + 180) * 1000);
});
