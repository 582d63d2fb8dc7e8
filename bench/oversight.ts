/**
 * `npm run bench:oversight [-- --cases=1000000 --runs=50 --keep --reuse]`
 *
 * Builds its own database (`baove_bench_oversight`) shaped like the whole country — 34 provinces,
 * 3,321 communes — and loads N cases received over the last five years with the histories the
 * workflow leaves (`INSERT ... SELECT generate_series`): state changes in `case_events`, the case
 * and handoff deadlines met on time, met late, breached or cancelled, handoffs to the commune's
 * police and health station. Most cases run their course; some stall at a stage and stay late.
 * Cases crowd into a few communes (the first commune takes ~1.7 % of them, the first province
 * ~17 %), so the busiest commune and province are the ones timed. The bulk load bypasses triggers,
 * so `case_facts`, `handoff_facts`, `deadline_facts` and `stay_facts` (what the figures read) are then filled by the migrations'
 * own backfills. Then VACUUM ANALYZE, and the overdue board, the SLA figures and the report
 * statistics of the year are timed through the services, each `runs` times after a warm-up, for
 * the busiest commune's supervisor and the busiest province's supervisor — first on the old path
 * (the baseline: each case's and handoff's facts computed from its deadlines and events on every
 * read, the views `case_facts_source`, `handoff_facts_source`, `deadline_facts_source` and
 * `stay_facts_source`), then on the new one (the tables), printing both, whether both paths gave the
 * same figures, and whether the targets hold (province SLA p95 < 200 ms, statistics < 1 s).
 * `--keep` leaves the database in place (for EXPLAIN); otherwise it is dropped at the end.
 * `--reuse` times a database an earlier `--keep` left, after running the migrations it lacks (as a
 * deployment would, backfills included), instead of loading a new one.
 *
 * Working-day deadlines are approximated by calendar days here: the figures' shape, not the
 * business calendar, is what the timing depends on.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { CASE_WORKFLOW, getWorkflow, HANDOFF_WORKFLOW } from '../workflows';
import { loadConfig } from '../src/config/config';
import type { Clock } from '../src/common/clock';
import { Db } from '../src/database/db';
import { createDataSource } from '../src/schema/data-source';
import { localDate } from '../src/deadlines/business-calendar';
import type { Principal } from '../src/identity/roles';
import type { DeadlineCountRow, LocalRange, StageRow } from '../src/oversight/figures';
import { figureScopeSql, OversightRepository } from '../src/oversight/oversight.repository';
import { Bind, binder } from '../src/identity/access.repository';
import { OversightService } from '../src/oversight/oversight.service';
import { ReportCalendarRepository } from '../src/oversight/report-calendar.repository';
import { StatisticsService } from '../src/oversight/statistics.service';
import { AuditRepository } from '../src/audit/audit.repository';
import { AuditService } from '../src/audit/audit.service';
import { CASE_FACTS_BACKFILL } from '../migrations/1796900000000-CaseFacts';
import { HANDOFF_FACTS_BACKFILL } from '../migrations/1796900050000-HandoffFacts';
import { DEADLINE_FACTS_BACKFILL, STAY_FACTS_BACKFILL } from '../migrations/1797200000000-SlaFacts';
import { arg, benchDatabase, existingBenchDatabase, fmt, percentile, principal } from './support';

/** The tables the figures read, kept by triggers and filled here by the migrations' backfills. */
const FACT_TABLES = 'case_facts, handoff_facts, deadline_facts, stay_facts';
const PROVINCES = 34;
const COMMUNES = 3321;
const COMMUNES_PER_PROVINCE = 98;
const YEARS = 5;
/** Share of cases that stall at some stage and are never taken further. */
const STALLED = 0.015;

