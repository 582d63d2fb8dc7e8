/**
 * `npm run bench:audit [-- --rows=10000000 --since=1000 --runs=50 --rounds=5 --reads=200 --keep --reuse]`
 *
 * Builds its own database (`baove_bench_audit`, migrated and demo-seeded) and fills `audit_log`
 * with `rows` entries already sealed into the KEYED chain, generated in SQL: batches of
 * `INSERT … SELECT generate_series`, each row's hash computed by a window aggregate over pgcrypto's
 * `hmac(prev || '\n' || canonical, AUDIT_HMAC_KEY, 'sha256')` (set-based, one pass per batch, the
 * next batch starting from the last hash). A signed checkpoint is then written `since` rows before
 * the head (as the worker's checkpoint job would have), in a checkpoint folder of its own.
 *
 * Measured:
 * 1. the incremental verification (`GET /audit/verify`'s work: seal, read the newest checkpoint,
 *    check its row, recompute the `since` rows after it): p50/p95/max over `runs` calls;
 * 2. case reads (`GET /api/v1/cases/:id` through the HTTP app, API and worker in one process as
 *    `npm start` runs them), `rounds` times a window of `reads` reads alone, then a full verification
 *    of the whole chain started in the worker (`POST /audit/verify/full`) and a window of as many
 *    reads while it walks (its progress printed before and after); p50/p95 of each kind of window
 *    and their ratio, and the full verification's rate.
 * The generation and the incremental verification run with no worker in the process (its checkpoint
 * job would otherwise take its first checkpoint, from the chain's start, meanwhile); the case reads
 * run in a second app with the worker, as `npm start` runs.
 * `--keep` leaves the database in place; otherwise it is dropped at the end. `--reuse` takes the
 * database a `--keep` run left, when it holds at least `rows` sealed entries, instead of generating.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../src/app';
import { AuditService } from '../src/audit/audit.service';
import { DEMO_PASSWORD } from '../src/schema/seed';
import { loadConfig } from '../src/config/config';
import { resolveInfrastructure } from '../src/database/bootstrap';
import { arg, benchDatabase, fmt, percentile } from './support';

const NAME = 'baove_bench_audit';

/** The database a `--keep` run left, if it holds at least `rows` sealed entries. */
async function reusable(rows: number) {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const infra = await resolveInfrastructure(config, (m) => console.error(m));
  const url = new URL(infra.databaseUrl);
  url.pathname = `/${NAME}`;
  const c = new Client({ connectionString: url.toString() });
  try {
    await c.connect();
    const [{ n }] = (await c.query(`SELECT COALESCE(max(seq), 0)::bigint AS n FROM audit_log`)).rows;
    if (Number(n) >= rows) return { config, infra, url: url.toString(), drop: async () => undefined };
  } catch {
    // no such database: generate
  } finally {
    await c.end().catch(() => undefined);
  }
  await infra.stop();
  return undefined;
}

const GENESIS = '0'.repeat(64);
const BATCH = 500_000;

