/**
 * Oversight figures from cases driven through the real API on a controlled clock, so every
 * timestamp — and so every figure — is known exactly. Deadlines are fired through the production
 * firing path (DEADLINE_EXPIRED through the engine) at the moment the clock says.
 */
import { Clock } from '../src/common/clock';
import { Db } from '../src/database/db';
import { DeadlineFiringService } from '../src/timers/deadline-firing.service';
import { DeadlinesService } from '../src/deadlines/deadlines.service';
import { WorkflowEngine } from '../src/engine/workflow-engine';
import { bootTestApp, TestApp } from './support/test-app';
import { apply, intake, send, userId } from './support/fixtures';

const HOUR = 3_600_000;
/** Monday 2 March 2026, 08:00 in Vietnam. */
const T0 = Date.parse('2026-03-02T01:00:00Z');
/** Thursday 12 March 2026, 08:00 in Vietnam: when the figures are read. */
const T1 = Date.parse('2026-03-12T01:00:00Z');

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

describe('oversight: overdue board, SLA figures, statistics (e2e)', () => {
  const clock = new TestClock();
  let t: TestApp;
  let ids: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H', { id: string; code: string }>;
  let workerId: string;
  let chairId: string;
  let healthAgencyId: string;

  const at = (hours: number) => clock.set(T0 + hours * HOUR);
  const get = async (as: string, path: string, query: Record<string, unknown> = {}) =>
    t.http.get(`/api/v1${path}`).query(query).set('Authorization', await t.login(as));
  const handoffOf = async (caseId: string) => (await t.ds.query(`SELECT id FROM handoffs WHERE case_id = $1`, [caseId]))[0].id as string;
  const deadlineId = async (caseId: string, key: string) =>
    (await t.ds.query(`SELECT id FROM deadlines WHERE case_id = $1 AND key = $2 AND status IN ('pending', 'breached')`, [caseId, key]))[0].id as string;

  beforeAll(async () => {
    t = await bootTestApp({ clock });
    workerId = await userId(t, 'vanson.social_worker');
    chairId = await userId(t, 'vanson.chair');
    [{ id: healthAgencyId }] = await t.ds.query(`SELECT id FROM agencies WHERE type = 'health_station' AND commune_code = 'van-son'`);
    const sw = 'vanson.social_worker';
    const verify = (caseId: string) =>
      apply(t, sw, caseId, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'medium', substantiated: true, summary: 'Có cơ sở' });
    const assess = (caseId: string) => apply(t, sw, caseId, 'RECORD_ASSESSMENT', { needs: ['y tế'], summary: 'Cần hỗ trợ' });
    const plan = (caseId: string, actions: unknown[] = []) => apply(t, sw, caseId, 'SUBMIT_PLAN', { goals: 'Trẻ an toàn', actions });
    const takeUp = async (caseId: string) => {
      await apply(t, 'vanson.supervisor', caseId, 'ASSIGN', { assigneeId: workerId });
      await apply(t, sw, caseId, 'START_VERIFICATION');
    };

    at(0);
    // A: everything on time, closed with the child safe. B: never taken up. C: verified late, its plan
    // never decided. D: on time, but the health station never answers. G: a duplicate of B.
    // H: a report written down six weeks late. E (Ngọc Liên, same province) and F (Nam Phù, Hà Nội): left alone.
    const A = await intake(t, sw, { receivedAt: iso(T0) });
    const B = await intake(t, sw, { receivedAt: iso(T0), child: { sex: 'male', approxAgeYears: 4 } });
    const C = await intake(t, sw, { receivedAt: iso(T0), child: { sex: 'unknown' }, incident: { types: ['sexual_abuse', 'online_abuse'], description: 'Nghi bị xâm hại' } });
    const D = await intake(t, sw, { receivedAt: iso(T0), channel: 'school' });
    const G = await intake(t, sw, { receivedAt: iso(T0) });
    const H = await intake(t, sw, { receivedAt: '2026-01-20T01:00:00Z', channel: 'police', child: { sex: 'female', dateOfBirth: '2009-01-01' } });
    const E = await intake(t, 'ngoclien.social_worker', { receivedAt: '2026-02-23T01:00:00Z', communeCode: 'ngoc-lien' });
    const F = await intake(t, 'namphu.social_worker', { receivedAt: iso(T0), communeCode: 'nam-phu' });
    ids = { A, B, C, D, E, F, G, H };

    at(1);
    for (const c of [A, C, D]) await takeUp(c.id);
    await apply(t, sw, G.id, 'MARK_DUPLICATE', { ofCaseId: B.id });
    at(2);
    await verify(D.id);
    at(3);
    await assess(D.id);
    at(4);
    await plan(D.id, [{ kind: 'medical_care', agencyType: 'health_station', dueInDays: 2 }]);
    at(5);
    await apply(t, 'vanson.chair', D.id, 'APPROVE_PLAN');
    at(6);
    await takeUp(H.id);
    await verify(H.id);
    await assess(H.id);
    await plan(H.id);
    await apply(t, 'vanson.chair', H.id, 'APPROVE_PLAN');
    at(10);
    await verify(A.id);
    at(14);
    await verify(C.id);
    at(24);
    await assess(A.id);
    at(26);
    await assess(C.id);
    at(48);
    await plan(A.id, [{ kind: 'medical_care', agencyType: 'health_station', dueInDays: 3 }]);
    at(50);
    await apply(t, 'vanson.chair', A.id, 'APPROVE_PLAN');
    await plan(C.id);
    const health = await t.login('vanson.health');
    const handoffA = await handoffOf(A.id);
    at(52);
    expect((await t.http.post(`/api/v1/handoffs/${handoffA}/accept`).set('Authorization', health)).status).toBe(200);
    at(60);
    expect((await t.http.post(`/api/v1/handoffs/${handoffA}/complete`).set('Authorization', health).send({ outcome: 'Đã khám' })).status).toBe(200);
    at(72);
    await apply(t, sw, A.id, 'RECORD_REVIEW', { summary: 'Trẻ ổn định', childSafe: true });
    at(73);
    await apply(t, sw, A.id, 'PROPOSE_CLOSURE', { reason: 'Trẻ đã an toàn' });
    at(74);
    expect((await apply(t, 'vanson.chair', A.id, 'APPROVE_CLOSURE')).outcome).toBe('child_safe');

    // Ten days on, the timers fire: B's verification twice (a day past its breach, to the chair).
    clock.set(T1);
    const firing = new DeadlineFiringService(t.app.get(Db), t.app.get(WorkflowEngine), t.app.get(DeadlinesService), clock);
    const handoffD = (await t.ds.query(`SELECT id FROM deadlines WHERE handoff_id = $1 ORDER BY due_at`, [await handoffOf(D.id)]))
      .map((r: { id: string }) => r.id);
    const toFire = [
      await deadlineId(B.id, 'initial_assessment'), await deadlineId(B.id, 'initial_assessment'), await deadlineId(B.id, 'plan_submission'),
      await deadlineId(C.id, 'plan_approval'), ...handoffD,
      await deadlineId(E.id, 'initial_assessment'), await deadlineId(F.id, 'initial_assessment'), await deadlineId(F.id, 'plan_submission'),
    ];
    for (const id of toFire) expect((await firing.fire(id)).result).toBe('fired');
  });
  afterAll(() => t.close());

  describe('GET /oversight/overdue', () => {
    const breached = new Date(T1).toISOString();

    it('lists every open missed deadline and overdue handoff of the commune, most late first, with who owes the step', async () => {
      const res = await get('vanson.supervisor', '/oversight/overdue');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 5, page: 1, pageSize: 20 });
      const health = { type: 'agency', id: healthAgencyId, name: 'Trạm Y tế xã Vân Sơn' };
      const unassigned = { type: 'worker', id: null, name: 'Chưa phân công: giám sát viên Xã Vân Sơn / Unassigned: the supervisors of Xã Vân Sơn' };
      expect(res.body.items.map((i: Record<string, unknown>) => [i.caseCode, i.kind, i.deadline, i.stage, i.lateSeconds, i.escalationLevel, i.owedBy]))
        .toEqual([
          [ids.D.code, 'handoff', 'acceptance_normal', 'intervening', 200 * 3600, 1, health],
          [ids.D.code, 'handoff', 'completion', 'intervening', 187 * 3600, 1, health],
          [ids.B.code, 'deadline', 'initial_assessment', 'received', 176 * 3600, 2, unassigned],
          [ids.C.code, 'deadline', 'plan_approval', 'awaiting_plan_approval', 128 * 3600, 1, { type: 'chair', id: chairId, name: 'Demo chair Xã Vân Sơn' }],
          [ids.B.code, 'deadline', 'plan_submission', 'received', 56 * 3600, 1, unassigned],
        ]);
      const [first] = res.body.items;
      expect(first).toMatchObject({
        caseId: ids.D.id, communeCode: 'van-son', dueAt: '2026-03-03T17:00:00.000Z', breachedAt: breached,
        titleVi: 'Cơ quan tiếp nhận yêu cầu phối hợp trong 1 ngày làm việc', titleEn: 'Agency accepts a request within 1 working day',
        handoffId: await handoffOf(ids.D.id), handoffKind: 'medical_care',
      });
      expect(res.body.items[2]).not.toHaveProperty('handoffId');
      // The chair sees the same board.
      expect((await get('vanson.chair', '/oversight/overdue')).body.items.map((i: { deadlineId: string }) => i.deadlineId))
        .toEqual(res.body.items.map((i: { deadlineId: string }) => i.deadlineId));
    });

    it('gives province-level staff every commune of their province, never another province’s', async () => {
      for (const who of ['thanhhoa.supervisor', 'vanson.auditor']) {
        const res = await get(who, '/oversight/overdue');
        expect(res.status).toBe(200);
        expect(res.body.items.map((i: Record<string, unknown>) => [i.caseCode, i.deadline, i.lateSeconds, i.breachedAt, i.escalationLevel]))
          .toEqual([
            [ids.E.code, 'initial_assessment', 344 * 3600, breached, 1],
            // Past due, its timer not fired yet: on the board all the same.
            [ids.E.code, 'plan_submission', 224 * 3600, null, 0],
            [ids.D.code, 'acceptance_normal', 200 * 3600, breached, 1],
            [ids.D.code, 'completion', 187 * 3600, breached, 1],
            [ids.B.code, 'initial_assessment', 176 * 3600, breached, 2],
            [ids.C.code, 'plan_approval', 128 * 3600, breached, 1],
            [ids.B.code, 'plan_submission', 56 * 3600, breached, 1],
          ]);
      }
      const hanoi = await get('hanoi.supervisor', '/oversight/overdue');
      expect(hanoi.body.items.map((i: { caseCode: string }) => i.caseCode)).toEqual([ids.F.code, ids.F.code]);
    });

    it('filters by commune, stage, agency and worker, and pages', async () => {
      const codes = async (as: string, query: Record<string, unknown>) =>
        (await get(as, '/oversight/overdue', query)).body.items.map((i: { caseCode: string; deadline: string }) => `${i.caseCode} ${i.deadline}`);
      expect(await codes('thanhhoa.supervisor', { communeCode: 'ngoc-lien' })).toEqual([`${ids.E.code} initial_assessment`, `${ids.E.code} plan_submission`]);
      expect(await codes('vanson.supervisor', { communeCode: 'ngoc-lien' })).toEqual([]);
      expect(await codes('thanhhoa.supervisor', { communeCode: 'nam-phu' })).toEqual([]);
      expect(await codes('vanson.supervisor', { stage: 'received' })).toEqual([`${ids.B.code} initial_assessment`, `${ids.B.code} plan_submission`]);
      expect(await codes('vanson.supervisor', { stage: 'awaiting_plan_approval' })).toEqual([`${ids.C.code} plan_approval`]);
      expect(await codes('vanson.supervisor', { agencyId: healthAgencyId })).toEqual([`${ids.D.code} acceptance_normal`, `${ids.D.code} completion`]);
      expect(await codes('vanson.supervisor', { assigneeId: workerId }))
        .toEqual([`${ids.D.code} acceptance_normal`, `${ids.D.code} completion`, `${ids.C.code} plan_approval`]);
      const page2 = await get('vanson.supervisor', '/oversight/overdue', { page: 2, pageSize: 2 });
      expect(page2.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
      expect(page2.body.items.map((i: { deadline: string }) => i.deadline)).toEqual(['initial_assessment', 'plan_approval']);
      const beyond = await get('vanson.supervisor', '/oversight/overdue', { page: 9, pageSize: 2 });
      expect(beyond.body).toEqual({ items: [], total: 5, page: 9, pageSize: 2 });
    });

    it('answers bad filters with 400 and field errors', async () => {
      const res = await get('vanson.supervisor', '/oversight/overdue', { stage: 'lost', agencyId: 'x', assigneeId: '1', pageSize: 1000, extra: 1 });
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.details.fields).sort()).toEqual(['agencyId', 'assigneeId', 'extra', 'pageSize', 'stage']);
    });
  });

  it('lets a supervisor record a supervision finding on a late case, on its timeline; workers may not', async () => {
    const note = { text: 'Đã nhắc chủ tịch phê duyệt kế hoạch trong ngày', kind: 'supervision' };
    expect((await send(t, 'vanson.social_worker', ids.C.id, 'ADD_NOTE', note)).status).toBe(403);
    expect((await send(t, 'vanson.auditor', ids.C.id, 'ADD_NOTE', note)).status).toBe(403);
    await apply(t, 'vanson.supervisor', ids.C.id, 'ADD_NOTE', note);
    const timeline = await get('vanson.chair', `/cases/${ids.C.id}/timeline`);
    const notes = timeline.body.items.filter((i: { type?: string }) => i.type === 'ADD_NOTE');
    expect(notes).toEqual([expect.objectContaining({ data: note, actor: expect.objectContaining({ role: 'supervisor' }), at: new Date(T1).toISOString() })]);
  });

  describe('GET /oversight/sla', () => {
    const window = { from: '2026-03-01', to: '2026-04-30' };

    it('gives exact on-time rates per deadline and agency, time per stage and long-open cases', async () => {
      const res = await get('vanson.supervisor', '/oversight/sla', window);
      expect(res.status).toBe(200);
      expect(res.body.from).toBe('2026-03-01');
      expect(res.body.to).toBe('2026-04-30');
      expect(res.body.deadlines.map((d: Record<string, unknown>) => [d.key, d.total, d.onTime, d.late, d.open, d.onTimeRate])).toEqual([
        ['initial_assessment', 4, 3, 1, 0, 0.75],
        ['plan_submission', 4, 3, 1, 0, 0.75],
        ['plan_approval', 4, 3, 1, 0, 0.75],
        ['review', 3, 1, 0, 2, 1],
        ['closure_approval', 1, 1, 0, 0, 1],
        ['acceptance_normal', 2, 1, 1, 0, 0.5],
        ['completion', 2, 1, 1, 0, 0.5],
      ]);
      expect(res.body.deadlines[0]).toMatchObject({ titleVi: 'Xác minh và đánh giá nguy cơ ban đầu', titleEn: 'Verification and initial risk assessment' });
      expect(res.body.agencies).toEqual([
        { agencyId: healthAgencyId, name: 'Trạm Y tế xã Vân Sơn', type: 'health_station', total: 2, acceptedOnTime: 1, completedOnTime: 1, onTimeRate: 0.5 },
      ]);
      expect(res.body.stages).toEqual([
        { stage: 'received', count: 5, medianHours: 1, p90Hours: 594.4 },
        { stage: 'verifying', count: 4, medianHours: 5, p90Hours: 11.8 },
        { stage: 'assessing', count: 4, medianHours: 6.5, p90Hours: 13.4 },
        { stage: 'planning', count: 4, medianHours: 12.5, p90Hours: 24 },
        { stage: 'awaiting_plan_approval', count: 3, medianHours: 1, p90Hours: 1.8 },
        { stage: 'intervening', count: 1, medianHours: 23, p90Hours: 23 },
        { stage: 'awaiting_closure_approval', count: 1, medianHours: 1, p90Hours: 1 },
      ]);
      expect(res.body.openLongerThan).toEqual({ days30: 1, days60: 0, days90: 0 });
    });

    it('counts only what lies in the window and in scope', async () => {
      const april = await get('vanson.supervisor', '/oversight/sla', { from: '2026-04-01', to: '2026-04-30' });
      // A's first review was met in March; D's and H's still run.
      expect(april.body.deadlines.map((d: { key: string; open: number; onTime: number }) => [d.key, d.onTime, d.open])).toEqual([['review', 0, 2]]);
      expect(april.body.agencies).toEqual([]);
      expect(april.body.stages).toEqual([]);
      const province = await get('thanhhoa.supervisor', '/oversight/sla', window);
      // E's plan submission (Ngọc Liên, past due) joins; Nam Phù's never does.
      expect(province.body.deadlines.find((d: { key: string }) => d.key === 'plan_submission')).toMatchObject({ total: 5, onTime: 3, late: 2 });
      expect(province.body.deadlines.find((d: { key: string }) => d.key === 'initial_assessment')).toMatchObject({ total: 4 });
    });

    it('answers bad dates with 400 and field errors', async () => {
      for (const [query, fields] of [
        [{ from: '2026-02-30', to: '2026-03-01' }, ['from']],
        [{ from: '2026-03-01' }, ['to']],
        [{ from: '1/3/2026', to: 'soon' }, ['from', 'to']],
        [{ from: '2026-03-02', to: '2026-03-01' }, ['to']],
      ] as const) {
        const res = await get('vanson.supervisor', '/oversight/sla', query);
        expect(res.status).toBe(400);
        expect(Object.keys(res.body.details.fields).sort()).toEqual(fields);
      }
    });
  });

  describe('GET /statistics', () => {
    it('counts the period’s abused children and the plans’ indicators exactly', async () => {
      const res = await get('vanson.supervisor', '/statistics', { period: '2026-H1' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ period: '2026-H1', from: '2026-01-01', to: '2026-06-30' });
      // A, C and D: substantiated, under 16. B is not (yet) verified, G a duplicate, H 17 years old.
      expect(res.body.childrenAbused).toMatchObject({
        total: 3, supported: 2, bySex: { female: 2, male: 0, unknown: 1 }, byAgeGroup: { '0-5': 0, '6-10': 2, '11-15': 0, unknown: 1 },
      });
      expect(res.body.childrenAbused.byAbuseType).toMatchObject({ physical_violence: 2, sexual_abuse: 1, online_abuse: 1, neglect: 0 });
      expect(res.body.adolescentsAbused).toMatchObject({ total: 1, supported: 1, bySex: { female: 1, male: 0, unknown: 0 } });
      expect(res.body.reports).toMatchObject({
        total: 6, byChannel: { hotline_111: 4, school: 1, police: 1, citizen: 0 },
        byOutcome: { open: 4, child_safe: 1, resolved: 0, unfounded: 0, duplicate: 1 },
        notCounted: { duplicate: 1, unfounded: 0, notSubstantiated: 1, injuryOnly: 0 },
      });
      expect(res.body.indicators).toEqual({
        // Each against its own deadline: A, C, D verified within their 2 working days; B breached, H late.
        verifiedOnTime: { numerator: 3, denominator: 5, rate: 0.6 },
        // Drafting: A, C, D submitted within 5 working days; B breached, H late.
        planDraftedOnTime: { numerator: 3, denominator: 5, rate: 0.6 },
        closedChildSafe: { numerator: 1, denominator: 1, rate: 1 },
      });
      expect(res.body.definitions.find((d: { key: string }) => d.key === 'childrenAbused')).toMatchObject({ code: '0101' });
      expect((await get('thanhhoa.supervisor', '/statistics', { period: '2026' })).body.reports.total).toBe(7);
      expect((await get('hanoi.supervisor', '/statistics', { period: '2026' })).body.reports.total).toBe(1);
      expect((await get('vanson.supervisor', '/statistics', { period: '2026-H2' })).body.reports.total).toBe(0);
    });

    it('exports CSV with Vietnamese and English headers as an attachment', async () => {
      const res = await t.http.get('/api/v1/statistics').query({ period: '2026-H1' })
        .set('Authorization', await t.login('vanson.chair')).set('Accept', 'text/csv').buffer(true).parse((r, done) => {
          let body = '';
          r.setEncoding('utf8');
          r.on('data', (chunk: string) => (body += chunk));
          r.on('end', () => done(null, body));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="baove-thong-ke-2026-H1.csv"');
      const lines = (res.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toBe('Kỳ báo cáo / Period,Từ ngày / From,Đến ngày / To,Nhóm / Group,Chỉ tiêu / Item,Mã / Code,Giá trị / Value,Tử số / Numerator,Mẫu số / Denominator');
      expect(lines).toContain('2026-H1,2026-01-01,2026-06-30,Tin báo tiếp nhận / Reports received,Tổng số / Total,total,6,,');
      expect(lines).toContain('2026-H1,2026-01-01,2026-06-30,Chỉ tiêu kế hoạch / Plan indicators,Tỷ lệ tin báo được xác minh đúng hạn / Share verified on time,verifiedOnTime,0.6,3,5');
    });

    it('answers a bad period with 400 and a field error', async () => {
      for (const period of ['2026-H3', '26', '2026-Q1', '1999']) {
        const res = await get('vanson.supervisor', '/statistics', { period });
        expect(res.status).toBe(400);
        expect(Object.keys(res.body.details.fields)).toEqual(['period']);
      }
      expect((await get('vanson.supervisor', '/statistics')).status).toBe(400);
    });
  });

  it('leaves a closed case off the board but still counts its breached deadlines as missed', async () => {
    await apply(t, 'vanson.social_worker', ids.B.id, 'MARK_DUPLICATE', { ofCaseId: ids.C.id });
    const board = await get('vanson.supervisor', '/oversight/overdue');
    expect(board.body.items.map((i: { caseCode: string }) => i.caseCode)).not.toContain(ids.B.code);
    expect(board.body.total).toBe(3);
    const sla = await get('vanson.supervisor', '/oversight/sla', { from: '2026-03-01', to: '2026-04-30' });
    expect(sla.body.deadlines.slice(0, 2).map((d: Record<string, unknown>) => [d.key, d.onTime, d.late])).toEqual([
      ['initial_assessment', 3, 1], ['plan_submission', 3, 1],
    ]);
  });

  it('is for supervisors, the chair and auditors only', async () => {
    for (const who of ['vanson.social_worker', 'vanson.police', 'vanson.health', 'vanson.hotline_operator', 'vanson.admin', 'vanson.legal_aid']) {
      for (const [path, query] of [['/oversight/overdue', {}], ['/oversight/sla', { from: '2026-03-01', to: '2026-03-31' }], ['/statistics', { period: '2026' }]] as const) {
        expect((await get(who, path, query)).status).toBe(403);
      }
    }
    expect((await t.http.get('/api/v1/oversight/overdue')).status).toBe(401);
  });
});