/** Hours from receipt to each step of a case's history, from its random draws r1..r9 (cumulative). */
const HOURS = {
  start: '0.1 + 3 * r1',
  verify: '0.1 + 3 * r1 + 0.5 + 70 * r2 ^ 4',
  assess: '0.1 + 3 * r1 + 0.5 + 70 * r2 ^ 4 + 2 + 60 * r3 ^ 2',
  submit: '0.1 + 3 * r1 + 0.5 + 70 * r2 ^ 4 + 2 + 60 * r3 ^ 2 + 2 + 100 * r4 ^ 3',
  approve: '0.1 + 3 * r1 + 0.5 + 70 * r2 ^ 4 + 2 + 60 * r3 ^ 2 + 2 + 100 * r4 ^ 3 + 1 + 80 * r5 ^ 3',
  accept: '0.1 + 3 * r1 + 0.5 + 70 * r2 ^ 4 + 2 + 60 * r3 ^ 2 + 2 + 100 * r4 ^ 3 + 1 + 80 * r5 ^ 3 + 0.5 + 40 * r6 ^ 3',
  complete: '0.1 + 3 * r1 + 0.5 + 70 * r2 ^ 4 + 2 + 60 * r3 ^ 2 + 2 + 100 * r4 ^ 3 + 1 + 80 * r5 ^ 3 + 0.5 + 40 * r6 ^ 3 + 12 + 200 * r7',
  propose: '0.1 + 3 * r1 + 0.5 + 70 * r2 ^ 4 + 2 + 60 * r3 ^ 2 + 2 + 100 * r4 ^ 3 + 1 + 80 * r5 ^ 3 + 0.5 + 40 * r6 ^ 3 + 12 + 200 * r7 + 24 + 480 * r8',
  close: '0.1 + 3 * r1 + 0.5 + 70 * r2 ^ 4 + 2 + 60 * r3 ^ 2 + 2 + 100 * r4 ^ 3 + 1 + 80 * r5 ^ 3 + 0.5 + 40 * r6 ^ 3 + 12 + 200 * r7 + 24 + 480 * r8 + 1 + 72 * r9 ^ 3',
  closeUnfounded: '0.1 + 3 * r1 + 0.5 + 70 * r2 ^ 4 + 2 + 60 * r3 ^ 2 + 1 + 72 * r9 ^ 3',
};

/** Step `k` of a history at `hours` after receipt: null when it lies in the future or the case stalled before it. */
const step = (k: number, hours: string, extra = 'true') =>
  `CASE WHEN (stall = 0 OR stall > ${k}) AND ${extra} AND received_at + (${hours}) * interval '1 hour' <= $1
        THEN received_at + (${hours}) * interval '1 hour' END`;

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  console.log(`  ${label} in ${fmt((Date.now() - started) / 1000)} s`);
  return result;
}

