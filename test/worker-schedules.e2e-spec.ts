import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { bullConnection } from '../src/common/bullmq';
import { JobName, QueueName } from '../src/jobs/job-registry';
import { bootTestApp, deleteRedisPrefix, TestApp } from './support/test-app';
import { intake } from './support/fixtures';
import { sleep, waitFor } from './support/wait';
import { exited, startWorker, WorkerProcess } from './support/worker-process';

const HOUR = 3_600_000;
const SCHEDULED = [JobName.Reconcile, JobName.SealAudit, JobName.RemindReports, JobName.Retention];

/** Each scheduled tick run by either worker: its job id is `repeat:<scheduler>:<tick time>`. */
function ticks(workers: WorkerProcess[], job: JobName): Array<{ tick: string; at: number; pid: number }> {
  return workers.flatMap((w) => w.logs)
    .filter((l) => l.msg === 'scheduled job ran' && l.job === job)
    .map((l) => ({ tick: String(l.tick), at: Number(String(l.tick).split(':').pop()), pid: Number(l.pid) }));
}

/** Asserts no tick ran twice and no two ticks share one period of the schedule. */
function expectEachTickOnce(runs: Array<{ tick: string; at: number }>, everyMs: number): void {
  expect(new Set(runs.map((r) => r.tick)).size).toBe(runs.length);
  const times = runs.map((r) => r.at).sort((a, b) => a - b);
  for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(everyMs);
}

describe('two worker processes share the jobs (e2e, separate processes, one database and Redis prefix)', () => {
  let t: TestApp;
  let workers: WorkerProcess[] = [];
  let connection: Redis;
  let maintenance: Queue;
  const breached = async (caseIds: string[]) => {
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM deadlines WHERE case_id = ANY($1) AND key = 'emergency_response' AND status = 'breached'`, [caseIds]);
    return n as number;
  };
  const dueSoon = async (n: number, inMs: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      ids.push((await intake(t, 'vanson.hotline_operator', { immediateDanger: true, receivedAt: new Date(Date.now() - 12 * HOUR + inMs).toISOString() })).id);
    }
    return ids;
  };

  beforeAll(async () => {
    t = await bootTestApp({ worker: false });
    connection = bullConnection(t.redisUrl);
    maintenance = new Queue(QueueName.Maintenance, { connection, prefix: t.config.queuePrefix });
    const env = { LOG_LEVEL: 'debug', RECONCILE_INTERVAL_MS: '1000', WORKER_CONCURRENCY: '4' };
    workers = [startWorker(t, env), startWorker(t, env)];
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await maintenance.close();
    await connection.quit();
    await t.close();
  });

  it('runs each scheduler tick once, and both processes fire deadlines', async () => {
    const cases = await dueSoon(40, 4000);
    await waitFor('every deadline to breach', async () => (await breached(cases)) === cases.length, 30_000, 200);
    await sleep(5000);
    const seals = ticks(workers, JobName.SealAudit);
    const reconciles = ticks(workers, JobName.Reconcile);
    // One seal a second and one reconcile a second, whichever process runs it — not one per process.
    expect(seals.length).toBeGreaterThanOrEqual(5);
    expect(reconciles.length).toBeGreaterThanOrEqual(5);
    expectEachTickOnce(seals, 1000);
    expectEachTickOnce(reconciles, 1000);
    const [{ unsealed }] = await t.ds.query(`SELECT count(*)::int AS unsealed FROM audit_log WHERE hash IS NULL`);
    expect(unsealed).toBe(0);

    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM case_events WHERE case_id = ANY($1) AND type = 'DEADLINE_EXPIRED'`, [cases]);
    expect(n).toBe(cases.length);
  });

  it('after Redis loses every key, the schedules come back and lost timers still fire', async () => {
    const cases = await dueSoon(10, 6000);
    await waitFor('the timers to be armed', async () => {
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`);
      return n === 0;
    });
    expect(await deleteRedisPrefix(t.redisUrl, t.config.queuePrefix)).toBeGreaterThan(0);
    const lostAt = Date.now();
    await waitFor('the schedules to come back', async () => {
      const schedulers = await Promise.all(SCHEDULED.map((id) => maintenance.getJobScheduler(id)));
      return schedulers.every(Boolean);
    }, 15_000, 200);
    expect(await maintenance.getJobScheduler(JobName.RemindReports)).toMatchObject({ pattern: '0 8 * * *', tz: 'Asia/Ho_Chi_Minh' });
    expect(await maintenance.getJobScheduler(JobName.Retention)).toMatchObject({ pattern: '17 * * * *', tz: 'Asia/Ho_Chi_Minh' });
    await waitFor('the lost timers to fire', async () => (await breached(cases)) === cases.length, 30_000, 200);
    await waitFor('sealing to run again', async () => ticks(workers, JobName.SealAudit).filter((s) => s.at > lostAt).length >= 3, 10_000, 200);
    // The re-created scheduler starts a new series of ticks; within it, each still runs once.
    expectEachTickOnce(ticks(workers, JobName.SealAudit).filter((s) => s.at > lostAt), 1000);
  });

  it('closes both processes cleanly, each having fired some deadlines', async () => {
    for (const w of workers) w.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => exited(w.child)))).toEqual([0, 0]);
    const fired = workers.map((w) => {
      const summary = w.logs.find((l) => l.msg === 'jobs processed by this worker') as { processed: Record<string, number> } | undefined;
      return summary?.processed[JobName.FireDeadline] ?? 0;
    });
    expect(fired.every((n) => n > 0)).toBe(true);
  });
});
