/**
 * Field encryption of the free text workflow contexts copy (README "Data protection"): a case's
 * plan and closure reason in `cases.snapshot`, a separation's and an urgent report's text in their
 * `handoffs.snapshot`, an emergency handoff's protection details. Ciphertext in SQL (read as the
 * owner), clear through the API; a plan approval copies clear instructions into its handoffs; rows
 * written in clear before are sealed by the backfills at the next start; anonymisation removes it.
 */
import { FieldBackfill } from '../src/cases/field-backfill';
import { RetentionService } from '../src/retention/retention.service';
import { apply, intake, userId } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const SEALED = /^enc1:[0-9a-f-]{36}:[A-Za-z0-9_-]+$/;
const WORKER = 'vanson.social_worker';
const YEAR = 365 * 24 * 3600 * 1000;

const PLAN = {
  goals: 'Trẻ được an toàn ở nhà bà ngoại, đi học trở lại',
  objectives: ['Khám vết bỏng trong 5 ngày'],
  actions: [{
    kind: 'medical_care', agencyType: 'health_station', dueInDays: 5, instructions: 'Khám vết bỏng ở lưng, thay băng mỗi ngày',
    activity: 'Khám và điều trị vết bỏng', responsible: 'Y sĩ Hà Thị Dịu', budget: 'Quỹ BHYT của trẻ',
  }],
  reviewOn: '2027-01-15',
};
const CLOSURE_REASON = 'Vết bỏng đã lành, trẻ ở ổn định với bà ngoại';
const PLAN_TEXT = [PLAN.goals, PLAN.actions[0].instructions, PLAN.actions[0].activity, PLAN.actions[0].responsible, PLAN.actions[0].budget];

