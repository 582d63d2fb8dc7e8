/**
 * `npm run bench:deadlines [-- --n=100000 --window=600 --lead=90 --workers=1 --concurrency=16 --compare=<worker.js>]`
 *
 * Schedules N deadlines due uniformly within a window, through the production path (deadline rows
 * + outbox → relay → BullMQ delayed jobs), runs `--workers` worker processes (the built
 * `dist/src/worker.js`), and prints:
 * - time to arm the timers and Redis memory per pending deadline;
 * - firing lateness (breached_at − due_at) p50/p99/max, firing throughput, and how many
 *   deadlines each worker process fired.
 * `--compare=<path of another build's worker.js>` first runs the same scenario on that build
 * (e.g. a baseline commit built into another folder), so both sets of figures come from one run.
 * Each scenario uses its own database and Redis key prefix and removes both at the end.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import Redis from 'ioredis';
import { initialTransition } from 'xstate';
import { Client } from 'pg';
import { getWorkflow, CASE_WORKFLOW } from '../workflows';
import { deleteKeysWithPrefix } from '../src/common/redis-keys';
import { outboxMessages } from '../src/outbox/outbox-messages';
import { arg, benchDatabase, fmt, percentile } from './support';

const CURRENT_WORKER = join(__dirname, '..', 'src', 'worker.js');

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface WorkerProcess {
  child: ChildProcess;
  /** Deadline firings this process reported at shutdown (undefined: its build does not report them). */
  fired: Promise<number | undefined>;
}

/** A worker process; it logs how many jobs it processed when SIGTERM closes it. */
function startWorker(script: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const fired = new Promise<number | undefined>((done) => {
    let n: number | undefined;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('jobs processed by this worker')) return;
      const processed = (JSON.parse(line) as { processed: Record<string, number> }).processed;
      n = processed.fire ?? 0;
    }).on('close', () => done(n));
  });
  return { child, fired };
}

