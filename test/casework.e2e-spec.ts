/**
 * Supervisors' casework tools on a controlled clock, so every figure is known exactly: the
 * caseload per worker, the agenda of due steps, bulk reassignment (a stale version and an
 * out-of-scope case in the batch), flags, and the case list's filters.
 */
import { Clock } from '../src/common/clock';
import { Db } from '../src/database/db';
import { DeadlineFiringService } from '../src/timers/deadline-firing.service';
import { DeadlinesService } from '../src/deadlines/deadlines.service';
import { WorkflowEngine } from '../src/engine/workflow-engine';
import { bootTestApp, TestApp } from './support/test-app';
import { apply, intake, userId } from './support/fixtures';

const HOUR = 3_600_000;
/** Monday 2 March 2026, 08:00 in Vietnam. */
const T0 = Date.parse('2026-03-02T01:00:00Z');
/** Wednesday 4 March 2026, 10:00 in Vietnam: when the figures are read. */
const T1 = Date.parse('2026-03-04T03:00:00Z');

class TestClock extends Clock {
  private t = T0;
  now(): Date {
    return new Date(this.t);
  }
  set(ms: number): void {
    this.t = ms;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
type Ref = { id: string; code: string };

describe('casework: caseload, agenda, bulk reassign, flags, case-list filters (e2e)', () => {
  const clock = new TestClock();
  let t: TestApp;
  let ids: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'H', Ref>;
  let w1: string;
  let w2: string;
  let nlWorker: string;

  const get = async (as: string, path: string, query: Record<string, unknown> = {}) =>
    t.http.get(`/api/v1${path}`).query(query).set('Authorization', await t.login(as));
  const post = async (as: string, path: string, body: unknown) =>
    t.http.post(`/api/v1${path}`).set('Authorization', await t.login(as)).send(body);
  const version = async (id: string) => (await t.ds.query(`SELECT version FROM cases WHERE id = $1`, [id]))[0].version as number;
  const listed = async (as: string, query: Record<string, unknown>) => {
    const res = await get(as, '/cases', { pageSize: 100, ...query });
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ code: string }>).map((i) => i.code).sort();
  };

  beforeAll(async () => {
    t = await bootTestApp({ clock });
    w1 = await userId(t, 'vanson.social_worker');
    nlWorker = await userId(t, 'ngoclien.social_worker');
    // A second social worker of Vân Sơn.
    [{ id: w2 }] = await t.ds.query(
      `INSERT INTO users (username, password_hash, full_name, role, agency_id)
       SELECT 'vanson.worker2', password_hash, 'Lê Văn Hai', 'social_worker', agency_id FROM users WHERE username = 'vanson.social_worker' RETURNING id`,
    );
    const sw = 'vanson.social_worker';
    const sup = 'vanson.supervisor';
    const takeUp = async (caseId: string, worker: string, as = sw) => {
      await apply(t, sup, caseId, 'ASSIGN', { assigneeId: worker });
      await apply(t, as, caseId, 'START_VERIFICATION');
    };

    clock.set(T0);
    // A: W1, verifying. B: W1, verifying, reported in immediate danger (its 12-hour response missed).
    // C: W2, received (sexual abuse). D: nobody, received, a 16-year-old from Thôn Đông.
    // E: W1's, closed as a duplicate of A. F: Ngọc Liên's. H: received in February, nobody.
    const A = await intake(t, sw, { receivedAt: iso(T0) });
    const B = await intake(t, sw, { receivedAt: iso(T0), immediateDanger: true });
    const C = await intake(t, sw, { receivedAt: iso(T0), incident: { types: ['sexual_abuse'], description: 'Nghi bị xâm hại' } });
    const D = await intake(t, sw, { receivedAt: iso(T0), child: { fullName: 'Đỗ Văn Dũng', sex: 'male', dateOfBirth: '2009-06-01', village: 'Thôn Đông' } });
    const E = await intake(t, sw, { receivedAt: iso(T0) });
    const F = await intake(t, 'ngoclien.social_worker', { receivedAt: iso(T0), communeCode: 'ngoc-lien' });
    const H = await intake(t, sw, { receivedAt: '2026-02-20T01:00:00Z', channel: 'police' });
    ids = { A, B, C, D, E, F, H };
    clock.set(T0 + HOUR);
    await takeUp(A.id, w1);
    await takeUp(B.id, w1);
    await apply(t, 'vanson.supervisor', C.id, 'ASSIGN', { assigneeId: w2 });
    await apply(t, 'vanson.supervisor', E.id, 'ASSIGN', { assigneeId: w1 });
    await apply(t, sw, E.id, 'MARK_DUPLICATE', { ofCaseId: A.id });
    await apply(t, 'ngoclien.supervisor', F.id, 'ASSIGN', { assigneeId: nlWorker });

    // Monday 20:00: B's emergency response is missed; its timer fires.
    clock.set(T0 + 13 * HOUR);
    const firing = new DeadlineFiringService(t.app.get(Db), t.app.get(WorkflowEngine), t.app.get(DeadlinesService), clock);
    const due: Array<{ id: string }> = await t.ds.query(`SELECT id FROM deadlines WHERE status = 'pending' AND due_at <= $1`, [new Date(T0 + 13 * HOUR)]);
    expect(due.length).toBeGreaterThan(0);
    for (const d of due) expect((await firing.fire(d.id)).result).toBe('fired');
    clock.set(T1);
  });

  afterAll(() => t?.close());

  describe('caseload per worker', () => {
    it('gives each Vân Sơn worker’s open cases by stage, overdue, due this week and high risk, exactly', async () => {
      const res = await get('vanson.supervisor', '/casework/caseload');
      expect(res.status).toBe(200);
      expect(res.body.weekEnds).toBe('2026-03-08');
      const pick = ({ fullName, open, byStage, overdue, dueThisWeek, highRisk, communeCode }: Record<string, unknown>) =>
        ({ fullName, open, byStage, overdue, dueThisWeek, highRisk, communeCode });
      expect(res.body.workers.map(pick)).toEqual([
        { fullName: 'Demo social_worker Xã Vân Sơn', communeCode: 'van-son', open: 2, byStage: [{ state: 'verifying', count: 2 }], overdue: 1, dueThisWeek: 1, highRisk: 1 },
        { fullName: 'Lê Văn Hai', communeCode: 'van-son', open: 1, byStage: [{ state: 'received', count: 1 }], overdue: 0, dueThisWeek: 1, highRisk: 0 },
      ]);
      expect(res.body.unassigned).toEqual({ open: 2, byStage: [{ state: 'received', count: 2 }], overdue: 1, dueThisWeek: 1, highRisk: 0 });
    });

    it('the chair sees the same; the province sees every commune, and one commune when asked', async () => {
      const chair = await get('vanson.chair', '/casework/caseload');
      expect(chair.status).toBe(200);
      expect(chair.body.workers.map((w: { userId: string }) => w.userId)).toEqual([w1, w2]);
      const province = await get('thanhhoa.supervisor', '/casework/caseload');
      expect(province.status).toBe(200);
      expect(province.body.workers.find((w: { userId: string }) => w.userId === nlWorker)).toMatchObject({ communeCode: 'ngoc-lien', open: 1 });
      const one = await get('thanhhoa.supervisor', '/casework/caseload', { communeCode: 'ngoc-lien' });
      expect(one.body.workers.map((w: { userId: string }) => w.userId)).toEqual([nlWorker]);
      expect(one.body.unassigned.open).toBe(0);
    });

    it('another commune’s figures are not the caller’s: 404 for a commune outside scope; partners and workers 403', async () => {
      expect((await get('vanson.supervisor', '/casework/caseload', { communeCode: 'ngoc-lien' })).status).toBe(404);
      expect((await get('hanoi.supervisor', '/casework/caseload', { communeCode: 'van-son' })).status).toBe(404);
      const other = await get('ngoclien.supervisor', '/casework/caseload');
      expect(other.body.workers.map((w: { userId: string }) => w.userId)).toEqual([nlWorker]);
      expect((await get('vanson.police', '/casework/caseload')).status).toBe(403);
      expect((await get('vanson.social_worker', '/casework/caseload')).status).toBe(403);
      const bad = await get('vanson.supervisor', '/casework/caseload', { communeCode: '' });
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields.communeCode[0]).toMatch(/ký tự .* characters/);
    });

    it('drills into a worker’s cases through the case list', async () => {
      expect(await listed('vanson.supervisor', { assignee: w1 })).toEqual([ids.A.code, ids.B.code, ids.E.code].sort());
      expect(await listed('vanson.supervisor', { assignee: w1, overdue: true })).toEqual([ids.B.code]);
    });
  });

