import type { ChildProcess } from 'node:child_process';
import { bootTestApp, TestApp } from './support/test-app';
import { intake } from './support/fixtures';
import { waitFor } from './support/wait';
import { exited, startWorker } from './support/worker-process';

const HOUR = 3_600_000;

describe('a worker killed mid-run (e2e, separate processes)', () => {
  let t: TestApp;
  const children: ChildProcess[] = [];
  beforeAll(async () => { t = await bootTestApp({ worker: false }); });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await t.close();
  });

  it('loses and doubles no breach when the worker is SIGKILLed while firing, then SIGTERM closes cleanly', async () => {
    const N = 40;
    const dueIn = 4000;
    const cases = [];
    for (let i = 0; i < N; i++) {
      cases.push(await intake(t, 'vanson.hotline_operator', { immediateDanger: true, receivedAt: new Date(Date.now() - 12 * HOUR + dueIn).toISOString() }));
    }
    const first = startWorker(t).child;
    children.push(first);
    const breached = async () => {
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM deadlines WHERE key = 'emergency_response' AND status = 'breached'`);
      return n as number;
    };
    // Kill it the moment firing has begun, with most deadlines still unfired.
    await waitFor('the first breach', async () => (await breached()) > 0, 20_000, 10);
    first.kill('SIGKILL');
    await exited(first);
    const atKill = await breached();
    expect(atKill).toBeLessThan(N);

    const second = startWorker(t).child;
    children.push(second);
    await waitFor('every deadline to breach', async () => (await breached()) === N, 45_000, 200);
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);

    const perCase: Array<{ n: number }> = await t.ds.query(
      `SELECT count(e.id)::int AS n FROM cases c LEFT JOIN case_events e ON e.case_id = c.id AND e.type = 'DEADLINE_EXPIRED'
        WHERE c.id = ANY($1) GROUP BY c.id`, [cases.map((c) => c.id)],
    );
    expect(perCase.map((r) => r.n)).toEqual(Array(N).fill(1));
    const gaps = await t.ds.query(
      `SELECT case_id FROM case_events WHERE case_id = ANY($1) GROUP BY case_id HAVING max(seq) <> count(*)`, [cases.map((c) => c.id)],
    );
    expect(gaps).toEqual([]);
  });
});
