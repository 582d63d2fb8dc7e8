/**
 * Decisions are documents (issue 16): approving a plan or a closure issues the commune's decision,
 * numbered per commune and year (Asia/Ho_Chi_Minh) without gap or duplicate — also under
 * concurrency and when an approval fails after its number was taken — dated and signed; read with
 * the case by whoever may read the case, never by partner agencies.
 */
import { Clock } from '../src/common/clock';
import { localDate, startOfLocalDay } from '../src/deadlines/business-calendar';
import { apply, intake, send, userId } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

/** The real time, unless a test sets another instant. */
class TestClock extends Clock {
  at: Date | null = null;
  now(): Date {
    return this.at ?? new Date();
  }
}

const SLUG: Record<string, string> = { 'van-son': 'vanson', 'ngoc-lien': 'ngoclien', 'nam-phu': 'namphu' };

const PLAN = {
  goals: 'Trẻ được an toàn, được chăm sóc y tế và hỗ trợ tâm lý',
  objectives: ['Khám và điều trị vết thương trong 5 ngày', 'Trẻ đi học lại đều'],
  actions: [{
    kind: 'medical_care', agencyType: 'health_station', dueInDays: 5, instructions: 'Khám sức khỏe, điều trị vết thương',
    activity: 'Khám tổng quát, chụp X-quang tay trái', responsible: 'Y sĩ Trạm Y tế', budget: 'Ngân sách xã',
  }],
  reviewOn: '2027-01-15',
};

interface Decision {
  id: string; kind: string; number: number; year: number; display: string; communeCode: string; eventSeq: number; decidedAt: string;
  effectiveOn: string | null; signer: { id: string | null; name: string; title: string }; body: Record<string, any>;
}