async function latencies(runs: number, op: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await op(); // warm-up: plans and caches, as on a serving replica
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await op();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

async function main(): Promise<void> {
  const n = arg('cases', 1_000_000);
  const runs = arg('runs', 50);
  const keep = process.argv.includes('--keep');
  const reuse = process.argv.includes('--reuse');
  console.log(`bench:oversight — ${n.toLocaleString('en')} cases over ${YEARS} years in ${COMMUNES.toLocaleString('en')} communes of ${PROVINCES} provinces`);
  const reused = reuse ? await existingBenchDatabase('baove_bench_oversight') : undefined;
  const db = reused ?? await benchDatabase('baove_bench_oversight');
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const ds = await createDataSource(db.url, 4).initialize();
  try {
    const now = new Date();
    if (reused) {
      console.log(`  reusing ${db.url}: the migrations it lacked ran in ${fmt(reused.migrateSeconds)} s`);
      // What autovacuum does after a backfill, without waiting for it.
      await timed(`VACUUM ANALYZE ${FACT_TABLES}`, () => pg.query(`VACUUM ANALYZE ${FACT_TABLES}`));
    } else await load(pg, n, now);
    const counts = (await pg.query(`SELECT
        (SELECT count(*) FROM deadlines)::int AS deadlines, (SELECT count(*) FROM handoffs)::int AS handoffs,
        (SELECT count(*) FROM case_events)::int AS events, (SELECT count(*) FROM cases WHERE state <> 'closed')::int AS open,
        (SELECT count(*) FROM deadlines WHERE status IN ('pending', 'breached') AND due_at <= now())::int AS missed,
        (SELECT count(*) FROM case_facts)::int AS facts, (SELECT count(*) FROM handoff_facts)::int AS handoff_facts`)).rows[0];
    console.log(`  ${counts.deadlines.toLocaleString('en')} deadlines, ` +
      `${counts.handoffs.toLocaleString('en')} handoffs, ${counts.events.toLocaleString('en')} case events, ${counts.facts.toLocaleString('en')} case facts, ` +
      `${counts.handoff_facts.toLocaleString('en')} handoff facts; ` +
      `${counts.open.toLocaleString('en')} cases open, ${counts.missed.toLocaleString('en')} deadlines missed and open`);

    const database = new Db(ds);
    // One "now" for every run: both paths decide the same pending deadlines missed, so their figures compare.
    const clock: Clock = { now: () => now };
    const audit = new AuditService(database, new AuditRepository(database), loadConfig({ NODE_ENV: 'test' }));
    const services = (repo: OversightRepository) => ({
      service: new OversightService(repo, clock),
      stats: new StatisticsService(repo, clock, database, audit, new ReportCalendarRepository(database)),
    });
    const commune = await principal(pg, 'bc0001.supervisor');
    const province = await principal(pg, 'bp01.supervisor');
    const today = localDate(now);
    const window = { from: `${today.slice(0, 4)}-01-01`, to: today };
    const year = today.slice(0, 4);
    console.log(`  timed ${runs} runs each after 3 warm-up runs; SLA window ${window.from}..${window.to}; statistics of ${year}`);
    const timeAll = async (label: string, repo: OversightRepository) => {
      console.log(`  ${label}:`);
      const { service, stats } = services(repo);
      const out: Record<string, { p50: number; p95: number }> = {};
      const figures: Record<string, unknown> = {};
      for (const [who, p] of [['commune supervisor (bc0001)', commune], ['province supervisor (bp01)', province]] as const) {
        const scope = p.communeCode
          ? (await pg.query(`SELECT count(*)::int AS n FROM cases WHERE commune_code = $1`, [p.communeCode])).rows[0].n
          : (await pg.query(`SELECT count(*)::int AS n FROM cases c JOIN communes m ON m.code = c.commune_code WHERE m.province_code = $1`, [p.provinceCode])).rows[0].n;
        const board = await service.overdue(p, { page: 1, pageSize: 50 });
        const overdue = await latencies(runs, () => service.overdue(p, { page: 1, pageSize: 50 }));
        const sla = await latencies(runs, () => service.sla(p, window));
        const statistics = await latencies(runs, () => stats.statistics(p, year));
        const key = p.communeCode ? 'commune' : 'province';
        Object.assign(out, { [`${key}.overdue`]: overdue, [`${key}.sla`]: sla, [`${key}.statistics`]: statistics });
        Object.assign(figures, { [`${key}.sla`]: await service.sla(p, window), [`${key}.statistics`]: await stats.statistics(p, year) });
        console.log(`    ${who}: ${scope.toLocaleString('en')} cases in scope, ${board.total.toLocaleString('en')} on the overdue board`);
        console.log(`      overdue board (first page of 50): p50 ${fmt(overdue.p50)} ms   p95 ${fmt(overdue.p95)} ms`);
        console.log(`      SLA figures:                      p50 ${fmt(sla.p50)} ms   p95 ${fmt(sla.p95)} ms`);
        console.log(`      statistics of the year:           p50 ${fmt(statistics.p50)} ms   p95 ${fmt(statistics.p95)} ms`);
      }
      return { out, figures };
    };
    const before = await timeAll('baseline, the facts computed on every read (views; the SLA figures per active case)', new RawFactsRepository(database));
    const after = await timeAll(`now, the facts read from ${FACT_TABLES}`, new OversightRepository(database));
    for (const key of Object.keys(after.figures)) {
      const same = JSON.stringify(before.figures[key]) === JSON.stringify(after.figures[key]);
      console.log(`  ${key}: ${same ? 'the same figures on both paths' : 'FIGURES DIFFER between the paths'}`);
      if (!same) process.exitCode = 1;
    }
    console.log('  p95, baseline → now:');
    for (const key of Object.keys(after.out)) console.log(`    ${key.padEnd(20)} ${fmt(before.out[key].p95)} ms → ${fmt(after.out[key].p95)} ms`);
    const targets = [['province.sla', 200], ['province.statistics', 1000]] as const;
    for (const [key, ms] of targets) console.log(`    target ${key} p95 < ${ms} ms: ${after.out[key].p95 < ms ? 'met' : 'MISSED'}`);
  } finally {
    await ds.destroy();
    await pg.end();
    if (keep) console.log(`  database kept: ${db.url}`);
    else await db.drop();
    await db.infra.stop();
  }
}

/**
 * The old path: each case's and handoff's facts computed from the raw rows on every read (the
 * views `case_facts_source` and `handoff_facts_source`), and the SLA figures' deadline counts and
 * stage lengths by the queries of the release before `deadline_facts` and `stay_facts` — from the
 * cases active in the window (`IDX_cases_commune_activity`), each one's deadlines and each one's
 * state changes in order. (The views `deadline_facts_source` and `stay_facts_source` are the
 * tables' definitions, not a path anyone ran: without that range of active cases they are slower.)
 */
class RawFactsRepository extends OversightRepository {
  protected override readonly facts = 'case_facts_source';
  protected override readonly handoffFacts = 'handoff_facts_source';

  constructor(private readonly raw: Db) {
    super(raw);
  }

  override deadlineCounts(p: Principal, range: LocalRange, now: Date): Promise<DeadlineCountRow[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const [at, start, end] = [bind(now), bind(range.start), bind(range.end)];
    return this.raw.query(
      `SELECT d.key,
              count(*) FILTER (WHERE d.status = 'met' AND d.settled_at >= ${start} AND d.settled_at < ${end})::int AS on_time,
              count(*) FILTER (WHERE (d.status IN ('met_late', 'breached') OR (d.status = 'cancelled' AND d.breached_at IS NOT NULL)
                                      OR (d.status = 'pending' AND d.due_at <= ${at})) AND d.due_at >= ${start} AND d.due_at < ${end})::int AS late,
              count(*) FILTER (WHERE d.status = 'pending' AND d.due_at > ${at} AND d.starts_at < ${end})::int AS open
         FROM cases c JOIN deadlines d ON d.case_id = c.id
        WHERE ${activeIn(p, range, bind)}
        GROUP BY d.key`,
      params,
    );
  }

  override stageLengths(p: Principal, range: LocalRange, stages: readonly string[]): Promise<StageRow[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const active = activeIn(p, range, bind);
    return this.raw.transaction(async (tx) => {
      await tx.query(`SET LOCAL work_mem = '64MB'`);
      return tx.query(
        `SELECT s.from_state AS stage, count(*)::int AS count,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY s.hours) AS median_hours,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY s.hours) AS p90_hours
           FROM cases c
          CROSS JOIN LATERAL (
            SELECT m.from_state, date_part('epoch', m.occurred_at - m.entered_at) / 3600 AS hours
              FROM (SELECT e.from_state, e.occurred_at,
                           lag(CASE WHEN e.from_state = '' THEN c.received_at ELSE e.occurred_at END) OVER (ORDER BY e.seq) AS entered_at
                      FROM case_events e WHERE e.case_id = c.id AND e.from_state <> e.to_state) m
             WHERE m.occurred_at >= ${bind(range.start)} AND m.occurred_at < ${bind(range.end)}
               AND m.from_state = ANY(${bind(stages)}::text[])) s
          WHERE ${active}
          GROUP BY s.from_state`,
        params,
      );
    });
  }
}

/** The cases in scope received before the window ended and open at some time in it (as the old path read them). */
function activeIn(p: Principal, range: LocalRange, bind: Bind): string {
  return `${figureScopeSql(p, bind)} AND c.received_at < ${bind(range.end)} AND COALESCE(c.closed_at, 'infinity'::timestamptz) >= ${bind(range.start)}`;
}

/**
 * Loads `n` case histories in bulk — the migrated indexes are built once at the end from their own
 * definitions (those a foreign key needs stay: cases and handoffs go in in key order, so theirs
 * grow at one end); deadlines and events go in in the order they happen, as they would accumulate;
 * foreign keys are not re-checked row by row and triggers do not fire (the rows are consistent by
 * construction) — then runs VACUUM ANALYZE and fills the facts tables (`FACT_TABLES`) with the
 * migrations' backfills.
 */
async function load(pg: Client, n: number, now: Date): Promise<void> {
  const loadStarted = Date.now();
  await pg.query(`SET maintenance_work_mem = '1GB'`);
  await pg.query(`SET work_mem = '1GB'`);
  await pg.query(`SET session_replication_role = replica`);
  const indexes = await dropIndexesForLoad(pg);
  await timed('communes, agencies and staff', () => loadJurisdictions(pg));
  await timed('case histories planned', () => planHistories(pg, n, now));
  await timed('children', () => loadChildren(pg, n));
  await timed('cases', () => loadCases(pg));
  await timed('handoffs', () => loadHandoffs(pg));
  await timed('deadlines', () => loadDeadlines(pg, now));
  await timed('case events', () => loadEvents(pg));
  await pg.query(`DROP TABLE bench_plan, bench_communes, bench_children`);
  await pg.query(`RESET session_replication_role`);
  await timed(`${indexes.length} keys and indexes built`, async () => {
    for (const def of indexes) await pg.query(def);
  });
  // The backfills join per case and per handoff: planned on fresh statistics, as on a live database.
  await timed('VACUUM ANALYZE', () => pg.query('VACUUM ANALYZE'));
  await timed('case_facts backfilled (migration CaseFacts)', () => pg.query(CASE_FACTS_BACKFILL));
  await timed('handoff_facts backfilled (migration HandoffFacts)', () => pg.query(HANDOFF_FACTS_BACKFILL));
  await timed('deadline_facts backfilled (migration SlaFacts)', () => pg.query(DEADLINE_FACTS_BACKFILL));
  await timed('stay_facts backfilled (migration SlaFacts)', () => pg.query(STAY_FACTS_BACKFILL));
  await timed(`VACUUM ANALYZE ${FACT_TABLES}`, () => pg.query(`VACUUM ANALYZE ${FACT_TABLES}`));
  console.log(`  loaded in ${fmt((Date.now() - loadStarted) / 1000)} s`);
}

const BULK_TABLES = ['children', 'cases', 'handoffs', 'deadlines', 'case_events'];

/**
 * Drops what the bulk load would otherwise maintain row by row — the bulk-loaded tables' indexes
 * that back no constraint, and the primary keys no foreign key refers to — and returns the
 * statements that rebuild them.
 */
async function dropIndexesForLoad(pg: Client): Promise<string[]> {
  const { rows: keys } = await pg.query(
    `SELECT k.conname, t.relname, pg_get_constraintdef(k.oid) AS def FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
      WHERE k.contype = 'p' AND t.relname = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = t.oid)`,
    [BULK_TABLES]);
  for (const k of keys) await pg.query(`ALTER TABLE "${k.relname}" DROP CONSTRAINT "${k.conname}"`);
  const { rows: indexes } = await pg.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
    [BULK_TABLES]);
  for (const i of indexes) await pg.query(`DROP INDEX "${i.indexname}"`);
  return [
    ...keys.map((k: { conname: string; relname: string; def: string }) => `ALTER TABLE "${k.relname}" ADD CONSTRAINT "${k.conname}" ${k.def}`),
    ...indexes.map((i: { indexdef: string }) => i.indexdef),
  ];
}