describe('field encryption of workflow contexts (e2e)', () => {
  let t: TestApp;

  const get = async (as: string, path: string, query: Record<string, unknown> = {}) =>
    t.http.get(`/api/v1${path}`).query(query).set('Authorization', await t.login(as));
  async function post(as: string, path: string, body: object = {}) {
    const res = await t.http.post(`/api/v1${path}`).set('Authorization', await t.login(as)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  /** Which of `texts` the rows of `query` (each as text, read as the owner) hold. */
  async function clearIn(query: string, params: unknown[], texts: string[]): Promise<string[]> {
    const rows: Array<{ text: string }> = await t.ownerDs.query(query, params);
    return texts.filter((x) => rows.some((r) => r.text.includes(x)));
  }

  beforeAll(async () => {
    t = await bootTestApp({ worker: true, env: { OUTBOX_POLL_MS: '50' } });
  });
  afterAll(() => t.close());

  /** A Vân Sơn case with an approved plan (one handoff to the health station). */
  async function plannedCase() {
    const c = await intake(t, 'vanson.hotline_operator');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, WORKER) });
    await apply(t, WORKER, c.id, 'START_VERIFICATION');
    await apply(t, WORKER, c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'high', substantiated: true, summary: 'Có vết bỏng' });
    await apply(t, WORKER, c.id, 'RECORD_ASSESSMENT', { needs: ['khám vết bỏng'], summary: 'Cần chăm sóc y tế' });
    await apply(t, WORKER, c.id, 'SUBMIT_PLAN', PLAN);
    await apply(t, 'vanson.chair', c.id, 'APPROVE_PLAN');
    return c;
  }
  const context = async (id: string) => (await t.ownerDs.query(`SELECT snapshot FROM cases WHERE id = $1`, [id]))[0].snapshot.context;

  it('keeps the plan and the closure reason of a case’s context sealed; the plan’s handoffs get clear instructions, sealed for themselves', async () => {
    const c = await plannedCase();
    const ctx = await context(c.id);
    expect(ctx.plan).toMatchObject({ goals: expect.stringMatching(SEALED), authorId: expect.any(String) });
    expect(ctx.plan.actions).toEqual([expect.objectContaining({
      kind: 'medical_care', agencyType: 'health_station', dueInDays: 5, instructions: expect.stringMatching(SEALED), activity: expect.stringMatching(SEALED),
    })]);
    expect(await clearIn(`SELECT snapshot::text AS text FROM cases WHERE id = $1`, [c.id], PLAN_TEXT)).toEqual([]);
    // The handoff the approval started: its column sealed for itself, opened through the API.
    const [h] = await t.ownerDs.query(`SELECT id, instructions FROM handoffs WHERE case_id = $1`, [c.id]);
    expect(h.instructions).toMatch(SEALED);
    expect(h.instructions).not.toBe(ctx.plan.actions[0].instructions);
    const view = (await get('vanson.supervisor', `/cases/${c.id}`)).body;
    expect(view.handoffs).toEqual([expect.objectContaining({ id: h.id, instructions: PLAN.actions[0].instructions })]);
    const inbox = (await get('vanson.health', '/handoffs/inbox', { status: 'all', pageSize: 100 })).body;
    expect(inbox.items.find((x: { id: string }) => x.id === h.id)).toMatchObject({ instructions: PLAN.actions[0].instructions });
    expect((await get('vanson.health', `/handoffs/${h.id}`)).body).toMatchObject({ instructions: PLAN.actions[0].instructions });
    // The decision and the printed Mẫu 05 quote the plan.
    expect(view.decisions[0].body.plan).toMatchObject(PLAN);
    expect((await get(WORKER, `/cases/${c.id}/documents/mau-05`)).status).toBe(200);

    // The work done, the closure proposed: its reason sealed in the context, the chair closes the case.
    await post('vanson.health', `/handoffs/${h.id}/accept`);
    await post('vanson.health', `/handoffs/${h.id}/complete`, { outcome: 'Đã thay băng, vết bỏng lành' });
    await apply(t, WORKER, c.id, 'PROPOSE_CLOSURE', { reason: CLOSURE_REASON });
    expect((await context(c.id)).closure).toMatchObject({ kind: 'resolved', reason: expect.stringMatching(SEALED) });
    await apply(t, 'vanson.chair', c.id, 'APPROVE_CLOSURE');
    const closed = await context(c.id);
    expect(closed.closure.reason).toMatch(SEALED);
    expect(closed.plan.goals).toMatch(SEALED);
    expect(await clearIn(`SELECT snapshot::text AS text FROM cases WHERE id = $1`, [c.id], [...PLAN_TEXT, CLOSURE_REASON])).toEqual([]);
    const decisions = (await get('vanson.supervisor', `/cases/${c.id}/decisions`)).body;
    expect(decisions[1].body.proposal).toMatchObject({ reason: CLOSURE_REASON, kind: 'resolved' });
    const [{ child_id: childId }] = await t.ds.query(`SELECT child_id FROM cases WHERE id = $1`, [c.id]);
    const exported = (await get('vanson.supervisor', `/children/${childId}/export`, { reason: 'Công văn của Công an huyện số 12' })).body;
    expect(JSON.stringify(exported)).not.toContain('enc1:');
  });

  it('seals at the next start a case context written in clear before; a transition reads it the same', async () => {
    const c = await plannedCase();
    const before = (await get('vanson.supervisor', `/cases/${c.id}`)).body;
    // As written before: clear.
    await t.ownerDs.query(
      `UPDATE cases SET snapshot = jsonb_set(jsonb_set(snapshot, '{context,plan,goals}', to_jsonb($2::text)), '{context,plan,actions,0,instructions}', to_jsonb($3::text))
        WHERE id = $1`, [c.id, PLAN.goals, PLAN.actions[0].instructions]);
    expect(await clearIn(`SELECT snapshot::text AS text FROM cases WHERE id = $1`, [c.id], PLAN_TEXT)).toEqual([PLAN.goals, PLAN.actions[0].instructions]);
    await t.ownerDs.query(`DELETE FROM field_backfills WHERE name = 'cases_snapshot'`);
    await t.app.get(FieldBackfill).onApplicationBootstrap();
    expect(await t.ownerDs.query(`SELECT name FROM field_backfills WHERE name = 'cases_snapshot'`)).toEqual([{ name: 'cases_snapshot' }]);
    const ctx = await context(c.id);
    expect([ctx.plan.goals, ctx.plan.actions[0].instructions]).toEqual([expect.stringMatching(SEALED), expect.stringMatching(SEALED)]);
    expect(await clearIn(`SELECT snapshot::text AS text FROM cases WHERE id = $1`, [c.id], PLAN_TEXT)).toEqual([]);
    expect((await get('vanson.supervisor', `/cases/${c.id}`)).body).toEqual(before);
    // A transition restores the context opened and writes it sealed again.
    await apply(t, WORKER, c.id, 'RECORD_REVIEW', { childSafe: false, summary: 'Vết bỏng đang lành' });
    expect((await context(c.id)).plan.goals).toMatch(SEALED);
  });

  it('anonymisation removes the context’s plan and closure reason', async () => {
    const c = await plannedCase();
    await t.ownerDs.query(`UPDATE cases SET closed_at = $2 WHERE id = $1`, [c.id, new Date(Date.now() - 6 * YEAR)]);
    await t.app.get(RetentionService).anonymiseClosed(new Date());
    const ctx = await context(c.id);
    expect(ctx.plan).toEqual({ authorId: expect.any(String), actions: [{ kind: 'medical_care', agencyType: 'health_station', dueInDays: 5 }] });
    expect(ctx.closure).toBeNull();
  });
});
