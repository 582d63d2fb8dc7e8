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

  const get = async (as: string, path: string, query: Record<string, string | number | boolean> = {}) =>
    t.http.get(`/api/v1${path}`).query(query).set('Authorization', await t.login(as));
  const post = async (as: string, path: string, body: object) =>
    t.http.post(`/api/v1${path}`).set('Authorization', await t.login(as)).send(body);
  const version = async (id: string) => (await t.ds.query(`SELECT version FROM cases WHERE id = $1`, [id]))[0].version as number;
  const listed = async (as: string, query: Record<string, string | number | boolean>) => {
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

  describe('flags', () => {
    let flagId: string;
    it('a worker flags a case with a reason and a note; it shows on the list and in its history', async () => {
      const res = await post('vanson.social_worker', `/cases/${ids.A.id}/flags`, { reason: 'safety_concern', note: 'Hàng xóm báo trẻ vẫn bị đánh' });
      expect(res.status).toBe(201);
      expect(res.body.flag).toMatchObject({ caseId: ids.A.id, reason: 'safety_concern', open: true, flaggedBy: { id: w1 }, clearedBy: null });
      flagId = res.body.flag.id;
      expect((await post('vanson.supervisor', `/cases/${ids.A.id}/flags`, { reason: 'safety_concern' })).status).toBe(409);
      expect((await post('vanson.supervisor', `/cases/${ids.C.id}/flags`, { reason: 'data_quality' })).status).toBe(201);
      const list = await get('vanson.supervisor', '/cases', { pageSize: 100 });
      const a = list.body.items.find((i: { id: string }) => i.id === ids.A.id);
      expect(a.flags).toEqual(['safety_concern']);
      const [audit] = await t.ds.query(`SELECT action, entity_id FROM audit_log WHERE action = 'case.flagged' AND case_id = $1`, [ids.A.id]);
      expect(audit).toEqual({ action: 'case.flagged', entity_id: flagId });
    });

    it('refuses bad reasons and a reason "other" without a note (bilingual), partners and other communes', async () => {
      const bad = await post('vanson.supervisor', `/cases/${ids.A.id}/flags`, { reason: 'gut_feeling' });
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields.reason[0]).toMatch(/^reason phải là một trong: .* \/ reason must be one of: /);
      const other = await post('vanson.supervisor', `/cases/${ids.A.id}/flags`, { reason: 'other' });
      expect(other.status).toBe(400);
      expect(other.body.details.fields.note).toHaveLength(1);
      expect((await post('ngoclien.supervisor', `/cases/${ids.A.id}/flags`, { reason: 'needs_review' })).status).toBe(404);
      expect((await get('ngoclien.supervisor', `/cases/${ids.A.id}/flags`)).status).toBe(404);
      expect((await post('vanson.police', `/cases/${ids.A.id}/flags`, { reason: 'needs_review' })).status).toBe(403);
      expect((await get('vanson.police', `/cases/${ids.A.id}/flags`)).status).toBe(403);
      expect((await post('vanson.chair', `/cases/${ids.A.id}/flags`, { reason: 'needs_review' })).status).toBe(403);
      expect((await get('vanson.supervisor', `/cases/not-a-uuid/flags`)).status).toBe(400);
    });

    it('clears a flag once (kept in the history, audited); the list then shows none', async () => {
      const res = await post('vanson.supervisor', `/cases/${ids.A.id}/flags/${flagId}/clear`, { note: 'Đã đến nhà, trẻ an toàn' });
      expect(res.status).toBe(200);
      expect(res.body.flag).toMatchObject({ open: false, clearNote: 'Đã đến nhà, trẻ an toàn', clearedBy: { id: await userId(t, 'vanson.supervisor') } });
      expect((await post('vanson.supervisor', `/cases/${ids.A.id}/flags/${flagId}/clear`, {})).status).toBe(409);
      expect((await post('vanson.supervisor', `/cases/${ids.B.id}/flags/${flagId}/clear`, {})).status).toBe(404);
      const history = await get('vanson.auditor', `/cases/${ids.A.id}/flags`);
      expect(history.status).toBe(200);
      expect(history.body.items.map((f: { reason: string; open: boolean }) => [f.reason, f.open])).toEqual([['safety_concern', false]]);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.flag_cleared' AND entity_id = $1`, [flagId]);
      expect(n).toBe(1);
    });
  });

  describe('case-list filters', () => {
    it('each filter narrows the Vân Sơn list to exactly its cases', async () => {
      const sup = 'vanson.supervisor';
      const all = [ids.A, ids.B, ids.C, ids.D, ids.E, ids.H].map((c) => c.code).sort();
      expect(await listed(sup, {})).toEqual(all);
      expect(await listed(sup, { abuseType: 'sexual_abuse' })).toEqual([ids.C.code]);
      expect(await listed(sup, { ageGroup: '16_17' })).toEqual([ids.D.code]);
      expect(await listed(sup, { ageGroup: 'under_16' })).toEqual(all.filter((c) => c !== ids.D.code));
      expect(await listed(sup, { village: 'thon dong' })).toEqual([ids.D.code]);
      expect(await listed(sup, { village: 'THÔN ĐÔNG' })).toEqual([ids.D.code]);
      expect(await listed(sup, { receivedTo: '2026-02-28' })).toEqual([ids.H.code]);
      expect(await listed(sup, { receivedFrom: '2026-03-02', receivedTo: '2026-03-02' })).toEqual(all.filter((c) => c !== ids.H.code));
      expect(await listed(sup, { receivedFrom: '2026-03-03' })).toEqual([]);
      expect(await listed(sup, { state: 'received' })).toEqual([ids.C.code, ids.D.code, ids.H.code].sort());
      expect(await listed(sup, { risk: 'immediate_danger' })).toEqual([ids.B.code]);
      expect(await listed(sup, { assignee: 'none' })).toEqual([ids.D.code, ids.H.code].sort());
      expect(await listed(sup, { flagged: true })).toEqual([ids.C.code]);
      expect(await listed(sup, { flagged: false })).toEqual(all.filter((c) => c !== ids.C.code));
      expect(await listed(sup, { flag: 'data_quality' })).toEqual([ids.C.code]);
      expect(await listed(sup, { flag: 'safety_concern' })).toEqual([]);
      // Combined: the filters narrow together.
      expect(await listed(sup, { state: 'received', assignee: 'none', ageGroup: 'under_16' })).toEqual([ids.H.code]);
      // Another commune's cases never appear, whatever the filter.
      expect(await listed('ngoclien.supervisor', { abuseType: 'physical_violence' })).toEqual([ids.F.code]);
    });

    it('bad values are 400 with Vietnamese and English field errors', async () => {
      const cases: Array<[Record<string, string>, string]> = [
        [{ risk: 'extreme' }, 'risk'], [{ abuseType: 'x' }, 'abuseType'], [{ ageGroup: '0-5' }, 'ageGroup'], [{ receivedFrom: '2026-3-1' }, 'receivedFrom'],
        [{ receivedTo: '2026-02-30' }, 'receivedTo'], [{ flagged: 'yes' }, 'flagged'], [{ flag: 'x' }, 'flag'], [{ village: '' }, 'village'],
        [{ receivedFrom: '2026-03-05', receivedTo: '2026-03-01' }, 'receivedTo'], [{ assignee: 'nobody' }, 'assignee'], [{ state: 'x' }, 'state'],
      ];
      for (const [query, field] of cases) {
        const res = await get('vanson.supervisor', '/cases', query);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.details.fields[field][0]).toMatch(/ \/ /);
      }
      // Partners know the child only through their handoff: no filtering by the child's village or age.
      const partner = await get('vanson.police', '/cases', { village: 'Thôn Đông' });
      expect(partner.status).toBe(400);
      expect(partner.body.details.fields.village).toHaveLength(1);
      expect((await get('vanson.police', '/cases', { risk: 'high' })).status).toBe(200);
    });
  });

  describe('bulk reassign', () => {
    it('reassigns each case through its ASSIGN event; a stale version, another commune’s and an unknown case fail alone', async () => {
      const versions = { A: await version(ids.A.id), C: await version(ids.C.id), D: await version(ids.D.id), F: await version(ids.F.id) };
      const unknown = '00000000-0000-4000-8000-000000000000';
      const res = await post('vanson.supervisor', '/casework/reassign', {
        assigneeId: w2,
        cases: [
          { id: ids.A.id, expectedVersion: versions.A },
          { id: ids.C.id, expectedVersion: versions.C - 1 },
          { id: ids.F.id, expectedVersion: versions.F },
          { id: ids.D.id, expectedVersion: versions.D },
          { id: unknown, expectedVersion: 1 },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ assigneeId: w2, reassigned: 2, failed: 3 });
      expect(res.body.results.map((r: { caseId: string; status: number }) => [r.caseId, r.status])).toEqual([
        [ids.A.id, 200], [ids.C.id, 409], [ids.F.id, 404], [ids.D.id, 200], [unknown, 404],
      ]);
      expect(res.body.results[0]).toMatchObject({ code: ids.A.code, version: versions.A + 1 });
      expect(res.body.results[1].message).toMatch(new RegExp(`^Hồ sơ đã được người khác thay đổi .* / The case was changed by someone else \\(version ${versions.C}, you sent ${versions.C - 1}\\)`));
      expect(res.body.results[1].details).toEqual({ expectedVersion: versions.C - 1, currentVersion: versions.C });
      const rows: Array<{ id: string; assignee_id: string }> = await t.ds.query(`SELECT id, assignee_id FROM cases WHERE id = ANY($1)`, [[ids.A.id, ids.C.id, ids.D.id, ids.F.id]]);
      const assignee = Object.fromEntries(rows.map((r) => [r.id, r.assignee_id]));
      expect(assignee).toEqual({ [ids.A.id]: w2, [ids.C.id]: w2, [ids.D.id]: w2, [ids.F.id]: nlWorker });
      // Each one through the command path: on the timeline, audited, the worker notified.
      const timeline = await get('vanson.supervisor', `/cases/${ids.D.id}/timeline`);
      expect(timeline.body.items.filter((i: { type?: string }) => i.type === 'ASSIGN').map((i: { data: unknown }) => i.data)).toEqual([{ assigneeId: w2 }]);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.ASSIGN' AND case_id = $1`, [ids.D.id]);
      expect(n).toBe(1);
      const notified = await t.ds.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND case_id = $2 AND template = 'case_assigned'`, [w2, ids.D.id]);
      expect(notified).toHaveLength(1);
      const [batch] = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'casework.bulk_reassign'`);
      expect(batch.details).toEqual({ assigneeId: w2, reassigned: [ids.A.id, ids.D.id], failed: [
        { caseId: ids.C.id, status: 409 }, { caseId: ids.F.id, status: 404 }, { caseId: unknown, status: 404 }] });
      // The caseload follows.
      const load = await get('vanson.supervisor', '/casework/caseload');
      expect(load.body.workers.find((w: { userId: string }) => w.userId === w2).open).toBe(3);
    });

    it('refuses an assignee outside the supervisor’s communes, bad batches (400, bilingual), and everyone but supervisors (403)', async () => {
      const one = [{ id: ids.B.id, expectedVersion: await version(ids.B.id) }];
      const outside = await post('vanson.supervisor', '/casework/reassign', { assigneeId: nlWorker, cases: one });
      expect(outside.status).toBe(400);
      expect(outside.body.details.fields.assigneeId[0]).toMatch(/ \/ The assignee/);
      expect((await post('vanson.supervisor', '/casework/reassign', { assigneeId: await userId(t, 'vanson.chair'), cases: one })).status).toBe(400);
      const empty = await post('vanson.supervisor', '/casework/reassign', { assigneeId: w2, cases: [] });
      expect(empty.status).toBe(400);
      expect(empty.body.details.fields.cases).toEqual(['Chọn ít nhất một hồ sơ / Choose at least one case']);
      const twice = await post('vanson.supervisor', '/casework/reassign', { assigneeId: w2, cases: [...one, ...one] });
      expect(twice.status).toBe(400);
      const badVersion = await post('vanson.supervisor', '/casework/reassign', { assigneeId: w2, cases: [{ id: ids.B.id, expectedVersion: 0 }] });
      expect(Object.keys(badVersion.body.details.fields)).toEqual(['cases.0.expectedVersion']);
      for (const as of ['vanson.social_worker', 'vanson.chair', 'vanson.police', 'vanson.village_collaborator']) {
        expect((await post(as, '/casework/reassign', { assigneeId: w2, cases: one })).status).toBe(403);
      }
      // A province supervisor reassigns within their province.
      const province = await post('thanhhoa.supervisor', '/casework/reassign', { assigneeId: w1, cases: one });
      expect(province.body.results).toEqual([expect.objectContaining({ caseId: ids.B.id, status: 200 })]);
    });
  });
});