/** 34 provinces of 98 communes (the last one smaller), each commune with its office, committee, police and health station and staff. */
async function loadJurisdictions(pg: Client): Promise<void> {
  await pg.query(`INSERT INTO provinces (code, name) SELECT 'bp' || lpad(p::text, 2, '0'), 'Tỉnh ' || p FROM generate_series(1, ${PROVINCES}) p`);
  await pg.query(
    `INSERT INTO communes (code, province_code, name, case_prefix)
     SELECT 'bc' || lpad(m::text, 4, '0'), 'bp' || lpad((1 + (m - 1) / ${COMMUNES_PER_PROVINCE})::text, 2, '0'), 'Xã ' || m, 'B' || m
       FROM generate_series(1, ${COMMUNES}) m`);
  await pg.query(
    `INSERT INTO agencies (type, name, province_code, commune_code)
     SELECT a.type, a.name || ' ' || m.name, m.province_code, m.code
       FROM communes m CROSS JOIN (VALUES ('child_affairs_office', 'Phòng Văn hóa - Xã hội'), ('people_committee', 'Ủy ban nhân dân'),
                                         ('commune_police', 'Công an'), ('health_station', 'Trạm Y tế')) a(type, name)
      WHERE m.code LIKE 'bc%'`);
  await pg.query(
    `INSERT INTO agencies (type, name, province_code) SELECT 'provincial_health_department', 'Sở Y tế ' || name, code FROM provinces WHERE code LIKE 'bp%'`);
  // Bench staff cannot log in: the password hash is not a password hash.
  await pg.query(
    `INSERT INTO users (username, password_hash, full_name, role, agency_id)
     SELECT m.code || '.' || r.role, '!', 'Bench ' || r.role || ' ' || m.name, r.role, a.id
       FROM communes m CROSS JOIN (VALUES ('social_worker', 'child_affairs_office'), ('supervisor', 'child_affairs_office'),
                                         ('chair', 'people_committee')) r(role, agency_type)
       JOIN agencies a ON a.commune_code = m.code AND a.type = r.agency_type
      WHERE m.code LIKE 'bc%'`);
  await pg.query(
    `INSERT INTO users (username, password_hash, full_name, role, agency_id)
     SELECT a.province_code || '.supervisor', '!', 'Bench supervisor ' || a.name, 'supervisor', a.id
       FROM agencies a WHERE a.type = 'provincial_health_department' AND a.province_code LIKE 'bp%'`);
  await pg.query(
    `CREATE UNLOGGED TABLE bench_communes AS
     SELECT substr(m.code, 3)::int AS no, m.code, w.id AS worker_id, s.id AS supervisor_id, ch.id AS chair_id,
            po.id AS police_id, hs.id AS health_id
       FROM communes m
       JOIN users w ON w.username = m.code || '.social_worker' JOIN users s ON s.username = m.code || '.supervisor'
       JOIN users ch ON ch.username = m.code || '.chair'
       JOIN agencies po ON po.commune_code = m.code AND po.type = 'commune_police'
       JOIN agencies hs ON hs.commune_code = m.code AND hs.type = 'health_station'
      WHERE m.code LIKE 'bc%'`);
  await pg.query(`ALTER TABLE bench_communes ADD PRIMARY KEY (no)`);
}