describe('decisions (e2e)', () => {
  let t: TestApp;
  const clock = new TestClock();

  const get = async (as: string, path: string) => t.http.get(`/api/v1${path}`).set('Authorization', await t.login(as));
  const counter = async (commune: string, year: number) =>
    Number((await t.ds.query(`SELECT last FROM decision_counters WHERE commune_code = $1 AND year = $2`, [commune, year]))[0]?.last ?? 0);
  const thisYear = () => Number(localDate(new Date()).slice(0, 4));

  /** A case of `commune` brought to its plan's approval (plan drafted by the commune's social worker). */
  async function awaitingPlan(commune: string, plan: Record<string, unknown> = PLAN) {
    const s = SLUG[commune];
    const c = await intake(t, `${s}.social_worker`, { communeCode: commune, child: { fullName: 'Phạm Thị Hoa', sex: 'female', dateOfBirth: '2014-05-06' } });
    await apply(t, `${s}.supervisor`, c.id, 'ASSIGN', { assigneeId: await userId(t, `${s}.social_worker`) });
    await apply(t, `${s}.social_worker`, c.id, 'START_VERIFICATION');
    await apply(t, `${s}.social_worker`, c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'high', substantiated: true, summary: 'Có dấu hiệu bạo lực' });
    await apply(t, `${s}.social_worker`, c.id, 'RECORD_ASSESSMENT', { needs: ['y tế', 'tâm lý'], summary: 'Cần hỗ trợ' });
    await apply(t, `${s}.social_worker`, c.id, 'SUBMIT_PLAN', plan);
    return c;
  }

  /** Completes every open handoff of the case as its agency. */
  async function completeHandoffs(caseId: string, commune: string) {
    const user: Record<string, string> = { health_station: 'health', commune_police: 'police', school: 'education' };
    const rows: Array<{ id: string; type: string }> = await t.ds.query(
      `SELECT h.id, a.type FROM handoffs h JOIN agencies a ON a.id = h.agency_id WHERE h.case_id = $1 AND h.state IN ('offered', 'accepted')`, [caseId]);
    for (const h of rows) {
      const auth = await t.login(`${SLUG[commune]}.${user[h.type]}`);
      expect((await t.http.post(`/api/v1/handoffs/${h.id}/accept`).set('Authorization', auth)).status).toBe(200);
      expect((await t.http.post(`/api/v1/handoffs/${h.id}/complete`).set('Authorization', auth).send({ outcome: 'Đã hoàn thành' })).status).toBe(200);
    }
  }

  beforeAll(async () => {
    t = await bootTestApp({ clock });
  });
  afterEach(() => {
    clock.at = null;
  });
  afterAll(() => t.close());

  it('approving a plan issues decision 1/QĐ-UBND of the commune and year, dated, signed by the chair, quoting the plan', async () => {
    const c = await awaitingPlan('van-son');
    const approved = await apply(t, 'vanson.chair', c.id, 'APPROVE_PLAN');
    expect(approved.state).toBe('intervening');
    const [event] = await t.ds.query(`SELECT seq, occurred_at FROM case_events WHERE case_id = $1 AND type = 'APPROVE_PLAN'`, [c.id]);
    const [submitted] = await t.ds.query(`SELECT seq FROM case_events WHERE case_id = $1 AND type = 'SUBMIT_PLAN'`, [c.id]);
    const chairId = await userId(t, 'vanson.chair');
    const expected = {
      kind: 'plan_approval', number: 1, year: thisYear(), display: '1/QĐ-UBND', communeCode: 'van-son', eventSeq: event.seq,
      decidedAt: event.occurred_at.toISOString(), effectiveOn: null,
      signer: { id: chairId, name: 'Demo chair Xã Vân Sơn', title: 'chair' },
      body: {
        child: { fullName: 'Phạm Thị Hoa', sex: 'female', dateOfBirth: '2014-05-06' },
        quoted: { event: 'SUBMIT_PLAN', seq: submitted.seq, by: { id: await userId(t, 'vanson.social_worker'), name: 'Demo social_worker Xã Vân Sơn' } },
        plan: PLAN,
      },
    };
    // In the answer to the approval itself, in the case view and in the list.
    expect(approved.decisions).toHaveLength(1);
    expect(approved.decisions[0]).toMatchObject(expected);
    expect((await get('vanson.social_worker', `/cases/${c.id}`)).body.decisions[0]).toMatchObject(expected);
    const listed = await get('vanson.chair', `/cases/${c.id}/decisions`);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).toMatchObject(expected);
    expect(listed.body[0].id).toBe(approved.decisions[0].id);

    const [issued] = await t.ds.query(`SELECT actor_id, details FROM audit_log WHERE action = 'decision.issue' AND case_id = $1`, [c.id]);
    expect(issued).toMatchObject({ actor_id: chairId, details: { kind: 'plan_approval', number: 1, communeCode: 'van-son', eventSeq: event.seq } });
    const [read] = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'decision.list' AND case_id = $1`, [c.id]);
    expect(read.details).toEqual({ view: 'full', count: 1 });

    // The closure is the next decision of the commune: a vice-chair signs it on the chair's behalf, in effect tomorrow.
    await completeHandoffs(c.id, 'van-son');
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_REVIEW', { summary: 'Trẻ ổn định', childSafe: true });
    await apply(t, 'vanson.social_worker', c.id, 'PROPOSE_CLOSURE', { reason: 'Trẻ đã an toàn, ổn định' });
    const tomorrow = localDate(new Date(Date.now() + 86_400_000));
    const closed = await apply(t, 'vanson.chair', c.id, 'APPROVE_CLOSURE', { signerTitle: 'vice_chair', effectiveOn: tomorrow });
    expect(closed.state).toBe('closed');
    expect(closed.decisions.map((d: Decision) => [d.kind, d.display])).toEqual([['plan_approval', '1/QĐ-UBND'], ['closure', '2/QĐ-UBND']]);
    expect(closed.decisions[1]).toMatchObject({
      number: 2, effectiveOn: tomorrow, signer: { id: chairId, title: 'vice_chair' },
      body: { proposal: { reason: 'Trẻ đã an toàn, ổn định', kind: 'resolved' }, quoted: { event: 'PROPOSE_CLOSURE' } },
    });
    expect(await counter('van-son', thisYear())).toBe(2);
  });

  it('refuses a bad decision field with a field error in Vietnamese and English, and takes no number', async () => {
    const c = await awaitingPlan('van-son');
    const before = await counter('van-son', thisYear());
    const yesterday = localDate(new Date(Date.now() - 86_400_000));
    for (const [data, message] of [
      [{ effectiveOn: yesterday }, /trước ngày ký .* \/ A decision cannot take effect before the day it is signed/],
      [{ effectiveOn: '2026-02-30' }, /Ngày không hợp lệ.* \/ Not a valid date/],
      [{ signerTitle: 'president' }, /Hãy chọn một giá trị trong danh sách \/ Choose a value from the list/],
    ] as const) {
      const res = await send(t, 'vanson.chair', c.id, 'APPROVE_PLAN', data);
      expect(res.status).toBe(400);
      expect(Object.values(res.body.details.fields as Record<string, string[]>)[0][0]).toMatch(message);
      expect(Object.keys(res.body.details.fields)[0]).toBe(`data.${Object.keys(data)[0]}`);
    }
    expect(await counter('van-son', thisYear())).toBe(before);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM decisions WHERE case_id = $1`, [c.id]);
    expect(n).toBe(0);
    expect((await apply(t, 'vanson.chair', c.id, 'APPROVE_PLAN')).decisions[0].number).toBe(before + 1);
  });

  it('a failed or refused approval gives its number back: the next decision follows without a gap', async () => {
    const c = await awaitingPlan('van-son', {
      goals: 'Trẻ trở lại trường', actions: [{ kind: 'school_support', agencyType: 'school', dueInDays: 10, instructions: 'Phụ đạo, theo dõi chuyên cần' }],
    });
    const before = await counter('van-son', thisYear());

    // A stale version is refused before anything is decided.
    const [{ version }] = await t.ds.query(`SELECT version FROM cases WHERE id = $1`, [c.id]);
    const stale = await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', await t.login('vanson.chair'))
      .send({ type: 'APPROVE_PLAN', data: {}, expectedVersion: version - 1 });
    expect(stale.status).toBe(409);

    // The school no longer serves the commune: the handoff the decision assigns fails after the number was taken, and all rolls back.
    const [school] = await t.ds.query(`SELECT id FROM agencies WHERE type = 'school' AND commune_code = 'van-son'`);
    await t.ds.query(`UPDATE agencies SET commune_code = 'ngoc-lien' WHERE id = $1`, [school.id]);
    try {
      const failed = await send(t, 'vanson.chair', c.id, 'APPROVE_PLAN');
      expect(failed.status).toBe(400);
      expect(failed.body.details.fields.agencyType[0]).toMatch(/ \/ No school agency serves this commune/);
    } finally {
      await t.ds.query(`UPDATE agencies SET commune_code = 'van-son' WHERE id = $1`, [school.id]);
    }
    expect(await counter('van-son', thisYear())).toBe(before);
    expect((await t.ds.query(`SELECT state FROM cases WHERE id = $1`, [c.id]))[0].state).toBe('awaiting_plan_approval');

    const approved = await apply(t, 'vanson.chair', c.id, 'APPROVE_PLAN');
    expect(approved.decisions[0]).toMatchObject({
      number: before + 1,
      body: { plan: { goals: 'Trẻ trở lại trường', actions: [{ kind: 'school_support', agencyType: 'school', dueInDays: 10, instructions: 'Phụ đạo, theo dõi chuyên cần' }] } },
    });
    // A snapshot: what the decision quotes stays as approved.
    expect(approved.decisions[0].body.plan).toEqual({ goals: 'Trẻ trở lại trường', actions: [{ kind: 'school_support', agencyType: 'school', dueInDays: 10, instructions: 'Phụ đạo, theo dõi chuyên cần' }] });
    const numbers = (await t.ds.query(`SELECT number FROM decisions WHERE commune_code = 'van-son' AND year = $1 ORDER BY number`, [thisYear()]))
      .map((r: { number: number }) => r.number);
    expect(numbers).toEqual(numbers.map((_: number, i: number) => i + 1));
  });

  it('20 concurrent approvals across 20 cases of one commune are numbered exactly 1..20', async () => {
    const cases: Array<{ id: string }> = [];
    for (let batch = 0; batch < 4; batch++) {
      cases.push(...(await Promise.all(Array.from({ length: 5 }, () => awaitingPlan('nam-phu')))));
    }
    const auth = await t.login('namphu.chair');
    const versions = new Map<string, number>((await t.ds.query(`SELECT id, version FROM cases WHERE id = ANY($1)`, [cases.map((c) => c.id)]))
      .map((r: { id: string; version: number }) => [r.id, r.version]));
    const results = await Promise.all(cases.map((c) => t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', auth)
      .send({ type: 'APPROVE_PLAN', data: {}, expectedVersion: versions.get(c.id) })));
    expect(results.map((r) => r.status)).toEqual(cases.map(() => 200));
    const numbers = results.map((r) => r.body.case.decisions[0].number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const rows: Array<{ number: number; case_id: string }> = await t.ds.query(
      `SELECT number, case_id FROM decisions WHERE commune_code = 'nam-phu' AND year = $1 ORDER BY number`, [thisYear()]);
    expect(rows.map((r) => r.number)).toEqual(numbers);
    expect(new Set(rows.map((r) => r.case_id)).size).toBe(20);
    expect(await counter('nam-phu', thisYear())).toBe(20);
  });

  it('numbers per commune — the residence commune’s once a two-commune case was handed over — and per year in Vietnam', async () => {
    // Reported in Vân Sơn about a child living in Ngọc Liên: Ngọc Liên plans and decides once the case is handed over.
    const c = await intake(t, 'vanson.social_worker', { child: { fullName: 'Lê Văn Nam', sex: 'male', dateOfBirth: '2014-02-03', residenceCommuneCode: 'ngoc-lien' } });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'medium', substantiated: true, summary: 'Có căn cứ' });
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_ASSESSMENT', { needs: ['tâm lý'], summary: 'Cần hỗ trợ tâm lý' });
    const handover = await t.http.post(`/api/v1/cases/${c.id}/transfers`).set('Authorization', await t.login('vanson.social_worker'))
      .send({ kind: 'handover', toCommuneCode: 'ngoc-lien', reason: 'Bàn giao cho nơi trẻ cư trú' });
    expect(handover.status).toBe(201);
    const accepted = await t.http.post(`/api/v1/transfers/${handover.body.transfer.id}/accept`).set('Authorization', await t.login('ngoclien.supervisor'))
      .send({ assigneeId: await userId(t, 'ngoclien.social_worker') });
    expect(accepted.status).toBe(200);
    await apply(t, 'ngoclien.social_worker', c.id, 'SUBMIT_PLAN', PLAN);
    // The incident commune shares the case: it may not decide.
    expect((await send(t, 'vanson.chair', c.id, 'APPROVE_PLAN')).status).toBe(403);
    const approved = await apply(t, 'ngoclien.chair', c.id, 'APPROVE_PLAN');
    expect(approved.decisions[0]).toMatchObject({ communeCode: 'ngoc-lien', number: 1, display: '1/QĐ-UBND', signer: { name: 'Demo chair Xã Ngọc Liên' } });
    // The incident commune still reads the case, decisions included.
    expect((await get('vanson.supervisor', `/cases/${c.id}/decisions`)).body.map((d: Decision) => d.communeCode)).toEqual(['ngoc-lien']);

    // A decision signed at 00:30 on 1 January in Vietnam (still 31 December in UTC) opens the next year's sequence.
    const next = thisYear() + 1;
    const january = await awaitingPlan('van-son');
    clock.at = new Date(startOfLocalDay(`${next}-01-01`).getTime() + 30 * 60_000);
    expect(clock.at.getUTCFullYear()).toBe(next - 1);
    const newYear = await apply(t, 'vanson.chair', january.id, 'APPROVE_PLAN');
    expect(newYear.decisions[0]).toMatchObject({ year: next, number: 1, display: '1/QĐ-UBND', communeCode: 'van-son', decidedAt: clock.at.toISOString() });
    clock.at = null;
    const thisYears = await counter('van-son', thisYear());
    const later = await awaitingPlan('van-son');
    expect((await apply(t, 'vanson.chair', later.id, 'APPROVE_PLAN')).decisions[0]).toMatchObject({ year: thisYear(), number: thisYears + 1 });
    expect(await counter('van-son', next)).toBe(1);
  });

  it('a supervisor’s approval of an unfounded report’s closure is signed with the supervisor’s title; only the chair picks a vice-chair', async () => {
    const c = await intake(t, 'vanson.social_worker');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'low', substantiated: false, summary: 'Không có căn cứ' });
    await apply(t, 'vanson.social_worker', c.id, 'CLOSE_UNFOUNDED', { reason: 'Tin báo sai sự thật' });
    const refused = await send(t, 'vanson.supervisor', c.id, 'APPROVE_CLOSURE', { signerTitle: 'vice_chair' });
    expect(refused.status).toBe(403);
    const closed = await apply(t, 'vanson.supervisor', c.id, 'APPROVE_CLOSURE');
    expect(closed.decisions).toHaveLength(1);
    expect(closed.decisions[0]).toMatchObject({
      kind: 'closure', signer: { name: 'Demo supervisor Xã Vân Sơn', title: 'supervisor' },
      body: { proposal: { reason: 'Tin báo sai sự thật', kind: 'unfounded' }, quoted: { event: 'CLOSE_UNFOUNDED' } },
    });
  });

  it('is read by whoever reads the case, never by partner agencies nor other communes; decisions are never changed', async () => {
    const c = await awaitingPlan('van-son');
    await apply(t, 'vanson.chair', c.id, 'APPROVE_PLAN');
    for (const [user, status] of [
      ['vanson.social_worker', 200], ['vanson.supervisor', 200], ['vanson.chair', 200], ['vanson.auditor', 200], ['thanhhoa.supervisor', 200],
      // The health station holds the plan's handoff: it sees the case (need to know), not its decisions.
      ['vanson.health', 403],
      ['vanson.police', 404], ['ngoclien.social_worker', 404], ['namphu.chair', 404], ['hanoi.supervisor', 404], ['vanson.admin', 404],
    ] as const) {
      const res = await get(user, `/cases/${c.id}/decisions`);
      expect([user, res.status]).toEqual([user, status]);
      if (status === 403) expect(res.body.message).toMatch(/ \/ Partner agencies do not see the case’s decisions/);
    }
    const partnerView = await get('vanson.health', `/cases/${c.id}`);
    expect(partnerView.status).toBe(200);
    expect(partnerView.body.decisions).toBeUndefined();
    expect((await get('vanson.chair', '/cases/not-a-uuid/decisions')).status).toBe(400);

    await expect(t.ds.query(`UPDATE decisions SET number = number + 100 WHERE case_id = $1`, [c.id])).rejects.toThrow(/never changed nor deleted/);
    await expect(t.ds.query(`DELETE FROM decisions WHERE case_id = $1`, [c.id])).rejects.toThrow(/never changed nor deleted/);
  });
});
