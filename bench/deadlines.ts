/**
 * `npm run bench:deadlines [-- --n=100000 --window=600 --lead=90]`
 *
 * Schedules N deadlines due uniformly within a window, through the production path (deadline rows
 * + outbox → relay → BullMQ delayed jobs), runs a worker, and prints:
 * - time to arm the timers and Redis memory per pending deadline;
 * - firing lateness (breached_at − due_at) p50/p99/max, and firing throughput.
 * Uses its own database and Redis key prefix; removes both at the end.
 */
import 'reflect-metadata';
import Redis from 'ioredis';
import { initialTransition } from 'xstate';
import { Client } from 'pg';
import { createWorker } from '../src/app';
import { getWorkflow, CASE_WORKFLOW } from '../workflows';
import { deleteKeysWithPrefix } from '../src/common/redis-keys';
import { arg, benchDatabase, fmt, percentile } from './support';

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

async function main(): Promise<void> {
  const n = arg('n', 100_000);
  const windowS = arg('window', 600);
  const leadS = arg('lead', 90);
  const prefix = `benchdl${Date.now().toString(36)}`;
  const db = await benchDatabase('baove_bench_deadlines');
  const redis = new Redis(db.infra.redisUrl);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  try {
    console.log(`bench:deadlines — ${n} deadlines due within ${windowS}s, starting ${leadS}s from now`);
    const def = getWorkflow(CASE_WORKFLOW, 1);
    const [snap] = initialTransition(def.machine, { immediateDanger: false });
    const stored = JSON.stringify({ value: String(snap.value), context: snap.context });
    const [{ creator }] = (await pg.query(`SELECT id AS creator FROM users WHERE username = 'vanson.social_worker'`)).rows;
    const spec = def.deadlines.initial_assessment;
    const t0 = Date.now() + leadS * 1000;
    const insertStart = Date.now();
    await pg.query('BEGIN');
    await pg.query(
      `INSERT INTO cases (code, commune_code, workflow, workflow_version, state, snapshot, version, channel, received_at,
                          immediate_danger, abuse_types, incident, created_by, created_at, updated_at)
       SELECT 'BENCH-' || g, 'van-son', $1, 1, 'received', $2::jsonb, 1, 'hotline_111', now(), false, '{neglect}', '{}', $3, now(), now()
         FROM generate_series(1, $4) AS g`,
      [CASE_WORKFLOW, stored, creator, n],
    );
    await pg.query(
      `INSERT INTO deadlines (case_id, key, title_vi, title_en, rule, legal_basis, starts_at, due_at, status, created_at)
       SELECT id, $1, $2, $3, $4, $5, now(), to_timestamp($6 / 1000.0 + random() * $7), 'pending', now() FROM cases`,
      [spec.key, spec.titleVi, spec.titleEn, JSON.stringify(spec.rule), spec.legalBasis, t0, windowS],
    );
    await pg.query(
      `INSERT INTO outbox (topic, payload)
       SELECT 'deadline.timer', jsonb_build_object('deadlineId', id, 'level', 0, 'at', to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                                   'caseId', case_id, 'handoffId', handoff_id, 'key', key)
         FROM deadlines ORDER BY due_at`,
    );
    await pg.query('COMMIT');
    console.log(`  inserted ${n} cases + deadlines + outbox rows in ${fmt((Date.now() - insertStart) / 1000)} s`);

    const memBefore = await usedMemory(redis);
    const worker = await createWorker({
      config: { ...db.config, queuePrefix: prefix, outboxPollMs: 50, workerConcurrency: 16, reconcileIntervalMs: 60_000 },
      databaseUrl: db.url, redisUrl: db.infra.redisUrl, poolSize: 20,
    });
    await worker.init();
    const armStart = Date.now();
    for (;;) {
      const { rows: [{ left }] } = await pg.query(`SELECT count(*)::int AS left FROM outbox WHERE processed_at IS NULL`);
      if (left === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const armS = (Date.now() - armStart) / 1000;
    const memAfter = await usedMemory(redis);
    console.log(`  armed ${n} timers through the outbox relay in ${fmt(armS)} s (${fmt(n / armS, 0)}/s)`);
    console.log(`  Redis memory per pending deadline: ${fmt((memAfter - memBefore) / n, 0)} bytes (${fmt((memAfter - memBefore) / 1048576)} MiB in all)`);
    if (Date.now() > t0) console.log('  note: arming outlasted the lead time; the first deadlines fired late because of it (raise --lead)');

    const deadline = t0 + windowS * 1000 + 600_000;
    for (;;) {
      const { rows: [{ left }] } = await pg.query(`SELECT count(*)::int AS left FROM deadlines WHERE status = 'pending'`);
      if (left === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const { rows } = await pg.query(
      `SELECT extract(epoch FROM breached_at - due_at) * 1000 AS late FROM deadlines WHERE status = 'breached' ORDER BY 1`,
    );
    const late = rows.map((r: { late: string }) => Number(r.late));
    const { rows: [{ first, last }] } = await pg.query(`SELECT min(breached_at) AS first, max(breached_at) AS last FROM deadlines WHERE status = 'breached'`);
    await worker.close();
    console.log(`  fired ${late.length}/${n} (each a DEADLINE_EXPIRED transition through the engine, with notifications)`);
    console.log(`  firing lateness: p50 ${fmt(percentile(late, 50), 0)} ms, p99 ${fmt(percentile(late, 99), 0)} ms, max ${fmt(late[late.length - 1], 0)} ms`);
    console.log(`  firing throughput: ${fmt(late.length / Math.max(1, (new Date(last).getTime() - new Date(first).getTime()) / 1000), 0)} deadlines/s over the window`);
  } finally {
    await pg.end();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
    await db.drop();
    await db.infra.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
