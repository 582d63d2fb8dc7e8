/**
 * `npm run bench:notify [-- --n=1000 --window=60 --lead=20]`
 *
 * From a deadline breach to the e-mail accepted by an SMTP server: N deadlines fall due within a
 * window (production path: deadline rows + outbox → timers → firing through the engine → the
 * breach's urgent notification → outbox → delivery row → BullMQ send → nodemailer → smtp-server
 * started here). One worker process (dist/src/worker.js). The baseline, measured in the same run
 * on its own database, is the same scenario with no channel configured (in-app only): the breach
 * itself, due → breached_at. Prints p50/p99/max of each; the target is p99 < 5 s due → accepted.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import Redis from 'ioredis';
import { initialTransition } from 'xstate';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { getWorkflow, CASE_WORKFLOW } from '../workflows';
import { deleteKeysWithPrefix } from '../src/common/redis-keys';
import { outboxMessages } from '../src/outbox/outbox-messages';
import { arg, benchDatabase, fmt, percentile } from './support';

const WORKER = join(__dirname, '..', 'src', 'worker.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function smtpServer(): Promise<{ url: string; accepted: Map<string, number>; close(): Promise<void> }> {
  const accepted = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => { if (head.length < 4096) head += c.toString('latin1'); });
      stream.on('end', () => {
        const code = /BENCH-\d+/.exec(head)?.[0];
        if (code && !accepted.has(code)) accepted.set(code, Date.now());
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, accepted, close: () => new Promise((r) => server.close(() => r())) };
}

async function scenario(label: string, withEmail: boolean): Promise<void> {
  const n = arg('n', 1000);
  const windowS = arg('window', 60);
  const leadS = arg('lead', 20);
  const prefix = `benchnt${Date.now().toString(36)}`;
  const db = await benchDatabase('baove_bench_notify');
  const redis = new Redis(db.infra.redisUrl);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const smtp = await smtpServer();
  let worker: ChildProcess | undefined;
  try {
    console.log(`bench:notify [${label}] — ${n} breaches due within ${windowS}s, ${withEmail ? 'each e-mailed to the commune supervisor' : 'in-app only'}`);
    const def = getWorkflow(CASE_WORKFLOW, 1);
    const [snap] = initialTransition(def.machine, { immediateDanger: false });
    const stored = JSON.stringify({ value: String(snap.value), context: snap.context });
    const [{ creator }] = (await pg.query(`SELECT id AS creator FROM users WHERE username = 'vanson.social_worker'`)).rows;
    if (withEmail) {
      await pg.query(`INSERT INTO user_contacts (user_id, kind, value, verified_at, updated_at) SELECT id, 'email', 'supervisor@vanson.bench', now(), now() FROM users WHERE username = 'vanson.supervisor'`);
    }
    const [{ child }] = (await pg.query(
      `INSERT INTO children (full_name, sex, residence_commune_code, province_code) VALUES ('Trẻ Thử', 'female', 'van-son', 'thanh-hoa') RETURNING id AS child`)).rows;
    const spec = def.deadlines.initial_assessment;
    const t0 = Date.now() + leadS * 1000;
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
    const messages = deadlines.map((d) => outboxMessages.timer(d, 0, d.due_at));
    await pg.query(`INSERT INTO outbox (topic, payload) SELECT t, p FROM unnest($1::text[], $2::jsonb[]) AS m(t, p)`,
      [messages.map((m) => m.topic), messages.map((m) => JSON.stringify(m.payload))]);
    await pg.query('COMMIT');
    worker = spawn(process.execPath, [WORKER], {
      env: {
        PATH: process.env.PATH, NODE_ENV: 'development', LOG_LEVEL: 'warn', SEED_DEMO: 'false', DATABASE_URL: db.url, REDIS_URL: db.infra.redisUrl,
        QUEUE_PREFIX: prefix, OUTBOX_POLL_MS: '50', RECONCILE_INTERVAL_MS: '60000', ...(withEmail ? { SMTP_URL: smtp.url } : {}),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const until = t0 + windowS * 1000 + 120_000;
    for (;;) {
      const { rows: [{ left }] } = await pg.query(`SELECT count(*)::int AS left FROM deadlines WHERE status = 'pending'`);
      if ((left === 0 && (!withEmail || smtp.accepted.size >= n)) || Date.now() > until) break;
      await sleep(500);
    }
    const { rows } = await pg.query(
      `SELECT c.code, extract(epoch FROM d.due_at) * 1000 AS due, extract(epoch FROM d.breached_at) * 1000 AS breached
         FROM deadlines d JOIN cases c ON c.id = d.case_id WHERE d.status = 'breached'`,
    );
    const breach = rows.map((r: { due: string; breached: string }) => Number(r.breached) - Number(r.due)).sort((a, b) => a - b);
    console.log(`  breached ${breach.length}/${n}; due → breached: p50 ${fmt(percentile(breach, 50), 0)} ms, p99 ${fmt(percentile(breach, 99), 0)} ms, max ${fmt(breach[breach.length - 1], 0)} ms`);
    if (withEmail) {
      const dueByCode = new Map(rows.map((r: { code: string; due: string }) => [r.code, Number(r.due)]));
      const mail = [...smtp.accepted].flatMap(([code, at]) => (dueByCode.has(code) ? [at - dueByCode.get(code)!] : [])).sort((a, b) => a - b);
      const p99 = percentile(mail, 99);
      console.log(`  e-mails accepted by the SMTP server: ${mail.length}/${n}; due → accepted: p50 ${fmt(percentile(mail, 50), 0)} ms, p99 ${fmt(p99, 0)} ms, max ${fmt(mail[mail.length - 1], 0)} ms — target p99 < 5000 ms: ${p99 < 5000 && mail.length === n ? 'met' : 'NOT met'}`);
    }
  } finally {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await once(worker, 'exit');
    }
    await smtp.close();
    await pg.end();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
    await db.drop();
    await db.infra.stop();
  }
}

async function main(): Promise<void> {
  await scenario('baseline: in-app only', false);
  await scenario('this build: e-mail over SMTP', true);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