async function scenario(label: string, workerScript: string): Promise<void> {
  const n = arg('n', 100_000);
  const windowS = arg('window', 600);
  const leadS = arg('lead', 90);
  const workers = arg('workers', 1);
  const concurrency = arg('concurrency', 16);
  const prefix = `benchdl${Date.now().toString(36)}`;
  const db = await benchDatabase('baove_bench_deadlines');
  const redis = new Redis(db.infra.redisUrl);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const running: WorkerProcess[] = [];
  try {
    console.log(`bench:deadlines [${label}: ${workerScript}] — ${n} deadlines due within ${windowS}s, starting ${leadS}s from now, ` +
      `${workers} worker process(es), WORKER_CONCURRENCY=${concurrency}`);
    const def = getWorkflow(CASE_WORKFLOW, 1);
    const [snap] = initialTransition(def.machine, { immediateDanger: false });
    const stored = JSON.stringify({ value: String(snap.value), context: snap.context });
    const [{ creator }] = (await pg.query(`SELECT id AS creator FROM users WHERE username = 'vanson.social_worker'`)).rows;
    const [{ child }] = (await pg.query(
      `INSERT INTO children (full_name, sex, residence_commune_code, province_code) VALUES ('Trẻ Thử', 'female', 'van-son', 'thanh-hoa') RETURNING id AS child`)).rows;
    const spec = def.deadlines.initial_assessment;
    const t0 = Date.now() + leadS * 1000;
    const insertStart = Date.now();
    await pg.query('BEGIN');
    await pg.query(
      `INSERT INTO cases (code, commune_code, workflow, workflow_version, state, snapshot, version, channel, received_at,
                          immediate_danger, abuse_types, incident, created_by, created_at, updated_at, child_id, incident_commune_code)
       SELECT 'BENCH-' || g, 'van-son', $1, 1, 'received', $2::jsonb, 1, 'hotline_111', now(), false, '{neglect}', '{}', $3, now(), now(), $5, 'van-son'
         FROM generate_series(1, $4) AS g`,
      [CASE_WORKFLOW, stored, creator, n, child],
    );
    const { rows: deadlines } = await pg.query(
      `INSERT INTO deadlines (case_id, key, title_vi, title_en, rule, legal_basis, starts_at, due_at, status, created_at)
       SELECT id, $1, $2, $3, $4, $5, now(), to_timestamp($6 / 1000.0 + random() * $7), 'pending', now() FROM cases
       RETURNING id, case_id, handoff_id, key, due_at`,
      [spec.key, spec.titleVi, spec.titleEn, JSON.stringify(spec.rule), spec.legalBasis, t0, windowS],
    );
    deadlines.sort((a, b) => a.due_at.getTime() - b.due_at.getTime());
    const messages = deadlines.map((d) => outboxMessages.timer(d, 0, d.due_at));
    await pg.query(
      `INSERT INTO outbox (topic, payload) SELECT t, p FROM unnest($1::text[], $2::jsonb[]) WITH ORDINALITY AS m(t, p, i) ORDER BY i`,
      [messages.map((m) => m.topic), messages.map((m) => JSON.stringify(m.payload))],
    );
    await pg.query('COMMIT');
    console.log(`  inserted ${n} cases + deadlines + outbox rows in ${fmt((Date.now() - insertStart) / 1000)} s`);

    const memBefore = await usedMemory(redis);
    const env = {
      NODE_ENV: 'development', LOG_LEVEL: 'info', SEED_DEMO: 'false',
      DATABASE_URL: db.url, REDIS_URL: db.infra.redisUrl, QUEUE_PREFIX: prefix,
      OUTBOX_POLL_MS: '50', WORKER_CONCURRENCY: String(concurrency), RECONCILE_INTERVAL_MS: '60000',
    };
    for (let i = 0; i < workers; i++) running.push(startWorker(workerScript, env));
    const armStart = Date.now();
    for (;;) {
      const { rows: [{ left }] } = await pg.query(`SELECT count(*)::int AS left FROM outbox WHERE processed_at IS NULL`);
      if (left === 0) break;
      await sleep(250);
    }
    const armS = (Date.now() - armStart) / 1000;
    const memAfter = await usedMemory(redis);
    console.log(`  armed ${n} timers through the outbox relay in ${fmt(armS)} s (${fmt(n / armS, 0)}/s, including the workers' start)`);
    console.log(`  Redis memory per pending deadline: ${fmt((memAfter - memBefore) / n, 0)} bytes (${fmt((memAfter - memBefore) / 1048576)} MiB in all)`);
    if (Date.now() > t0) console.log('  note: arming outlasted the lead time; the first deadlines fired late because of it (raise --lead)');

    const deadline = t0 + windowS * 1000 + 600_000;
    for (;;) {
      const { rows: [{ left }] } = await pg.query(`SELECT count(*)::int AS left FROM deadlines WHERE status = 'pending'`);
      if (left === 0 || Date.now() > deadline) break;
      await sleep(1000);
    }
    const { rows } = await pg.query(
      `SELECT extract(epoch FROM breached_at - due_at) * 1000 AS late FROM deadlines WHERE status = 'breached' ORDER BY 1`,
    );
    const late = rows.map((r: { late: string }) => Number(r.late));
    const { rows: [{ first, last }] } = await pg.query(`SELECT min(breached_at) AS first, max(breached_at) AS last FROM deadlines WHERE status = 'breached'`);
    for (const w of running) w.child.kill('SIGTERM');
    const perWorker = await Promise.all(running.map((w) => w.fired));
    console.log(`  fired ${late.length}/${n} (each a DEADLINE_EXPIRED transition through the engine, with notifications)`);
    console.log(`  firing lateness: p50 ${fmt(percentile(late, 50), 0)} ms, p99 ${fmt(percentile(late, 99), 0)} ms, max ${fmt(late[late.length - 1], 0)} ms`);
    console.log(`  firing throughput: ${fmt(late.length / Math.max(1, (new Date(last).getTime() - new Date(first).getTime()) / 1000), 0)} deadlines/s over the window`);
    console.log(`  fired per worker process (timer jobs; the reconciler fires the rest): ${perWorker.map((f) => f ?? 'n/a').join(', ')}`);
  } finally {
    for (const w of running) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await Promise.all(running.map((w) => (w.child.exitCode === null && w.child.signalCode === null ? once(w.child, 'exit') : undefined)));
    await pg.end();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
    await db.drop();
    await db.infra.stop();
  }
}

async function main(): Promise<void> {
  const compare = process.argv.find((a) => a.startsWith('--compare='))?.split('=')[1];
  if (compare) await scenario('baseline', resolve(compare));
  await scenario('this build', CURRENT_WORKER);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