async function main(): Promise<void> {
  const rows = arg('rows', 10_000_000);
  const since = arg('since', 1000);
  const runs = arg('runs', 50);
  const reads = arg('reads', 200);
  const rounds = arg('rounds', 5);
  const keep = process.argv.includes('--keep');
  const checkpointDir = mkdtempSync(join(tmpdir(), 'baove-bench-audit-'));
  process.env.AUDIT_CHECKPOINT_DIR = checkpointDir;
  const reused = process.argv.includes('--reuse') ? await reusable(rows) : undefined;
  const { config, infra, url, drop } = reused ?? await benchDatabase(NAME);
  const pg = new Client({ connectionString: url });
  await pg.connect();
  let app = await createApp({ config, databaseUrl: url, redisUrl: infra.redisUrl, worker: false, poolSize: 10 });
  await app.init();
  try {
    let audit = app.get(AuditService);
    await audit.seal();
    console.log(`bench:audit — ${rows.toLocaleString('en')} audit rows, checkpoint ${since.toLocaleString('en')} rows before the head`);
    async function generate(): Promise<void> {
      // 1. The keyed chain, generated in SQL.
      const started = Date.now();
      await pg.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
      await pg.query(`CREATE FUNCTION bench_chain_step(state text, canonical text, key text, start text) RETURNS text
        LANGUAGE sql IMMUTABLE AS $$ SELECT encode(hmac(COALESCE(state, start) || E'\\n' || canonical, key, 'sha256'), 'hex') $$`);
      await pg.query(`CREATE AGGREGATE bench_chain(text, text, text) (SFUNC = bench_chain_step, STYPE = text)`);
      const key = config.audit.hmacKey.toString('utf8');
      const [{ id: baseId, seq: baseSeq, hash: baseHash }] = (await pg.query(
        `SELECT COALESCE(max(id), 0)::bigint AS id, COALESCE(max(seq), 0)::bigint AS seq,
                COALESCE((SELECT hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1), $1) AS hash FROM audit_log`, [GENESIS])).rows;
      const [{ caseId }] = (await pg.query(`SELECT gen_random_uuid() AS "caseId"`)).rows;
      let prev = baseHash as string;
      for (let done = 0; done < rows; done += BATCH) {
        const n = Math.min(BATCH, rows - done);
        const first = Number(baseId) + done + 1;
        const firstSeq = Number(baseSeq) + done + 1;
        const res = await pg.query(`
          WITH base AS (
            SELECT $1::bigint + g AS id, $2::bigint + g AS seq,
                   timestamptz '2026-01-01' + (g + $6::bigint) * interval '3 seconds' AS occurred_at,
                   NULL::uuid AS actor_id, (ARRAY['social_worker','supervisor','chair','auditor'])[1 + (g % 4)] AS actor_role,
                   (ARRAY['read','case.read','case.ADD_NOTE','case.search'])[1 + (g % 4)] AS action,
                   CASE WHEN g % 3 = 0 THEN $3::uuid END AS case_id, 'case'::text AS entity, (g % 1000)::text AS entity_id,
                   jsonb_build_object('route', 'GET /api/v1/cases/:id', 'status', 200) AS details,
                   jsonb_build_object('ip', '10.0.' || (g % 250) || '.1', 'userAgent', 'bench', 'basis', jsonb_build_object('rule', 'commune_jurisdiction')) AS access
              FROM generate_series(0, $4::bigint - 1) AS g),
          chained AS (
            SELECT *, bench_chain(jsonb_build_array(id, seq, occurred_at, actor_id, actor_role, action, case_id, entity, entity_id, details, access)::text, $5, $7)
                        OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS hash
              FROM base)
          INSERT INTO audit_log (id, occurred_at, actor_id, actor_role, action, case_id, entity, entity_id, details, access, seq, prev_hash, hash)
          SELECT id, occurred_at, actor_id, actor_role, action, case_id, entity, entity_id, details, access, seq,
                 COALESCE(lag(hash) OVER (ORDER BY seq), $7), hash
            FROM chained`,
        [first, firstSeq, caseId, n, key, done, prev]);
        if (res.rowCount !== n) throw new Error(`inserted ${res.rowCount} rows, not ${n}`);
        prev = (await pg.query(`SELECT hash FROM audit_log WHERE seq = $1`, [firstSeq + n - 1])).rows[0].hash;
        process.stdout.write(`\r  generated ${(done + n).toLocaleString('en')} rows in ${fmt((Date.now() - started) / 1000)} s`);
      }
      await pg.query(`SELECT setval(pg_get_serial_sequence('audit_log', 'id'), (SELECT max(id) FROM audit_log))`);
      await pg.query(`DROP AGGREGATE bench_chain(text, text, text)`);
      await pg.query(`DROP FUNCTION bench_chain_step(text, text, text, text)`);
      await pg.query(`VACUUM ANALYZE audit_log`);
      const [{ total, size }] = (await pg.query(`SELECT max(seq)::bigint AS total, pg_size_pretty(pg_total_relation_size('audit_log')) AS size FROM audit_log`)).rows;
      console.log(`\n  audit_log: ${Number(total).toLocaleString('en')} sealed rows, ${size}, generated in ${fmt((Date.now() - started) / 1000)} s`);
    }
    if (!reused) await generate();
    await audit.seal();

    // A checkpoint `since` rows before the head, as the checkpoint job writes them.
    const [{ total }] = (await pg.query(`SELECT max(seq)::bigint AS total FROM audit_log`)).rows;
    const at = Number(total) - since;
    const [{ hash: atHash }] = (await pg.query(`SELECT hash FROM audit_log WHERE seq = $1`, [at])).rows;
    audit.checkpoints.append(audit.signer.sign(at, atHash, new Date().toISOString()));

    // 2. Incremental verification.
    const first = await audit.verify();
    if (!first.ok || first.checked !== since) throw new Error(`the generated chain does not verify: ${JSON.stringify(first)}`);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      const v = await audit.verify();
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (!v.ok) throw new Error(JSON.stringify(v));
    }
    times.sort((a, b) => a - b);
    console.log(`  incremental verify (${since.toLocaleString('en')} rows since the checkpoint, ${runs} runs): `
      + `p50 ${fmt(percentile(times, 50))} ms, p95 ${fmt(percentile(times, 95))} ms, max ${fmt(times[times.length - 1])} ms`);

    // 3. Case reads alone, then during a full verification: API and worker in one process, as `npm start`.
    await app.close();
    app = await createApp({ config, databaseUrl: url, redisUrl: infra.redisUrl, worker: true, poolSize: 10 });
    await app.init();
    audit = app.get(AuditService);
    const http = request(app.getHttpServer());
    const login = async (username: string) => `Bearer ${(await http.post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD })).body.accessToken}`;
    const worker = await login('vanson.social_worker');
    const auditor = await login('vanson.auditor');
    const filed = await http.post('/api/v1/intake').set('Authorization', worker).send({
      channel: 'hotline_111', externalRef: `bench-audit-${Date.now()}`, receivedAt: new Date().toISOString(), communeCode: 'van-son',
      reporter: { anonymous: true }, child: { fullName: 'Nguyễn Thị Lan', sex: 'female', dateOfBirth: '2015-04-01' },
      incident: { types: ['physical_violence'], description: 'Trẻ bị đánh' }, immediateDanger: false,
    });
    if (filed.status !== 201) throw new Error(`intake: ${filed.status} ${JSON.stringify(filed.body)}`);
    const caseId2 = filed.body.case.id;
    const readOnce = async () => {
      const t0 = process.hrtime.bigint();
      const res = await http.get(`/api/v1/cases/${caseId2}`).set('Authorization', worker);
      if (res.status !== 200) throw new Error(`case read: ${res.status}`);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    for (let i = 0; i < 20; i++) await readOnce();
    const window = async () => {
      const times: number[] = [];
      for (let i = 0; i < reads; i++) times.push(await readOnce());
      return times.sort((x, y) => x - y);
    };
    type Job = { state: string; progress: { checked: number; total: number }; result: { ok: boolean; checked: number } | null };
    const jobState = async (id: string): Promise<Job> => (await http.get(`/api/v1/audit/verify/full/${id}`).set('Authorization', auditor)).body;
    const rowsOf = (p: Job['progress']) => `${p.checked.toLocaleString('en')}/${p.total.toLocaleString('en')}`;
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

    // `rounds` times: a window of `reads` case reads with no verification running, then a full
    // verification started and, once it walks the chain, a window of as many reads, its progress
    // read before and after: a "during" window counts only if the walk was under way throughout.
    // Interleaved, so the shared machine's changing load weighs on both kinds of window alike.
    const alone: number[] = [];
    const during: number[] = [];
    const rates: number[] = [];
    let checked = 0;
    console.log(`  case reads GET /cases/:id, API and worker in one process: ${rounds} rounds of ${reads} reads alone, then ${reads} during a full verify`);
    for (let round = 1; round <= rounds; round++) {
      const a = await window();
      const started = Date.now();
      const job = await http.post('/api/v1/audit/verify/full').set('Authorization', auditor);
      if (job.status !== 202) throw new Error(`full verify: ${job.status}`);
      let state = await jobState(job.body.id);
      while (state.state === 'waiting' || (state.state === 'active' && state.progress.checked === 0)) {
        await wait(20);
        state = await jobState(job.body.id);
      }
      if (state.state !== 'active') throw new Error(`the full verify ended before the window: ${JSON.stringify(state)}`);
      const before = state.progress;
      const d = await window();
      state = await jobState(job.body.id);
      const throughout = state.state === 'active' && state.progress.checked > before.checked && state.progress.checked < state.progress.total;
      console.log(`    round ${round}: alone p50 ${fmt(percentile(a, 50))} / p95 ${fmt(percentile(a, 95))} ms; during p50 ${fmt(percentile(d, 50))} / p95 `
        + `${fmt(percentile(d, 95))} ms while the verify walked ${rowsOf(before)} → ${rowsOf(state.progress)} rows`
        + `${throughout ? '' : ` (${state.state}: not throughout, window left out)`}`);
      alone.push(...a);
      if (throughout) during.push(...d);
      while (state.state !== 'completed' && state.state !== 'failed') {
        await wait(1000);
        state = await jobState(job.body.id);
      }
      if (!state.result?.ok) throw new Error(`the full verification failed: ${JSON.stringify(state)}`);
      checked = state.result.checked;
      rates.push(checked / ((Date.now() - started) / 1000));
    }
    alone.sort((a, b) => a - b);
    during.sort((a, b) => a - b);
    const ratio = (p: number) => fmt(percentile(during, p) / percentile(alone, p), 2);
    console.log(`  full verification: ${checked.toLocaleString('en')} rows, ok each time, ${rates.map((r) => Math.round(r).toLocaleString('en')).join(', ')} rows/s`);
    console.log('  case read GET /cases/:id     alone (baseline)   during a full verify   during/alone');
    console.log(`    p50                        ${fmt(percentile(alone, 50)).padStart(8)} ms      ${fmt(percentile(during, 50)).padStart(8)} ms          ${ratio(50)}`);
    console.log(`    p95                        ${fmt(percentile(alone, 95)).padStart(8)} ms      ${fmt(percentile(during, 95)).padStart(8)} ms          ${ratio(95)}`);
    console.log(`    reads                      ${String(alone.length).padStart(8)}         ${String(during.length).padStart(8)}`);
  } finally {
    await app.close();
    await pg.end();
    rmSync(checkpointDir, { recursive: true, force: true });
    if (!keep) await drop();
    await infra.stop();
  }
}

main().then(() => process.exit(0), (e: Error) => {
  console.error(e);
  process.exit(1);
});