/**
 * One row per case: where and when it was received, and when each step of its history happened
 * (null: not yet, or never — the case stalled before it). 12 % are unfounded (closed after the
 * initial assessment), 8 % reported in immediate danger.
 */
async function planHistories(pg: Client, n: number, now: Date): Promise<void> {
  await pg.query(`SELECT setseed(0.2026)`);
  await pg.query(
    `CREATE UNLOGGED TABLE bench_plan AS
     SELECT g AS n, gen_random_uuid() AS id, 1 + floor(${COMMUNES} * random() ^ 2)::int AS commune_no,
            $1::timestamptz - random() * interval '${YEARS * 365} days' AS received_at,
            random() < 0.08 AS urgent, random() < 0.12 AS unfounded, random() < 0.85 AS child_safe,
            CASE WHEN random() < ${STALLED} THEN 1 + floor(random() * 9)::int ELSE 0 END AS stall,
            random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
            random() AS r7, random() AS r8, random() AS r9
       FROM generate_series(1, $2) g`, [now, n]);
  await pg.query(
    `CREATE UNLOGGED TABLE bench_steps AS
     SELECT id, n, commune_no, received_at, urgent, unfounded, child_safe,
            ${step(1, HOURS.start)} AS t_start,
            ${step(2, HOURS.verify)} AS t_verify,
            ${step(3, HOURS.assess)} AS t_assess,
            ${step(4, HOURS.submit, 'NOT unfounded')} AS t_submit,
            ${step(5, HOURS.approve, 'NOT unfounded')} AS t_approve,
            ${step(6, HOURS.accept, 'NOT unfounded')} AS t_accept,
            ${step(7, HOURS.complete, 'NOT unfounded')} AS t_complete,
            ${step(8, HOURS.propose, 'NOT unfounded')} AS t_propose,
            CASE WHEN unfounded THEN ${step(4, HOURS.closeUnfounded)} ELSE ${step(9, HOURS.close)} END AS t_close
       FROM bench_plan`, [now]);
  await pg.query(`DROP TABLE bench_plan`);
  await pg.query(
    `CREATE UNLOGGED TABLE bench_plan AS
     SELECT s.*, CASE WHEN s.t_approve IS NOT NULL THEN gen_random_uuid() END AS handoff_id,
            CASE WHEN s.t_close IS NOT NULL THEN 'closed'
                 WHEN s.unfounded AND s.t_assess IS NOT NULL THEN 'awaiting_closure_approval'
                 WHEN s.t_propose IS NOT NULL THEN 'awaiting_closure_approval'
                 WHEN s.t_approve IS NOT NULL THEN 'intervening'
                 WHEN s.t_submit IS NOT NULL THEN 'awaiting_plan_approval'
                 WHEN s.t_assess IS NOT NULL THEN 'planning'
                 WHEN s.t_verify IS NOT NULL THEN 'assessing'
                 WHEN s.t_start IS NOT NULL THEN 'verifying'
                 ELSE 'received' END AS state
       FROM bench_steps s`);
  await pg.query(`DROP TABLE bench_steps`);
}

