/**
 * The register of children in special circumstances (workflow `special-circumstances-support`,
 * Luật Trẻ em 2016 Điều 10, 52 khoản 1): registration of a registry child by the commune they live
 * in, assessment, plan with services, grants and ends, reviews, exit; the support's own deadlines
 * (no case) fired through the production firing path, escalated and notified; scope and
 * need-to-know per role; the per-commune counts exact.
 */
import { DeadlineFiringService } from '../src/timers/deadline-firing.service';
import { intake } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

describe('special-circumstances register (e2e)', () => {
  let t: TestApp;
  type Support = { id: string; version: number; status: string; child: { id: string }; [k: string]: unknown };

  const get = async (as: string, path: string) => t.http.get(`/api/v1${path}`).set('Authorization', await t.login(as));
  const post = async (as: string, path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set('Authorization', await t.login(as)).send(body);
  const child = async (commune: string | null = 'van-son', province = 'thanh-hoa'): Promise<string> =>
    (await t.ds.query(`INSERT INTO children (full_name, sex, residence_commune_code, province_code) VALUES ('Lò Thị Mai', 'female', $1, $2) RETURNING id`,
      [commune, province]))[0].id;
  async function registered(as = 'vanson.social_worker', commune = 'van-son'): Promise<Support> {
    const res = await post(as, `/children/${await child(commune)}/supports`, { groups: ['orphan', 'disability'], note: 'Sống với bà ngoại' });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.support;
  }
  async function event(as: string, s: Support, type: string, data: Record<string, unknown> = {}): Promise<Support> {
    const res = await post(as, `/supports/${s.id}/events`, { type, data, expectedVersion: s.version });
    if (res.status !== 200) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.support;
  }
  const ASSESS = { needs: 'Cần trợ cấp xã hội, hỗ trợ học phí', assessedOn: '2026-01-05' };
  const PLAN = { goals: 'Trẻ được chăm sóc, đi học đều', services: [{ kind: 'social_assistance', detail: 'Trợ cấp xã hội hằng tháng (NĐ 20/2021)', grantedOn: '2026-01-10' }] };
  const supported = async (as = 'vanson.social_worker', commune = 'van-son') => event(as, await event(as, await registered(as, commune), 'ASSESS', ASSESS), 'PLAN', PLAN);
  const deadlineOf = async (supportId: string, key: string) =>
    (await t.ds.query(`SELECT id, case_id, status, due_at, starts_at, escalation_level FROM deadlines WHERE support_id = $1 AND key = $2 ORDER BY created_at DESC`, [supportId, key]))[0];
  async function fireNow(supportId: string, key: string, hinted = false) {
    const d = await deadlineOf(supportId, key);
    await t.ds.query(`UPDATE deadlines SET due_at = now() - interval '1 minute', next_escalation_at = CASE WHEN status = 'breached' THEN now() - interval '1 minute' END WHERE id = $1`, [d.id]);
    const hint = hinted ? { caseId: null, handoffId: null, supportId, key } : undefined;
    expect((await t.app.get(DeadlineFiringService).fire(d.id, hint)).result).toBe('fired');
    return d.id as string;
  }
  const notified = async (supportId: string, template: string): Promise<string[]> => (await t.ds.query(
    `SELECT DISTINCT u.username FROM notifications n JOIN users u ON u.id = n.user_id
      WHERE n.payload->>'supportId' = $1 AND n.template = $2 AND n.case_id IS NULL ORDER BY 1`, [supportId, template])).map((r: { username: string }) => r.username);

  beforeAll(async () => { t = await bootTestApp({ worker: true }); });
  afterAll(() => t.close());

  it('registers a child of the commune with the groups that apply, and schedules the assessment 7 working days on', async () => {
    const s = await registered();
    expect([s.status, s.groups, s.note, s.code]).toEqual(['registered', ['orphan', 'disability'], 'Sống với bà ngoại', `HCĐB-${s.id.slice(0, 8)}`]);
    expect(s.allowedActions).toEqual(['ASSESS', 'EXIT']);
    const d = await deadlineOf(s.id, 'support_assessment');
    expect([d.status, d.case_id]).toEqual(['pending', null]);
    // 7 working days: at least 9 calendar days, at most 7 + weekends + holidays.
    const days = (new Date(d.due_at).getTime() - new Date(d.starts_at).getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(8);
    expect(await notified(s.id, 'support_registered')).toEqual(expect.arrayContaining(['vanson.social_worker', 'vanson.supervisor']));
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'support.register' AND entity_id = $1`, [s.id]);
    expect(n).toBe(1);
  });

  it('refuses a second entry for the same child (409), bad groups (400, bilingual) and a child living elsewhere (422)', async () => {
    const c = await child();
    expect((await post('vanson.social_worker', `/children/${c}/supports`, { groups: ['orphan'] })).status).toBe(201);
    const again = await post('vanson.supervisor', `/children/${c}/supports`, { groups: ['abandoned'] });
    expect([again.status, again.body.message]).toEqual([409, expect.stringContaining('already on the register')]);
    const empty = await post('vanson.social_worker', `/children/${await child()}/supports`, { groups: [] });
    expect([empty.status, JSON.stringify(empty.body)]).toEqual([400, expect.stringContaining('Chọn ít nhất một nhóm')]);
    expect((await post('vanson.social_worker', `/children/${await child()}/supports`, { groups: ['rich'] })).status).toBe(400);
    expect((await post('vanson.social_worker', `/children/${await child()}/supports`, { groups: 'orphan' })).status).toBe(400);
    // A child of another commune is not in a Vân Sơn worker's sight at all.
    expect((await post('vanson.social_worker', `/children/${await child('ngoc-lien')}/supports`, { groups: ['orphan'] })).status).toBe(404);
    // A province-level supervisor sees a child with no residence, yet registers nobody; a commune registers its residents only.
    const homeless = await child(null);
    expect((await post('thanhhoa.supervisor', `/children/${homeless}/supports`, { groups: ['orphan'] })).status).toBe(403);
    // A child the commune sees through its case, whose residence the registry does not know: record it first (422).
    const c2 = await intake(t, 'vanson.hotline_operator');
    const [{ child_id }] = await t.ds.query(`SELECT child_id FROM cases WHERE id = $1`, [c2.id]);
    await t.ds.query(`UPDATE children SET residence_commune_code = NULL WHERE id = $1`, [child_id]);
    const unknownHome = await post('vanson.social_worker', `/children/${child_id}/supports`, { groups: ['violence_harm'] });
    expect([unknownHome.status, unknownHome.body.message]).toEqual([422, expect.stringContaining('record the child’s residence')]);
    const elsewhere = await post('ngoclien.social_worker', `/children/${await child('van-son')}/supports`, { groups: ['orphan'] });
    expect(elsewhere.status).toBe(404);
  });

  it('assesses, plans with services, grants, ends, reviews and exits — each deadline settled and the next one scheduled', async () => {
    let s = await registered();
    s = await event('vanson.social_worker', s, 'ASSESS', ASSESS);
    expect([s.status, (s.assessment as { needs: string }).needs]).toEqual(['assessed', ASSESS.needs]);
    expect((await deadlineOf(s.id, 'support_assessment')).status).toBe('met');
    expect((await deadlineOf(s.id, 'support_plan')).status).toBe('pending');

    const noServices = await post('vanson.social_worker', `/supports/${s.id}/events`, { type: 'PLAN', data: { goals: 'x', services: [] } });
    expect([noServices.status, JSON.stringify(noServices.body)]).toEqual([400, expect.stringContaining('at least one policy or service')]);
    const unknownKind = await post('vanson.social_worker', `/supports/${s.id}/events`, { type: 'PLAN', data: { goals: 'x', services: [{ kind: 'cash', detail: 'x', grantedOn: '2026-01-01' }] } });
    expect(unknownKind.status).toBe(400);

    s = await event('vanson.supervisor', s, 'PLAN', PLAN);
    expect([s.status, s.planGoals]).toEqual(['supported', PLAN.goals]);
    expect((await deadlineOf(s.id, 'support_plan')).status).toBe('met');
    const review = await deadlineOf(s.id, 'support_review');
    const months = (new Date(review.due_at).getTime() - Date.now()) / (30.4 * 86_400_000);
    expect([review.status, Math.round(months)]).toEqual(['pending', 6]);
    expect(await notified(s.id, 'support_planned')).toEqual(expect.arrayContaining(['vanson.chair', 'vanson.supervisor']));

    s = await event('vanson.social_worker', s, 'GRANT_SERVICE', { kind: 'education', detail: 'Miễn học phí', grantedOn: '2026-01-12' });
    const badEnd = await post('vanson.social_worker', `/supports/${s.id}/events`, { type: 'END_SERVICE', data: { service: 7, endedOn: '2026-02-01', reason: 'x' } });
    expect([badEnd.status, JSON.stringify(badEnd.body)]).toEqual([400, expect.stringContaining('No service still granted')]);
    const early = await post('vanson.social_worker', `/supports/${s.id}/events`, { type: 'END_SERVICE', data: { service: 1, endedOn: '2025-01-01', reason: 'x' } });
    expect(early.status).toBe(400);
    s = await event('vanson.social_worker', s, 'END_SERVICE', { service: 1, endedOn: '2026-02-01', reason: 'Chuyển sang chính sách khác' });
    const rows = await t.ds.query(`SELECT seq, kind, to_char(granted_on, 'YYYY-MM-DD') AS granted, to_char(ended_on, 'YYYY-MM-DD') AS ended FROM child_support_services WHERE support_id = $1 ORDER BY seq`, [s.id]);
    expect(rows).toEqual([{ seq: 1, kind: 'social_assistance', granted: '2026-01-10', ended: '2026-02-01' }, { seq: 2, kind: 'education', granted: '2026-01-12', ended: null }]);

    s = await event('vanson.social_worker', s, 'REVIEW', { reviewedOn: '2026-02-02', findings: 'Trẻ tiến bộ' });
    expect([s.status, (s.reviews as unknown[]).length]).toEqual(['supported', 1]);
    expect((await t.ds.query(`SELECT status FROM deadlines WHERE support_id = $1 AND key = 'support_review' ORDER BY created_at`, [s.id])).map((r: { status: string }) => r.status))
      .toEqual(['met', 'pending']);
    const future = await post('vanson.social_worker', `/supports/${s.id}/events`, { type: 'EXIT', data: { reason: 'turned_16', exitedOn: '2999-01-01' } });
    expect([future.status, JSON.stringify(future.body)]).toEqual([400, expect.stringContaining('cannot be in the future')]);

    s = await event('vanson.social_worker', s, 'EXIT', { reason: 'moved_away', exitedOn: '2026-03-01', note: 'Chuyển đi tỉnh khác' });
    expect([s.status, (s.exit as { reason: string }).reason, s.deadlines, s.allowedActions]).toEqual(['exited', 'moved_away', [], []]);
    expect((await t.ds.query(`SELECT to_char(ended_on, 'YYYY-MM-DD') AS e FROM child_support_services WHERE support_id = $1 AND seq = 2`, [s.id]))[0].e).toBe('2026-03-01');
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM deadlines WHERE support_id = $1 AND status IN ('pending', 'breached')`, [s.id]))[0].n).toBe(0);
    const [{ exit_reason, exited_at }] = await t.ds.query(`SELECT exit_reason, exited_at FROM child_supports WHERE id = $1`, [s.id]);
    expect([exit_reason, exited_at !== null]).toEqual(['moved_away', true]);

    const detail = await get('vanson.chair', `/supports/${s.id}`);
    expect((detail.body.timeline as Array<{ type: string }>).map((e) => e.type))
      .toEqual(['REGISTER', 'ASSESS', 'PLAN', 'GRANT_SERVICE', 'END_SERVICE', 'REVIEW', 'EXIT']);
    // The same child may be registered again once exited.
    expect((await post('vanson.social_worker', `/children/${detail.body.child.id}/supports`, { groups: ['abandoned'] })).status).toBe(201);
  });

  it('fires the support’s own deadlines through the firing path: breach, escalation, notices; the due review moves it to reviewing', async () => {
    const s = await registered();
    await fireNow(s.id, 'support_assessment');
    let d = await deadlineOf(s.id, 'support_assessment');
    expect([d.status, d.escalation_level]).toEqual(['breached', 1]);
    expect(await notified(s.id, 'deadline_breached')).toEqual(['vanson.social_worker', 'vanson.supervisor']);
    // The second rung, fired from a timer job's hint (the owner the job carries: the support).
    await fireNow(s.id, 'support_assessment', true);
    d = await deadlineOf(s.id, 'support_assessment');
    expect(d.escalation_level).toBe(2);
    expect(await notified(s.id, 'deadline_escalated')).toEqual(['vanson.chair', 'vanson.supervisor']);
    const view = (await get('vanson.social_worker', `/supports/${s.id}`)).body;
    expect([view.status, view.overdue]).toEqual(['registered', true]);
    // Met late once assessed.
    await event('vanson.social_worker', view, 'ASSESS', ASSESS);
    expect((await deadlineOf(s.id, 'support_assessment')).status).toBe('met_late');

    const p = await supported();
    await fireNow(p.id, 'support_review');
    const due = (await get('vanson.social_worker', `/supports/${p.id}`)).body;
    expect([due.status, due.overdue, due.allowedActions]).toEqual(['reviewing', true, ['GRANT_SERVICE', 'END_SERVICE', 'REVIEW', 'EXIT']]);
    const back = await event('vanson.social_worker', due, 'REVIEW', { reviewedOn: '2026-07-10', findings: 'Đã rà soát' });
    expect(back.status).toBe('supported');
    expect((await t.ds.query(`SELECT status FROM deadlines WHERE support_id = $1 AND key = 'support_review' ORDER BY created_at`, [p.id])).map((r: { status: string }) => r.status))
      .toEqual(['met_late', 'pending']);
  });

  it('scope and need-to-know: the commune keeps, its chair reads, oversight counts, everyone else nothing', async () => {
    const s = await registered();
    for (const u of ['vanson.social_worker', 'vanson.supervisor', 'vanson.chair']) expect((await get(u, `/supports/${s.id}`)).status).toBe(200);
    for (const u of ['ngoclien.social_worker', 'thanhhoa.supervisor', 'vanson.auditor', 'vanson.police', 'vanson.health', 'vanson.village_collaborator',
      'vanson.hotline_operator', 'vanson.admin', 'namphu.supervisor']) {
      expect([u, (await get(u, `/supports/${s.id}`)).status]).toEqual([u, 404]);
      expect([u, (await post(u, `/supports/${s.id}/events`, { type: 'EXIT', data: { reason: 'other', exitedOn: '2026-01-01' } })).status]).toEqual([u, 404]);
    }
    const chair = await post('vanson.chair', `/supports/${s.id}/events`, { type: 'ASSESS', data: ASSESS });
    expect([chair.status, chair.body.message]).toEqual([403, expect.stringContaining('Only the commune’s social workers and supervisors')]);
    expect((await get('vanson.chair', `/supports/${s.id}`)).body.allowedActions).toEqual([]);
    for (const u of ['thanhhoa.supervisor', 'vanson.auditor', 'vanson.police']) expect([u, (await get(u, '/supports')).status]).toEqual([u, 403]);
    const own = await get('vanson.chair', '/supports?status=registered&pageSize=200');
    expect(own.body.items.some((x: { id: string }) => x.id === s.id)).toBe(true);
    expect((await get('ngoclien.supervisor', '/supports?pageSize=200')).body.items.some((x: { id: string }) => x.id === s.id)).toBe(false);
    expect((await get('vanson.social_worker', '/supports?status=bogus')).status).toBe(400);
    expect((await get('vanson.social_worker', `/supports?childId=${s.child.id}&status=all`)).body.items.map((x: { id: string }) => x.id)).toEqual([s.id]);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'support.read' AND entity_id = $1`, [s.id]);
    expect(n).toBe(4); // the three readers above and the chair's second read
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'support.list'`))[0].n).toBeGreaterThanOrEqual(2);
  });

  it('counts registered and supported children per commune exactly, within each caller’s jurisdiction', async () => {
    // Ngọc Liên's register holds only what this test puts there.
    const a = await supported('ngoclien.social_worker', 'ngoc-lien');
    await registered('ngoclien.social_worker', 'ngoc-lien');
    const c = await event('ngoclien.social_worker', await registered('ngoclien.social_worker', 'ngoc-lien'), 'ASSESS', ASSESS);
    const gone = await registered('ngoclien.social_worker', 'ngoc-lien');
    await event('ngoclien.social_worker', gone, 'EXIT', { reason: 'registered_in_error', exitedOn: '2026-01-02' });
    await fireNow(a.id, 'support_review'); // reviewing still counts as supported
    expect(c.status).toBe('assessed');

    const ngocLien = { communeCode: 'ngoc-lien', communeName: 'Xã Ngọc Liên', registered: 3, supported: 1 };
    const province = await get('thanhhoa.supervisor', '/supports/summary');
    expect(province.status).toBe(200);
    expect(province.body.items.find((x: { communeCode: string }) => x.communeCode === 'ngoc-lien')).toEqual(ngocLien);
    expect(province.body.items.map((x: { communeCode: string }) => x.communeCode)).toEqual(['ngoc-lien', 'van-son']);
    const [vs] = await t.ds.query(`SELECT count(*) FILTER (WHERE status <> 'exited')::int AS r, count(*) FILTER (WHERE status IN ('supported', 'reviewing'))::int AS s
                                    FROM child_supports WHERE commune_code = 'van-son'`);
    expect(province.body.items[1]).toMatchObject({ registered: vs.r, supported: vs.s });
    expect([province.body.registered, province.body.supported]).toEqual([3 + vs.r, 1 + vs.s]);

    expect((await get('ngoclien.chair', '/supports/summary')).body).toEqual({ items: [ngocLien], registered: 3, supported: 1 });
    expect((await get('vanson.auditor', '/supports/summary?communeCode=ngoc-lien')).body.items).toEqual([ngocLien]);
    expect((await get('ngoclien.chair', '/supports/summary?communeCode=van-son')).status).toBe(404);
    expect((await get('hanoi.supervisor', '/supports/summary?provinceCode=thanh-hoa')).status).toBe(404);
    expect((await get('hanoi.supervisor', '/supports/summary')).body.items.map((x: { communeCode: string }) => x.communeCode)).toEqual(['nam-phu']);
    for (const u of ['vanson.police', 'vanson.hotline_operator', 'vanson.village_collaborator', 'vanson.admin']) {
      expect([u, (await get(u, '/supports/summary')).status]).toEqual([u, 403]);
    }
  });
});
