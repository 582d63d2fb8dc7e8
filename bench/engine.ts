/**
 * `npm run bench:engine [-- --seconds=10 --cases=3000]`
 *
 * In one run, at 8, 16 and 32 concurrent clients:
 *  (a) the raw PostgreSQL ceiling: the statements a transition writes (update the case, insert its
 *      event, insert an outbox row) as plain SQL transactions, one statement per round trip; and,
 *      for reference, the same statements pipelined into two round trips (a stricter ceiling);
 *  (b) engine transitions through the case service (CasesService.sendEvent: scope, lock, version
 *      check, pure XState transition, effects, event, audit row, the caller's view of the case);
 *      Measured twice: with the note's free text sealed (as the service runs) and, for comparison
 *      in the same run, with `FieldCipher.sealOnce` replaced by the identity (the note stored clear);
 *  (c) the same over HTTP (JWT, validation, JSON) on loopback with keep-alive. The HTTP clients
 *      run in a worker thread, as a real client would run elsewhere: their request building and
 *      response parsing do not take turns with the service on its event loop.
 * Prints throughput, p50/p99 latency, the event loop's and the machine's CPU use, and the ratios
 * engine/raw and HTTP/raw (and against the pipelined ceiling).
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { initialTransition } from 'xstate';
import { createApp } from '../src/app';
import { CasesService } from '../src/cases/cases.service';
import { FieldCipher } from '../src/crypto/field-cipher';
import { AuthService } from '../src/identity/auth.service';
import { DEMO_PASSWORD } from '../src/schema/seed';
import { CASE_WORKFLOW, getWorkflow } from '../workflows';
import { arg, benchDatabase, fmt, percentile } from './support';

interface Result { tps: number; p50: number; p99: number; loop?: number; cpu?: number }

/** Machine CPU busy time (all cores, from /proc/stat) in clock ticks, or undefined off Linux. */
function cpuTicks(): { busy: number; total: number } | undefined {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - fields[3] - fields[4], total };
  } catch {
    return undefined;
  }
}

/** Where the time went while `work` ran: the service's event loop busy share, and the machine's CPU busy share. */
async function observed(work: () => Promise<Result>): Promise<Result> {
  const elu = performance.eventLoopUtilization();
  const before = cpuTicks();
  const result = await work();
  const after = cpuTicks();
  result.loop = performance.eventLoopUtilization(elu).utilization;
  if (before && after) result.cpu = (after.busy - before.busy) / (after.total - before.total);
  return result;
}

function line(label: string, clients: number, r: Result): string {
  const usage = r.cpu === undefined ? '' : `   event loop ${fmt(100 * r.loop!, 0)}% busy, machine CPU ${fmt(100 * r.cpu, 0)}%`;
  return `  ${label.padEnd(11)} ${String(clients).padStart(2)} clients: ${fmt(r.tps, 0).padStart(6)} tx/s   p50 ${fmt(r.p50)} ms   p99 ${fmt(r.p99)} ms${usage}`;
}