/** The registry's children: one per case, but every 20th case is a second report about the child of the case before it. Ages 0–17. */
const CHILD_NO = `CASE WHEN p.n % 20 = 0 THEN p.n - 1 ELSE p.n END`;

async function loadChildren(pg: Client, n: number): Promise<void> {
  await pg.query(`CREATE UNLOGGED TABLE bench_children AS SELECT g AS no, gen_random_uuid() AS id FROM generate_series(1, $1) g WHERE g % 20 <> 0`, [n]);
  await pg.query(`ALTER TABLE bench_children ADD PRIMARY KEY (no)`);
  await pg.query(
    `INSERT INTO children (id, full_name, sex, date_of_birth, birth_year, created_at, updated_at)
     SELECT b.id, 'Trẻ ' || b.no, (ARRAY['female', 'male'])[1 + b.no % 2], d.dob, extract(year FROM d.dob)::int, now(), now()
       FROM bench_children b CROSS JOIN LATERAL (SELECT date '2008-01-01' + (b.no::bigint * 7919 % 6900)::int AS dob) d
      ORDER BY b.id`);
}

async function loadCases(pg: Client): Promise<void> {
  await pg.query(
    `INSERT INTO cases (id, code, commune_code, workflow, workflow_version, state, snapshot, version, risk_level, channel,
                        received_at, immediate_danger, abuse_types, incident, assignee_id, created_by, outcome, escalation_level,
                        created_at, updated_at, closed_at, child_id, incident_commune_code)
     SELECT p.id, 'B' || lpad(p.n::text, 7, '0'), bc.code, $1, 1, p.state,
            jsonb_build_object('value', p.state, 'context', jsonb_build_object('substantiated', p.t_verify IS NOT NULL AND NOT p.unfounded)),
            1 + (CASE WHEN p.t_start IS NOT NULL THEN 2 ELSE 0 END) + num_nonnulls(p.t_verify, p.t_assess, p.t_submit, p.t_approve,
                p.t_accept, p.t_complete, p.t_propose, p.t_close),
            CASE WHEN p.urgent THEN 'immediate_danger' WHEN p.t_verify IS NOT NULL THEN 'medium' END,
            (ARRAY['hotline_111', 'school', 'police', 'community_collaborator', 'citizen', 'health'])[1 + p.n % 6],
            p.received_at, p.urgent,
            ARRAY[(ARRAY['physical_violence', 'psychological_violence', 'sexual_abuse', 'neglect', 'exploitation', 'online_abuse'])[1 + p.n % 6]],
            jsonb_build_object('environment', (ARRAY['family', 'school', 'community', 'online'])[1 + p.n % 4]),
            CASE WHEN p.t_start IS NOT NULL THEN bc.worker_id END, bc.worker_id,
            CASE WHEN p.t_close IS NULL THEN NULL WHEN p.unfounded THEN 'unfounded' WHEN p.child_safe THEN 'child_safe' ELSE 'resolved' END,
            0, p.received_at,
            GREATEST(p.received_at, p.t_start, p.t_verify, p.t_assess, p.t_submit, p.t_approve, p.t_accept, p.t_complete, p.t_propose, p.t_close),
            p.t_close, ch.id, bc.code
       FROM bench_plan p JOIN bench_communes bc ON bc.no = p.commune_no JOIN bench_children ch ON ch.no = ${CHILD_NO}
      ORDER BY p.id`,
    [CASE_WORKFLOW],
  );
}

