/**
 * Abuse intervention v2 (issue 17 part 4): cases in flight stay on v1 while new reports start v2;
 * the forensic examination goes through the police; police handoffs carry the criminal-procedure
 * status, recorded by the receiving police only; the school-reintegration step; emergency handoffs
 * carry the instructions, the child's location and the social worker's contact, which their
 * receiving agency sees — and no other agency.
 */
import { CASE_WORKFLOW, HANDOFF_WORKFLOW, setCurrentVersion } from '../workflows';
import { apply, EMERGENCY, intake, send, userId } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

type H = { id: string; kind: string; agency: { type: string }; workflowVersion: number; state: string; protection: unknown; procedure: unknown[]; dueAt: string };

describe('abuse intervention v2 (e2e)', () => {
  let t: TestApp;
  let workerId: string;
  beforeAll(async () => {
    t = await bootTestApp();
    workerId = await userId(t, 'vanson.social_worker');
  });
  afterAll(async () => {
    setCurrentVersion(CASE_WORKFLOW, 2);
    setCurrentVersion(HANDOFF_WORKFLOW, 2);
    await t.close();
  });

  const get = async (as: string, path: string) => t.http.get(`/api/v1${path}`).set('Authorization', await t.login(as));
  const post = async (as: string, path: string, body: Record<string, unknown> = {}) =>
    t.http.post(`/api/v1${path}`).set('Authorization', await t.login(as)).send(body);

  async function toAssessing(c: { id: string }, emergency?: Record<string, unknown>) {
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: workerId });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    if (emergency) await apply(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', emergency);
    return apply(t, 'vanson.social_worker', c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'high', substantiated: true, summary: 'Có căn cứ' });
  }

  it('a case started on v1 stays on v1 after v2 is current, with v1’s behaviour; a new report starts v2', async () => {
    setCurrentVersion(CASE_WORKFLOW, 1);
    setCurrentVersion(HANDOFF_WORKFLOW, 1);
    const old = await intake(t, 'vanson.hotline_operator', { immediateDanger: true });
    expect(old.workflowVersion).toBe(1);
    await apply(t, 'vanson.supervisor', old.id, 'ASSIGN', { assigneeId: workerId });
    await apply(t, 'vanson.social_worker', old.id, 'START_VERIFICATION');
    // v2 becomes current while the case is in flight.
    setCurrentVersion(CASE_WORKFLOW, 2);
    setCurrentVersion(HANDOFF_WORKFLOW, 2);

    // v1's emergency measures: the measures only (v2's fields are unknown to v1's contract).
    expect((await send(t, 'vanson.social_worker', old.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Tạm lánh'], ...EMERGENCY })).status).toBe(400);
    let c = await apply(t, 'vanson.social_worker', old.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Tạm lánh'] });
    expect(c.workflowVersion).toBe(1);
    expect(c.handoffs.map((h: H) => [h.kind, h.workflowVersion, h.protection])).toEqual([
      ['police_protection', 2, null], ['medical_care', 2, null],
    ]);
    c = await apply(t, 'vanson.social_worker', old.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'immediate_danger', substantiated: true, summary: 'Có căn cứ' });
    c = await apply(t, 'vanson.social_worker', old.id, 'RECORD_ASSESSMENT', { needs: ['y tế'], summary: 'Cần khám' });
    // v1 sends the forensic examination to the health station, as it always did.
    c = await apply(t, 'vanson.social_worker', old.id, 'SUBMIT_PLAN', { goals: 'An toàn', actions: [
      { kind: 'forensic_exam', agencyType: 'health_station', dueInDays: 3 },
    ] });
    c = await apply(t, 'vanson.chair', old.id, 'APPROVE_PLAN');
    expect(c.state).toBe('intervening');
    expect(c.workflowVersion).toBe(1);
    expect(c.handoffs.find((h: H) => h.kind === 'forensic_exam').agency.type).toBe('health_station');
    // v2's school-reintegration step is not v1's.
    const school = await send(t, 'vanson.social_worker', old.id, 'REQUEST_SCHOOL_REINTEGRATION', {});
    expect(school.status).toBeGreaterThanOrEqual(400);
    expect(school.status).toBeLessThan(500);
    expect(c.allowedEvents).not.toContain('REQUEST_SCHOOL_REINTEGRATION');
    const [row] = await t.ds.query(`SELECT workflow, workflow_version FROM cases WHERE id = $1`, [old.id]);
    expect(row).toEqual({ workflow: 'abuse-intervention', workflow_version: 1 });

    const fresh = await intake(t, 'vanson.hotline_operator');
    expect(fresh.workflowVersion).toBe(2);
    expect(fresh.allowedEvents).toBeDefined();
  });

  it('handoffs in flight keep their version: a v1 police handoff has no procedure status', async () => {
    setCurrentVersion(HANDOFF_WORKFLOW, 1);
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: workerId });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    const after = await apply(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Tạm lánh'], ...EMERGENCY });
    setCurrentVersion(HANDOFF_WORKFLOW, 2);
    const police = after.handoffs.find((h: H) => h.kind === 'police_protection');
    expect(police.workflowVersion).toBe(1);
    expect((await post('vanson.police', `/handoffs/${police.id}/accept`)).status).toBe(200);
    const view = await get('vanson.police', `/handoffs/${police.id}`);
    expect(view.body.allowedActions).not.toContain('RECORD_PROCEDURE_STATUS');
    const res = await post('vanson.police', `/handoffs/${police.id}/record_procedure_status`, { status: 'report_received', on: '2026-03-02' });
    expect(res.status).toBe(403);
  });

  it('emergency measures keep API.md’s `{measures}`: without the protection details, the measures are the instructions and the rest shows as not given; bad details are 400, bilingual', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: workerId });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    const tooLong = await send(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Tạm lánh'], workerPhone: '0'.repeat(31), childLocation: '' });
    expect(tooLong.status).toBe(400);
    for (const key of ['workerPhone', 'childLocation']) expect(tooLong.body.details.fields[`data.${key}`][0]).toContain(' / ');
    const res = await send(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Tạm lánh', 'Báo công an xã'] });
    expect(res.status).toBe(200);
    const police = res.body.case.handoffs.find((x: H) => x.kind === 'police_protection');
    expect(police).toMatchObject({
      instructions: 'Biện pháp khẩn cấp / Emergency measures: Tạm lánh; Báo công an xã',
      protection: { childLocation: null, workerName: null, workerPhone: null },
    });
  });

  it('the emergency handoffs show their agency the location, instructions and contact; a school’s handoff shows none of it', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true });
    const after = await toAssessing(c, { measures: ['Tạm lánh'], ...EMERGENCY });
    const protection = { childLocation: EMERGENCY.childLocation, workerName: EMERGENCY.workerName, workerPhone: EMERGENCY.workerPhone };
    for (const [kind, as] of [['police_protection', 'vanson.police'], ['medical_care', 'vanson.health']] as const) {
      const h = after.handoffs.find((x: H) => x.kind === kind);
      expect(h).toMatchObject({ workflowVersion: 2, instructions: EMERGENCY.instructions, protection });
      const view = await get(as, `/handoffs/${h.id}`);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ instructions: EMERGENCY.instructions, protection });
      // The case page of the agency (need-to-know) shows it on its own handoff, and the child's first name only.
      const page = await get(as, `/cases/${c.id}`);
      expect(page.body.handoffs).toEqual([expect.objectContaining({ kind, protection })]);
      expect(page.body.child).toEqual({ firstName: 'Lan', ageYears: expect.any(Number), sex: 'female' });
      expect(JSON.stringify(page.body)).not.toContain('Trần Văn Báo');
    }
    // The plan sends the school work: the school sees neither the location nor the worker's contact.
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_ASSESSMENT', { needs: ['học tập'], summary: 'Cần hỗ trợ' });
    await apply(t, 'vanson.social_worker', c.id, 'SUBMIT_PLAN', { goals: 'Đi học lại', actions: [
      { kind: 'school_support', agencyType: 'school', dueInDays: 10, instructions: 'Hỗ trợ học tập' },
    ] });
    await apply(t, 'vanson.chair', c.id, 'APPROVE_PLAN');
    const inbox = await get('vanson.education', '/handoffs/inbox?status=open');
    const mine = inbox.body.items.filter((h: { caseId: string }) => h.caseId === c.id);
    expect(mine.map((h: H) => [h.kind, h.protection])).toEqual([['school_support', null]]);
    const schoolPage = await get('vanson.education', `/cases/${c.id}`);
    const text = JSON.stringify([inbox.body, schoolPage.body]);
    for (const secret of [EMERGENCY.childLocation, EMERGENCY.workerPhone, EMERGENCY.workerName, EMERGENCY.instructions]) expect(text).not.toContain(secret);
    expect(schoolPage.body.child).toEqual({ firstName: 'Lan', ageYears: expect.any(Number), sex: 'female' });
  });

  it('the forensic examination goes to the police (400 for the health station), who record the criminal-procedure status', async () => {
    const c = await intake(t, 'vanson.hotline_operator');
    await toAssessing(c);
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_ASSESSMENT', { needs: ['pháp y'], summary: 'Cần giám định' });
    const wrong = await send(t, 'vanson.social_worker', c.id, 'SUBMIT_PLAN', { goals: 'Giám định', actions: [
      { kind: 'forensic_exam', agencyType: 'health_station', dueInDays: 3 },
    ] });
    expect(wrong.status).toBe(400);
    expect(Object.values(wrong.body.details.fields).flat().join(' ')).toContain(' / ');
    await apply(t, 'vanson.social_worker', c.id, 'SUBMIT_PLAN', { goals: 'Giám định', actions: [
      { kind: 'forensic_exam', agencyType: 'commune_police', dueInDays: 3, instructions: 'Trưng cầu giám định pháp y' },
      { kind: 'medical_care', agencyType: 'health_station', dueInDays: 3 },
    ] });
    const approved = await apply(t, 'vanson.chair', c.id, 'APPROVE_PLAN');
    const forensic = approved.handoffs.find((h: H) => h.kind === 'forensic_exam');
    const medical = approved.handoffs.find((h: H) => h.kind === 'medical_care');
    expect(forensic.agency.type).toBe('commune_police');

    const record = (as: string, id: string, body: Record<string, unknown>) => post(as, `/handoffs/${id}/record_procedure_status`, body);
    const status = { status: 'report_received', on: '2026-03-02', reference: '15/TB-CA' };
    // Not before the police accept the work; never by another agency, another commune's police, or the commune.
    expect((await record('vanson.police', forensic.id, status)).status).toBe(422);
    expect((await post('vanson.police', `/handoffs/${forensic.id}/accept`)).status).toBe(200);
    expect((await record('ngoclien.police', forensic.id, status)).status).toBe(404);
    expect((await record('vanson.health', forensic.id, status)).status).toBe(404);
    expect((await record('vanson.social_worker', forensic.id, status)).status).toBe(403);
    expect((await record('vanson.police', forensic.id, { ...status, status: 'arrested' })).status).toBe(400);
    expect((await record('vanson.police', forensic.id, { ...status, on: '2026-02-30' })).status).toBe(400);
    // Medical work follows no criminal procedure.
    expect((await post('vanson.health', `/handoffs/${medical.id}/accept`)).status).toBe(200);
    expect((await record('vanson.health', medical.id, status)).status).toBe(403);

    const first = await record('vanson.police', forensic.id, status);
    expect(first.status).toBe(200);
    const second = await record('vanson.police', forensic.id, { status: 'prosecution_opened', on: '2026-03-20', reference: '05/QĐ-KTVA', note: 'Khởi tố vụ án' });
    expect(second.body.handoff.procedure.map((p: { status: string }) => p.status)).toEqual(['report_received', 'prosecution_opened']);
    expect(second.body.handoff.allowedActions).toContain('RECORD_PROCEDURE_STATUS');

    // The commune's staff see it on the case page and in the timeline.
    const page = await get('vanson.social_worker', `/cases/${c.id}`);
    expect(page.body.handoffs.find((h: H) => h.id === forensic.id).procedure).toEqual([
      { status: 'report_received', on: '2026-03-02', reference: '15/TB-CA', note: null, by: expect.any(String) },
      { status: 'prosecution_opened', on: '2026-03-20', reference: '05/QĐ-KTVA', note: 'Khởi tố vụ án', by: expect.any(String) },
    ]);
    const timeline = await get('vanson.social_worker', `/cases/${c.id}/timeline`);
    const recorded = timeline.body.items.filter((i: { kind: string; data?: { procedureStatus?: string } }) => i.kind === 'event' && i.data?.procedureStatus)
      .map((i: { data: { procedureStatus: string } }) => i.data.procedureStatus);
    expect(recorded).toEqual(['report_received', 'prosecution_opened']);
    const [audit] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'handoff.RECORD_PROCEDURE_STATUS' AND entity_id = $1`, [forensic.id]);
    expect(audit.n).toBe(2);
  });

  it('the school-reintegration step: a handoff to the school, due in 14 days, that the school confirms by completing it', async () => {
    const c = await intake(t, 'vanson.hotline_operator');
    await toAssessing(c);
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_ASSESSMENT', { needs: ['học tập'], summary: 'Cần đi học lại' });
    expect((await send(t, 'vanson.social_worker', c.id, 'REQUEST_SCHOOL_REINTEGRATION', {})).status).toBe(422);
    await apply(t, 'vanson.social_worker', c.id, 'SUBMIT_PLAN', { goals: 'Đi học lại', actions: [] });
    expect((await apply(t, 'vanson.chair', c.id, 'APPROVE_PLAN')).allowedEvents).not.toContain('REQUEST_SCHOOL_REINTEGRATION');
    expect((await get('vanson.social_worker', `/cases/${c.id}`)).body.allowedEvents).toContain('REQUEST_SCHOOL_REINTEGRATION');
    expect((await send(t, 'vanson.chair', c.id, 'REQUEST_SCHOOL_REINTEGRATION', {})).status).toBe(403);
    const before = Date.now();
    const after = await apply(t, 'vanson.social_worker', c.id, 'REQUEST_SCHOOL_REINTEGRATION', { instructions: 'Xếp lại lớp 4A', expectedOn: '2026-09-05' });
    const h = after.handoffs.find((x: H) => x.kind === 'school_reintegration');
    expect(h).toMatchObject({ agency: { type: 'school' }, state: 'offered', instructions: 'Xếp lại lớp 4A', protection: null });
    const days = (new Date(h.dueAt).getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThan(14.1);
    // One request at a time: a second while the school has not answered is refused (409, bilingual), and nothing is sent.
    const twice = await send(t, 'vanson.social_worker', c.id, 'REQUEST_SCHOOL_REINTEGRATION', {});
    expect([twice.status, twice.body.message]).toEqual([409, expect.stringContaining('the earlier request is still open')]);
    expect(twice.body.message).toContain('yêu cầu trước vẫn đang thực hiện');
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM handoffs WHERE case_id = $1 AND kind = 'school_reintegration'`, [c.id]))[0].n).toBe(1);
    // The case cannot close while the school has not confirmed.
    expect((await send(t, 'vanson.social_worker', c.id, 'PROPOSE_CLOSURE', { reason: 'An toàn' })).status).toBe(422);
    expect((await post('vanson.education', `/handoffs/${h.id}/accept`)).status).toBe(200);
    const done = await post('vanson.education', `/handoffs/${h.id}/complete`, { outcome: 'Trẻ đã đi học lại từ ngày 05/9, lớp 4A' });
    expect(done.status).toBe(200);
    // Once the school answered, another request may follow (the child changed school, say).
    expect((await get('vanson.social_worker', `/cases/${c.id}`)).body.allowedEvents).toContain('REQUEST_SCHOOL_REINTEGRATION');
    const closing = await apply(t, 'vanson.social_worker', c.id, 'PROPOSE_CLOSURE', { reason: 'Trẻ an toàn, đã đi học lại' });
    expect(closing.state).toBe('awaiting_closure_approval');
  });
});