  describe('agenda', () => {
    it('a worker’s own: the missed emergency response, then today’s verification, with the time left', async () => {
      const res = await get('vanson.social_worker', '/casework/agenda');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ scope: 'mine', today: '2026-03-04', weekEnds: '2026-03-08' });
      expect(res.body.items.map((i: Record<string, unknown>) => [i.caseCode, i.deadline, i.when, i.secondsLeft, i.workingDaysLeft])).toEqual([
        [ids.B.code, 'emergency_response', 'overdue', -(T1 - (T0 + 12 * HOUR)) / 1000, 0],
        [ids.A.code, 'initial_assessment', 'today', 14 * 3600, 0],
      ]);
      expect(res.body.items[1]).toMatchObject({ stage: 'verifying', owedBy: { type: 'worker', id: w1 }, titleVi: expect.any(String), titleEn: expect.any(String) });
    });

    it('the commune’s, for the supervisor: every open case deadline due by Sunday, whoever owes it', async () => {
      const res = await get('vanson.supervisor', '/casework/agenda', { scope: 'commune' });
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: Record<string, unknown>) => [i.caseCode, i.deadline, i.when])).toEqual([
        // H, received in February: both its verification and its plan are late.
        [ids.H.code, 'initial_assessment', 'overdue'],
        [ids.H.code, 'plan_submission', 'overdue'],
        [ids.B.code, 'emergency_response', 'overdue'],
        ...[ids.A.code, ids.C.code, ids.D.code].sort().map((code) => [code, 'initial_assessment', 'today']),
      ]);
      const d = res.body.items.find((i: { caseCode: string }) => i.caseCode === ids.D.code);
      expect(d.owedBy).toEqual({ type: 'worker', id: null, name: null });
      expect((await get('vanson.supervisor', '/casework/agenda')).body.items).toEqual([]);
      expect((await get('vanson.chair', '/casework/agenda')).body.items).toEqual([]);
    });

    it('refuses the commune’s agenda to a worker (403), partners (403) and bad input (400, bilingual)', async () => {
      expect((await get('vanson.social_worker', '/casework/agenda', { scope: 'commune' })).status).toBe(403);
      expect((await get('vanson.health', '/casework/agenda')).status).toBe(403);
      const bad = await get('vanson.supervisor', '/casework/agenda', { scope: 'province' });
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields.scope).toEqual(['scope phải là mine hoặc commune / scope must be mine or commune']);
      // Ngọc Liên's supervisor: Ngọc Liên's case only.
      expect((await get('ngoclien.supervisor', '/casework/agenda', { scope: 'commune' })).body.items
        .map((i: { caseCode: string }) => i.caseCode)).toEqual([ids.F.code]);
    });
  });
});