async function loadHandoffs(pg: Client): Promise<void> {
  await pg.query(
    `INSERT INTO handoffs (id, case_id, kind, agency_id, urgency, state, snapshot, workflow_version, version, instructions, due_at,
                           outcome, created_by, created_at, updated_at, accepted_at, completed_at, workflow)
     SELECT p.handoff_id, p.id, CASE WHEN p.n % 2 = 0 THEN 'medical_care' ELSE 'police_investigation' END,
            CASE WHEN p.n % 2 = 0 THEN bc.health_id ELSE bc.police_id END, 'normal', s.state,
            jsonb_build_object('value', s.state, 'context', '{}'::jsonb), 1, 1 + num_nonnulls(p.t_accept, p.t_complete), '',
            p.t_approve + interval '7 days', CASE WHEN p.t_complete IS NOT NULL THEN 'Đã hoàn thành' END, bc.worker_id, p.t_approve,
            GREATEST(p.t_approve, p.t_accept, p.t_complete), p.t_accept, p.t_complete, $1
       FROM bench_plan p JOIN bench_communes bc ON bc.no = p.commune_no
      CROSS JOIN LATERAL (SELECT CASE WHEN p.t_complete IS NOT NULL THEN 'completed' WHEN p.t_accept IS NOT NULL THEN 'accepted'
                                      ELSE 'offered' END AS state) s
      WHERE p.handoff_id IS NOT NULL
      ORDER BY p.handoff_id`, [HANDOFF_WORKFLOW]);
}

/**
 * Each deadline's fate follows from the history: met (on time or late) when its step happened,
 * cancelled when the case closed (or, for the review, when closure was proposed) first, else
 * breached once due — escalated to level 2 a day after — or still pending.
 */
