/**
 * Two communes per case (Luật Trẻ em Điều 52 k2; NĐ 56 Điều 26): the commune where it happened
 * leads until the assessment, the child's residence commune shares the case from intake (it sees,
 * it does not act), and the handover moves the lead to the residence commune while the incident
 * commune keeps read-only sight. A commune that has nothing to do with the case sees nothing.
 */
import { apply, intake, intakeBody, send, userId } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

describe('two communes per case (e2e)', () => {
  let t: TestApp;
  let vansonWorker: string;
  let ngoclienWorker: string;

  const get = async (as: string, path: string) => t.http.get(`/api/v1${path}`).set('Authorization', await t.login(as));
  const post = async (as: string, path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set('Authorization', await t.login(as)).send(body);

  /** A report filed in Vân Sơn about a child living in Ngọc Liên (same province). */
  const twoCommuneCase = () => intake(t, 'vanson.social_worker', { child: {
    fullName: 'Lê Văn Nam', sex: 'male', dateOfBirth: '2014-02-03', residenceCommuneCode: 'ngoc-lien',
  } });

  async function assessed(caseId: string) {
    await apply(t, 'vanson.supervisor', caseId, 'ASSIGN', { assigneeId: vansonWorker });
    await apply(t, 'vanson.social_worker', caseId, 'START_VERIFICATION');
    await apply(t, 'vanson.social_worker', caseId, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'medium', substantiated: true, summary: 'Có căn cứ' });
    return apply(t, 'vanson.social_worker', caseId, 'RECORD_ASSESSMENT', { needs: ['tâm lý'], summary: 'Cần hỗ trợ tâm lý' });
  }

  beforeAll(async () => {
    t = await bootTestApp();
    vansonWorker = await userId(t, 'vanson.social_worker');
    ngoclienWorker = await userId(t, 'ngoclien.social_worker');
  });
  afterAll(() => t.close());

  it('intake names the incident and residence communes; the residence commune shares the case from the start', async () => {
    const c = await twoCommuneCase();
    expect(c.communes).toEqual({
      lead: { code: 'van-son', name: 'Xã Vân Sơn' }, incident: { code: 'van-son', name: 'Xã Vân Sơn' },
      residence: { code: 'ngoc-lien', name: 'Xã Ngọc Liên' }, partner: { code: 'ngoc-lien', name: 'Xã Ngọc Liên' }, pending: null,
      handoverDue: false,
    });
    expect(c.communeCode).toBe('van-son');
    const single = await intake(t, 'vanson.social_worker', { child: { sex: 'female', residenceCommuneCode: 'van-son' } });
    expect(single.communes).toMatchObject({ residence: { code: 'van-son' }, partner: null });
    const unknown = await intake(t, 'vanson.social_worker', { child: { sex: 'female' } });
    expect(unknown.communes).toMatchObject({ residence: null, partner: null });
  });

  it('an unknown residence commune is refused with a field error in Vietnamese and English', async () => {
    const res = await post('vanson.social_worker', '/intake', intakeBody({ child: { sex: 'male', residenceCommuneCode: 'khong-co' } }));
    expect(res.status).toBe(400);
    expect(res.body.details.fields['child.residenceCommuneCode'][0]).toMatch(/Không có xã\/phường .* \/ Unknown commune/);
    const long = await post('vanson.social_worker', '/intake', intakeBody({ child: { sex: 'male', residenceCommuneCode: 'x'.repeat(65) } }));
    expect(long.status).toBe(400);
  });

  it('the partner commune sees the case and cannot act; a third commune sees nothing', async () => {
    const c = await twoCommuneCase();
    const partner = await get('ngoclien.social_worker', `/cases/${c.id}`);
    expect(partner.status).toBe(200);
    expect(partner.body.allowedEvents).toEqual([]);
    expect(partner.body.communes.partner.code).toBe('ngoc-lien');
    // The reporter's identity is the leading commune's to know.
    expect(partner.body.reporter).toBeUndefined();
    expect((await get('vanson.social_worker', `/cases/${c.id}`)).body.reporter).toEqual(expect.objectContaining({ anonymous: expect.any(Boolean) }));
    const listed = await t.http.get('/api/v1/cases').query({ pageSize: 200 }).set('Authorization', await t.login('ngoclien.supervisor'));
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect((await get('ngoclien.supervisor', `/cases/${c.id}/timeline`)).status).toBe(200);

    const refused = await send(t, 'ngoclien.supervisor', c.id, 'ASSIGN', { assigneeId: ngoclienWorker });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('Chỉ xã/phường đang chủ trì hồ sơ được thực hiện thao tác này / Only the commune leading the case may do this');
    const [{ id: police }] = await t.ds.query(`SELECT id FROM agencies WHERE type = 'commune_police' AND commune_code = 'van-son'`);
    const handoff = await post('ngoclien.social_worker', `/cases/${c.id}/handoffs`, { kind: 'police_protection', agencyId: police, instructions: 'x', urgency: 'urgent' });
    expect(handoff.status).toBe(403);
    const transfer = await post('ngoclien.social_worker', `/cases/${c.id}/transfers`, { kind: 'transfer', toCommuneCode: 'nam-phu', reason: 'x' });
    expect(transfer.status).toBe(403);

    // The lead acts; so do province-level staff of the lead's province. Another province sees nothing.
    expect((await get('vanson.supervisor', `/cases/${c.id}`)).body.allowedEvents).toContain('ASSIGN');
    expect((await get('thanhhoa.supervisor', `/cases/${c.id}`)).body.allowedEvents).toContain('ASSIGN');
    for (const outsider of ['namphu.social_worker', 'namphu.supervisor', 'namphu.chair', 'hanoi.supervisor']) {
      expect([outsider, (await get(outsider, `/cases/${c.id}`)).status]).toEqual([outsider, 404]);
      expect([outsider, (await send(t, outsider, c.id, 'ADD_NOTE', { text: 'x' })).status]).toEqual([outsider, 404]);
      expect([outsider, (await post(outsider, `/cases/${c.id}/transfers`, { kind: 'transfer', toCommuneCode: 'nam-phu', reason: 'x' })).status])
        .toEqual([outsider, 404]);
    }
  });

  it('the handover after assessment moves the lead to the residence commune; the incident commune keeps read sight', async () => {
    const c = await twoCommuneCase();
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: vansonWorker });
    const early = await post('vanson.social_worker', `/cases/${c.id}/transfers`, { kind: 'handover', toCommuneCode: 'ngoc-lien', reason: 'Bàn giao' });
    expect(early.status).toBe(422);
    expect(early.body.details.reason).toBe('handover_not_due');
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'medium', substantiated: true, summary: 'Có căn cứ' });
    const planning = await apply(t, 'vanson.social_worker', c.id, 'RECORD_ASSESSMENT', { needs: ['tâm lý'], summary: 'Cần hỗ trợ tâm lý' });
    expect(planning.communes.handoverDue).toBe(true);

    const elsewhere = await post('vanson.social_worker', `/cases/${c.id}/transfers`, { kind: 'handover', toCommuneCode: 'nam-phu', reason: 'Bàn giao' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.details.fields.toCommuneCode).toBeDefined();
    const requested = await post('vanson.social_worker', `/cases/${c.id}/transfers`, {
      kind: 'handover', toCommuneCode: 'ngoc-lien', reason: 'Đã đánh giá xong, bàn giao cho nơi trẻ cư trú lập kế hoạch',
    });
    expect(requested.status).toBe(201);
    expect(requested.body.transfer).toMatchObject({
      kind: 'handover', caseId: c.id, caseCode: c.code, state: 'requested', fromCommune: { code: 'van-son' }, toCommune: { code: 'ngoc-lien' },
      residence: null, outcome: null, allowedActions: ['CANCEL_TRANSFER'],
    });
    const waiting = (await get('vanson.social_worker', `/cases/${c.id}`)).body;
    expect(waiting.communes).toMatchObject({ pending: { code: 'ngoc-lien' }, handoverDue: false });

    const accepted = await post('ngoclien.supervisor', `/transfers/${requested.body.transfer.id}/accept`, { assigneeId: ngoclienWorker });
    expect(accepted.status).toBe(200);
    expect(accepted.body.transfer).toMatchObject({ state: 'accepted', outcome: 'accepted', assigneeId: ngoclienWorker, allowedActions: [] });

    const lead = (await get('ngoclien.social_worker', `/cases/${c.id}`)).body;
    expect(lead.communeCode).toBe('ngoc-lien');
    expect(lead.code).toBe(c.code);
    expect(lead.communes).toMatchObject({
      lead: { code: 'ngoc-lien' }, incident: { code: 'van-son' }, residence: { code: 'ngoc-lien' }, partner: { code: 'van-son' }, pending: null,
      handoverDue: false,
    });
    expect(lead.assignee.id).toBe(ngoclienWorker);
    expect(lead.allowedEvents).toContain('SUBMIT_PLAN');
    const incident = await get('vanson.social_worker', `/cases/${c.id}`);
    expect(incident.status).toBe(200);
    expect(incident.body.allowedEvents).toEqual([]);
    expect((await send(t, 'vanson.social_worker', c.id, 'ADD_NOTE', { text: 'x' })).status).toBe(403);
    const planned = await apply(t, 'ngoclien.social_worker', c.id, 'SUBMIT_PLAN', { goals: 'Trẻ an toàn', actions: [] });
    expect(planned.state).toBe('awaiting_plan_approval');
  });

  it('a handover is only for a two-commune case led where it happened', async () => {
    const c = await intake(t, 'vanson.social_worker', { child: { sex: 'female', residenceCommuneCode: 'van-son' } });
    await assessed(c.id);
    const res = await post('vanson.social_worker', `/cases/${c.id}/transfers`, { kind: 'handover', toCommuneCode: 'ngoc-lien', reason: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.details.reason).toBe('handover_not_due');
  });

  it('the overdue board counts a case for the commune leading it only', async () => {
    const c = await twoCommuneCase();
    await t.ds.query(`UPDATE deadlines SET due_at = now() - interval '1 hour', status = 'breached', breached_at = now() WHERE case_id = $1`, [c.id]);
    const board = async (as: string) => (await t.http.get('/api/v1/oversight/overdue').query({ pageSize: 200 }).set('Authorization', await t.login(as))).body;
    expect((await board('vanson.supervisor')).items.map((i: { caseId: string }) => i.caseId)).toContain(c.id);
    expect((await board('ngoclien.supervisor')).items.map((i: { caseId: string }) => i.caseId)).not.toContain(c.id);
  });
});
