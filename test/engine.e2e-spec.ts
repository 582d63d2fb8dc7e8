/**
 * The engine knows no workflow: a test-only workflow with a nested and a parallel state runs through
 * the real engine, the cases store, the event contract and PostgreSQL exactly as production ones do.
 */
import { registerWorkflow } from '../workflows';
import { ChildrenRepository } from '../src/children/children.repository';
import { columnsOf } from '../src/children/children.service';
import { CasesRepository } from '../src/cases/cases.repository';
import { Clock } from '../src/common/clock';
import { Db } from '../src/database/db';
import { WorkflowEngine } from '../src/engine/workflow-engine';
import { nestedTestWorkflow } from './support/workflows/nested-test-workflow';
import { bootTestApp, TestApp } from './support/test-app';

registerWorkflow(nestedTestWorkflow);

describe('engine: a workflow with nested and parallel states (e2e)', () => {
  let t: TestApp;
  let caseId: string;
  let worker: string;
  let version = 1;
  beforeAll(async () => {
    t = await bootTestApp();
    worker = await t.login('vanson.social_worker');
    const me = await t.http.get('/api/v1/auth/me').set('Authorization', worker);
    const db = t.app.get(Db);
    const repo = t.app.get(CasesRepository);
    const now = t.app.get(Clock).now();
    const actor = { id: me.body.userId, role: 'social_worker' };
    caseId = await db.transaction(async (tx) => {
      const childId = (await t.app.get(ChildrenRepository).insert(tx, columnsOf({ fullName: 'Trẻ Thử Nghiệm', sex: 'female', approxAgeYears: 9 }, '2026-01-01'),
        { createdBy: actor.id, createdByClient: null, provinceCode: 'thanh-hoa' }, now))!;
      const row = await t.app.get(WorkflowEngine).start(tx, nestedTestWorkflow, {}, actor, now, (snapshot, state) => repo.insert(tx, {
        code: 'VS-TEST-000001', communeCode: 'van-son', childId, repeatOfCaseId: null, workflow: 'nested-test', workflowVersion: 1, channel: 'other', externalRef: null, reportHash: 'test',
        receivedAt: now, immediateDanger: false, abuseTypes: ['neglect'], incident: { description: 'thử nghiệm' }, createdBy: actor.id,
      }, snapshot, state, now, actor));
      await repo.insertChild(tx, row.id, { full_name: 'Trẻ Thử Nghiệm', sex: 'female', date_of_birth: null, approx_age_years: 9, address: null });
      return row.id;
    });
  });
  afterAll(() => t.close());

  const send = async (type: string, data: Record<string, unknown> = {}, auth = worker) => {
    const res = await t.http.post(`/api/v1/cases/${caseId}/events`).set('Authorization', auth).send({ type, data, expectedVersion: version });
    if (res.status === 200) version = res.body.case.version;
    return res;
  };
  const stored = async () => (await t.ds.query(`SELECT state, snapshot, closed_at FROM cases WHERE id = $1`, [caseId]))[0];
  const deadlines = async () => t.ds.query(`SELECT key, status FROM deadlines WHERE case_id = $1 ORDER BY created_at`, [caseId]);

  it('enters the parallel state: both regions active, stored as XState’s persisted snapshot and as text', async () => {
    expect((await send('BEGIN')).status).toBe(200);
    const row = await stored();
    expect(row.state).toBe('work.checks.pending,work.support.planning');
    expect(row.snapshot.value).toEqual({ work: { checks: 'pending', support: 'planning' } });
    expect(row.snapshot.status).toBe('active');
    // The entry action of a nested state scheduled its deadline.
    expect(await deadlines()).toEqual([{ key: 'check', status: 'pending' }]);
  });

  it('offers the events of every active region, and refuses the others with 422', async () => {
    const view = await t.http.get(`/api/v1/cases/${caseId}`).set('Authorization', worker);
    expect(view.body.allowedEvents.sort()).toEqual(['ASSIGN', 'CHECK', 'PLAN']);
    const refused = await send('VISIT', { summary: 'x' });
    expect(refused.status).toBe(422);
    expect(refused.body.details.allowed.sort()).toEqual(['ASSIGN', 'CHECK', 'PLAN']);
  });

  it('validates data against the workflow’s own contract', async () => {
    const bad = await send('PLAN', { extra: 1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details.fields)).toEqual(['data.extra']);
  });

  it('moves one region into a nested state while the other stays', async () => {
    expect((await send('PLAN')).status).toBe(200);
    expect((await stored()).state).toBe('work.checks.pending,work.support.active.visiting');
    expect((await send('CHECK')).status).toBe(200);
    expect((await stored()).state).toBe('work.checks.done,work.support.active.visiting');
    expect(await deadlines()).toEqual([{ key: 'check', status: 'met' }]);
  });

  it('leaves the parallel state when both regions are done, then closes (terminal) by the role the contract names', async () => {
    const visited = await send('VISIT', { summary: 'Trẻ an toàn' });
    expect(visited.status).toBe(200);
    expect((await stored()).state).toBe('closing');
    expect((await send('CLOSE')).status).toBe(403);
    const supervisor = await t.login('vanson.supervisor');
    expect((await send('CLOSE', {}, supervisor)).status).toBe(200);
    const row = await stored();
    expect(row.state).toBe('closed');
    expect(row.closed_at).not.toBeNull();
    expect(row.snapshot.context).toMatchObject({ visits: 1, outcome: 'resolved' });
    const timeline = await t.http.get(`/api/v1/cases/${caseId}/timeline`).set('Authorization', worker);
    expect(timeline.body.items.filter((i: { kind: string }) => i.kind === 'event').map((i: { toState: string }) => i.toState)).toEqual([
      'intake', 'work.checks.pending,work.support.planning', 'work.checks.pending,work.support.active.visiting',
      'work.checks.done,work.support.active.visiting', 'closing', 'closed',
    ]);
  });
});