async function loadDeadlines(pg: Client, now: Date): Promise<void> {
  const specs = [...Object.values(getWorkflow(CASE_WORKFLOW, 1).deadlines), ...Object.values(getWorkflow(HANDOFF_WORKFLOW, 1).deadlines)]
    .map((s) => ({ key: s.key, title_vi: s.titleVi, title_en: s.titleEn, legal_basis: s.legalBasis, rule: s.rule }));
  await pg.query(
    `INSERT INTO deadlines (case_id, handoff_id, key, title_vi, title_en, rule, legal_basis, starts_at, due_at, status, settled_at,
                           breached_at, escalation_level, next_escalation_at, created_at)
     SELECT p.id, v.handoff_id, v.key, spec.title_vi, spec.title_en, spec.rule, spec.legal_basis, v.starts_at, v.due_at,
            CASE WHEN v.settled_at IS NOT NULL THEN CASE WHEN v.settled_at <= v.due_at THEN 'met' ELSE 'met_late' END
                 WHEN v.cancelled_at IS NOT NULL THEN 'cancelled' WHEN v.due_at <= $1 THEN 'breached' ELSE 'pending' END,
            COALESCE(v.settled_at, v.cancelled_at),
            CASE WHEN f.late THEN v.due_at + interval '3 seconds' END,
            CASE WHEN NOT f.late THEN 0 WHEN f.ended >= v.due_at + interval '24 hours' THEN 2 ELSE 1 END,
            CASE WHEN f.late AND v.settled_at IS NULL AND v.cancelled_at IS NULL AND f.ended < v.due_at + interval '24 hours'
                 THEN v.due_at + interval '24 hours' END,
            v.starts_at
       FROM bench_plan p
      CROSS JOIN LATERAL (VALUES
        (NULL::uuid, CASE WHEN p.urgent THEN 'emergency_response' ELSE 'initial_assessment' END, p.received_at,
         p.received_at + CASE WHEN p.urgent THEN interval '12 hours' ELSE interval '2 days' END, p.t_verify, p.t_close),
        (NULL, 'plan_submission', p.received_at, p.received_at + interval '7 days', p.t_submit, p.t_close),
        (NULL, 'plan_approval', p.t_submit, p.t_submit + interval '2 days', p.t_approve, p.t_close),
        (NULL, 'review', p.t_approve, p.t_approve + interval '30 days', NULL, COALESCE(p.t_propose, p.t_close)),
        (NULL, 'closure_approval', COALESCE(p.t_propose, CASE WHEN p.unfounded THEN p.t_assess END),
         COALESCE(p.t_propose, CASE WHEN p.unfounded THEN p.t_assess END) + interval '2 days', p.t_close, NULL),
        (p.handoff_id, 'acceptance_normal', p.t_approve, p.t_approve + interval '1 day', p.t_accept, NULL),
        (p.handoff_id, 'completion', p.t_approve, p.t_approve + interval '7 days', p.t_complete, NULL)
      ) v(handoff_id, key, starts_at, due_at, settled_at, cancelled_at)
      CROSS JOIN LATERAL (SELECT COALESCE(v.settled_at, v.cancelled_at, $1) AS ended) e
      CROSS JOIN LATERAL (SELECT v.due_at + interval '3 seconds' < e.ended AS late, e.ended) f
       JOIN jsonb_to_recordset($2::jsonb) AS spec(key text, title_vi text, title_en text, legal_basis text, rule jsonb) ON spec.key = v.key
      WHERE v.starts_at IS NOT NULL
      ORDER BY v.starts_at`,
    [now, JSON.stringify(specs)],
  );
  await pg.query(
    `UPDATE cases c SET escalation_level = b.level
       FROM (SELECT case_id, max(escalation_level) AS level FROM deadlines WHERE status = 'breached' GROUP BY case_id) b
      WHERE c.id = b.case_id`);
}

/** The case events of each history, in order: every state change, assignments and the handoff's updates. */
async function loadEvents(pg: Client): Promise<void> {
  await pg.query(
    `INSERT INTO case_events (case_id, seq, type, data, actor_id, actor_role, from_state, to_state, occurred_at)
     SELECT p.id, v.seq, v.type, '{}', CASE WHEN v.seq > 1 THEN bc.worker_id END, CASE WHEN v.seq > 1 THEN 'social_worker' ELSE 'system' END,
            v.from_state, v.to_state, v.at
       FROM bench_plan p JOIN bench_communes bc ON bc.no = p.commune_no
      CROSS JOIN LATERAL (VALUES
        (1, 'CASE_RECEIVED', '', 'received', p.received_at),
        (2, 'ASSIGN', 'received', 'received', p.t_start),
        (3, 'START_VERIFICATION', 'received', 'verifying', p.t_start),
        (4, 'RECORD_INITIAL_ASSESSMENT', 'verifying', 'assessing', p.t_verify),
        (5, CASE WHEN p.unfounded THEN 'CLOSE_UNFOUNDED' ELSE 'RECORD_ASSESSMENT' END, 'assessing',
            CASE WHEN p.unfounded THEN 'awaiting_closure_approval' ELSE 'planning' END, p.t_assess),
        (6, CASE WHEN p.unfounded THEN 'APPROVE_CLOSURE' ELSE 'SUBMIT_PLAN' END,
            CASE WHEN p.unfounded THEN 'awaiting_closure_approval' ELSE 'planning' END,
            CASE WHEN p.unfounded THEN 'closed' ELSE 'awaiting_plan_approval' END,
            CASE WHEN p.unfounded THEN p.t_close ELSE p.t_submit END),
        (7, 'APPROVE_PLAN', 'awaiting_plan_approval', 'intervening', p.t_approve),
        (8, 'HANDOFF_UPDATED', 'intervening', 'intervening', p.t_accept),
        (9, 'HANDOFF_UPDATED', 'intervening', 'intervening', p.t_complete),
        (10, 'PROPOSE_CLOSURE', 'intervening', 'awaiting_closure_approval', p.t_propose),
        (11, 'APPROVE_CLOSURE', 'awaiting_closure_approval', 'closed', CASE WHEN NOT p.unfounded THEN p.t_close END)
      ) v(seq, type, from_state, to_state, at)
      WHERE v.at IS NOT NULL
      ORDER BY v.at`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