describe('the village collaborator (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => { t = await bootTestApp(); });
  afterAll(() => t.close());
  const collaborator = 'vanson.village_collaborator';

  it('files reports of their own commune by the collaborator channel only', async () => {
    const auth = await t.login(collaborator);
    const body = (o: Record<string, unknown>) => ({
      channel: 'community_collaborator', receivedAt: new Date().toISOString(), communeCode: 'van-son',
      reporter: { anonymous: false, name: 'Lò Văn Cộng', phone: '0987654321', relationToChild: 'cộng tác viên thôn' },
      child: { fullName: 'Hà Thị Mai', sex: 'female', approxAgeYears: 9 },
      incident: { types: ['neglect'], description: 'Trẻ bị bỏ mặc' }, immediateDanger: false, ...o,
    });
    const ok = await t.http.post('/api/v1/intake').set('Authorization', auth).send(body({}));
    expect(ok.status).toBe(201);
    expect(ok.body.case).toMatchObject({ state: 'received', workflowVersion: 2 });
    expect(ok.body.case.reporter).toBeUndefined();
    const other = await t.http.post('/api/v1/intake').set('Authorization', auth).send(body({ communeCode: 'ngoc-lien' }));
    expect(other.status).toBe(403);
    const wrongChannel = await t.http.post('/api/v1/intake').set('Authorization', auth).send(body({ channel: 'hotline_111' }));
    expect(wrongChannel.status).toBe(400);
    expect(wrongChannel.body.details.fields.channel[0]).toContain(' / ');
  });

  it('sees only the status of the reports they filed, until the commune takes them up, never their content, and cannot act on them', async () => {
    const mine = await intake(t, collaborator, { channel: 'community_collaborator' });
    const someoneElses = await intake(t, 'vanson.hotline_operator');
    const auth = await t.login(collaborator);
    const list = await t.http.get('/api/v1/cases').set('Authorization', auth);
    const ids = list.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(someoneElses.id);
    // The status, its code and dates — nothing of what the report says.
    const item = list.body.items.find((c: { id: string }) => c.id === mine.id);
    expect(item).toMatchObject({ code: mine.code, state: 'received', communeCode: 'van-son' });
    for (const content of ['childName', 'abuseTypes', 'riskLevel', 'immediateDanger']) expect([content, item[content]]).toEqual([content, undefined]);
    expect((await t.http.get(`/api/v1/cases/${someoneElses.id}`).set('Authorization', auth)).status).toBe(404);
    expect((await t.http.get(`/api/v1/cases/${mine.id}`).set('Authorization', auth)).status).toBe(404);
    const timeline = await t.http.get(`/api/v1/cases/${mine.id}/timeline`).set('Authorization', auth);
    expect(JSON.stringify(timeline.body)).not.toContain('Trẻ bị đánh nhiều lần');
    expect((await t.http.get(`/api/v1/cases/${mine.id}/decisions`).set('Authorization', auth)).status).toBe(403);
    expect((await t.http.get(`/api/v1/cases/${mine.id}/documents/mau-01`).set('Authorization', auth)).status).toBe(403);
    expect((await send(t, collaborator, mine.id, 'ADD_NOTE', { text: 'thêm' })).status).toBe(403);
    await apply(t, 'vanson.supervisor', mine.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    // Taken up: the case is the commune's, no longer in the collaborator's sight.
    expect((await t.http.get(`/api/v1/cases/${mine.id}`).set('Authorization', auth)).status).toBe(404);
    expect((await t.http.get('/api/v1/cases').set('Authorization', auth)).body.items.map((c: { id: string }) => c.id)).not.toContain(mine.id);
    expect((await t.http.get('/api/v1/children').set('Authorization', auth)).body.items ?? []).toEqual([]);
  });

  it('belongs to the commune People’s Committee: another commune’s collaborator sees nothing of Vân Sơn', async () => {
    const mine = await intake(t, collaborator, { channel: 'community_collaborator' });
    const [u] = await t.ds.query(`SELECT a.type, a.commune_code FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.username = $1`, [collaborator]);
    expect(u).toEqual({ type: 'people_committee', commune_code: 'van-son' });
    expect((await t.http.get(`/api/v1/cases/${mine.id}`).set('Authorization', await t.login('ngoclien.village_collaborator'))).status).toBe(404);
  });
});