/** Runs `clients` loops for `seconds`; each loop calls `op(client, i)` and records its latency. */
async function measure(clients: number, seconds: number, op: (client: number, i: number) => Promise<void>): Promise<Result> {
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; Date.now() < end; i++) {
      const t = process.hrtime.bigint();
      await op(c, i);
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }));
  latencies.sort((a, b) => a - b);
  return { tps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function post(agent: http.Agent, port: number, path: string, token: string, body: unknown): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, path, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${token}` },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

interface HttpLoad { port: number; token: string; clients: number; seconds: number; ids: string[]; versions: Array<[string, number]> }
interface HttpLoadResult { result: Result; versions: Array<[string, number]>; failures: number }

/** (c), in a worker thread: `clients` keep-alive connections sending ADD_NOTE to their own cases. */
async function httpLoad(load: HttpLoad): Promise<HttpLoadResult> {
  const versions = new Map(load.versions);
  const agent = new http.Agent({ keepAlive: true, maxSockets: load.clients });
  let failures = 0;
  const result = await measure(load.clients, load.seconds, async (c, i) => {
    const id = caseFor(load.ids, load.clients, c, i);
    const v = versions.get(id)!;
    const status = await post(agent, load.port, `/api/v1/cases/${id}/events`, load.token, { type: 'ADD_NOTE', data: { text: 'ghi chú' }, expectedVersion: v });
    if (status === 200) versions.set(id, v + 1);
    else failures++;
  });
  agent.destroy();
  return { result, versions: [...versions], failures };
}

/** Client c works on its own slice of cases, so clients never contend for one row. */
function caseFor(ids: string[], clients: number, c: number, i: number): string {
  return ids[(c + i * clients) % ids.length];
}

async function main(): Promise<void> {
  const seconds = arg('seconds', 10);
  const caseCount = arg('cases', 3000);
  const levels = process.argv.find((a) => a.startsWith('--clients='))?.split('=')[1].split(',').map(Number) ?? [8, 16, 32];
  const only = process.argv.find((a) => a.startsWith('--only='))?.split('=')[1];
  const db = await benchDatabase('baove_bench_engine');
  const setup = new Client({ connectionString: db.url });
  await setup.connect();
  const app = await createApp({
    config: { ...db.config, logLevel: 'warn', queuePrefix: `benchen${Date.now().toString(36)}` },
    databaseUrl: db.url, redisUrl: db.infra.redisUrl, worker: false, poolSize: 40,
  });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  try {
    const def = getWorkflow(CASE_WORKFLOW, 1);
    const [snap] = initialTransition(def.machine, { immediateDanger: false });
    const snapshot = JSON.stringify({ value: String(snap.value), context: snap.context });
    const [{ creator }] = (await setup.query(`SELECT id AS creator FROM users WHERE username = 'vanson.social_worker'`)).rows;
    const [{ child }] = (await setup.query(
      `INSERT INTO children (full_name, sex, residence_commune_code, province_code) VALUES ('Trẻ Thử', 'female', 'van-son', 'thanh-hoa') RETURNING id AS child`)).rows;
    await setup.query(
      `INSERT INTO cases (code, commune_code, workflow, workflow_version, state, snapshot, version, channel, received_at,
                          immediate_danger, abuse_types, incident, created_by, created_at, updated_at, child_id, incident_commune_code)
       SELECT 'BENCH-' || g, 'van-son', $1, 1, 'received', $2::jsonb, 1, 'hotline_111', now(), false, '{neglect}', '{}', $3, now(), now(), $5, 'van-son'
         FROM generate_series(1, $4) AS g`, [CASE_WORKFLOW, snapshot, creator, caseCount, child]);
    await setup.query(`INSERT INTO case_children (case_id, full_name, sex) SELECT id, 'Trẻ ' || code, 'unknown' FROM cases`);
    await setup.query('ANALYZE');
    const ids: string[] = (await setup.query(`SELECT id FROM cases ORDER BY code`)).rows.map((r: { id: string }) => r.id);
    const versions = new Map<string, number>((await setup.query(`SELECT id, version FROM cases`)).rows.map((r: { id: string; version: number }) => [r.id, r.version]));

    console.log(`bench:engine — ${seconds}s per measurement, ${caseCount} cases, PostgreSQL and the service on this machine`);
    const results: Record<string, Record<number, Result>> = { raw: {}, pipelined: {}, engine: {}, clear: {}, http: {} };

    const event = JSON.stringify({ text: 'ghi chú' });
    const rawSql = {
      update: `UPDATE cases SET version = version + 1, snapshot = $2, updated_at = now() WHERE id = $1 RETURNING version`,
      event: `INSERT INTO case_events (case_id, seq, type, data, actor_id, actor_role, from_state, to_state, occurred_at)
              VALUES ($1, $2, 'ADD_NOTE', $3, $4, 'social_worker', 'received', 'received', now())`,
      outbox: `INSERT INTO outbox (topic, payload) VALUES ('deadline.cleared', $1)`,
    };
    /** (a): the statements one after another, each awaited: BEGIN, UPDATE, INSERT, INSERT, COMMIT. */
    const plain = async (pg: Client, id: string) => {
      await pg.query('BEGIN');
      const { rows: [row] } = await pg.query(rawSql.update, [id, snapshot]);
      await pg.query(rawSql.event, [id, row.version, event, creator]);
      await pg.query(rawSql.outbox, [JSON.stringify({ deadlineId: id, level: 0 })]);
      await pg.query('COMMIT');
      versions.set(id, row.version);
    };
    /**
     * A stricter ceiling, for reference: the same statements pipelined into two round trips
     * (BEGIN + UPDATE; INSERT + INSERT + COMMIT), as the service itself sends a command.
     */
    const pipelined = async (pg: Client, id: string) => {
      const socket = (pg as Client & { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
      socket.cork();
      const begun = pg.query('BEGIN');
      const updated = pg.query(rawSql.update, [id, snapshot]);
      socket.uncork();
      await begun;
      const { rows: [row] } = await updated;
      socket.cork();
      const writes = [pg.query(rawSql.event, [id, row.version, event, creator]),
        pg.query(rawSql.outbox, [JSON.stringify({ deadlineId: id, level: 0 })]), pg.query('COMMIT')];
      socket.uncork();
      await Promise.all(writes);
      versions.set(id, row.version);
    };
    for (const [key, label, tx] of [['raw', 'raw SQL', plain], ['pipelined', 'pipelined', pipelined]] as const) {
      for (const clients of only && only !== 'raw' ? [] : levels) {
        const conns = await Promise.all(Array.from({ length: clients }, async () => {
          const c = new Client({ connectionString: db.url, pipeline: tx === pipelined } as ConstructorParameters<typeof Client>[0]);
          await c.connect();
          return c;
        }));
        results[key][clients] = await observed(() => measure(clients, seconds, (c, i) => tx(conns[c], caseFor(ids, clients, c, i))));
        await Promise.all(conns.map((c) => c.end()));
        console.log(line(label, clients, results[key][clients]));
      }
    }

    const cases = app.get(CasesService);
    const principal = await app.get(AuthService).login('vanson.social_worker', DEMO_PASSWORD, { ip: '127.0.0.1', userAgent: null });
    if (!('accessToken' in principal)) throw new Error('The demo social worker must sign in without two-step verification');
    const p = await app.get(AuthService).verify(principal.accessToken);
    const cipher = app.get(FieldCipher);
    const sealOnce = cipher.sealOnce.bind(cipher);
    for (const clients of only && only !== 'engine' ? [] : levels) {
      for (const [key, label] of [['engine', 'engine'], ['clear', 'eng. clear']] as const) {
        // The comparison only: the note stored clear, as before field encryption.
        cipher.sealOnce = key === 'clear' ? async (value: string) => value : sealOnce;
        results[key][clients] = await observed(() => measure(clients, seconds, async (c, i) => {
          const id = caseFor(ids, clients, c, i);
          const view = await cases.sendEvent(p, id, { type: 'ADD_NOTE', data: { text: 'ghi chú' }, expectedVersion: versions.get(id)! });
          versions.set(id, view.version);
        }));
        console.log(line(label, clients, results[key][clients]));
      }
      cipher.sealOnce = sealOnce;
      console.log(`    sealed/clear ADD_NOTE throughput at ${clients} clients: ${fmt((100 * results.engine[clients].tps) / results.clear[clients].tps, 0)}%`);
    }
    if (!only || only === 'engine') {
      // The sealing alone, on one core: what the difference above is made of.
      const n = 20_000;
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) await cipher.seal('ghi chú', 'case_events.text');
      console.log(`  sealing one note alone: ${fmt(Number(process.hrtime.bigint() - t0) / 1e3 / n, 1)} µs (${n} seals)`);
    }

    for (const clients of only && only !== 'http' ? [] : levels) {
      const load: HttpLoad = { port, token: principal.accessToken, clients, seconds, ids, versions: [...versions] };
      const worker = new Worker(__filename, { workerData: load });
      // The worker first loads its modules, then says 'start': usage is observed from then on.
      await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
      let done!: HttpLoadResult;
      results.http[clients] = await observed(async () => {
        done = await new Promise<HttpLoadResult>((resolve, reject) => worker.once('message', resolve).once('error', reject));
        return done.result;
      });
      for (const [id, v] of done.versions) versions.set(id, v);
      if (done.failures) throw new Error(`${done.failures} HTTP requests failed`);
      console.log(line('HTTP', clients, results.http[clients]));
    }

    if (only) return;
    const best = (m: Record<number, Result>) => Math.max(...Object.values(m).map((r) => r.tps));
    const pct = (a: number, b: number) => `${fmt((100 * a) / b, 0)}%`;
    const raw = best(results.raw);
    console.log('  ratios to the raw ceiling (a), best of each path:');
    console.log(`    engine/raw = ${pct(best(results.engine), raw)}   HTTP/raw = ${pct(best(results.http), raw)}`);
    for (const clients of levels) {
      console.log(`    at ${String(clients).padStart(2)} clients: engine/raw ${pct(results.engine[clients].tps, results.raw[clients].tps)}, HTTP/raw ${pct(results.http[clients].tps, results.raw[clients].tps)}`);
    }
    const piped = best(results.pipelined);
    console.log(`  against the pipelined ceiling, for reference: engine ${pct(best(results.engine), piped)}, HTTP ${pct(best(results.http), piped)}`);
  } finally {
    await setup.end();
    await app.close();
    await db.drop();
    await db.infra.stop();
  }
}

if (isMainThread) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  parentPort!.postMessage('start');
  httpLoad(workerData as HttpLoad).then((r) => parentPort!.postMessage(r));
}
