import { bootTestApp, TestApp } from './support/test-app';
import { apply, intake, send, userId, EMERGENCY } from './support/fixtures';
import { waitFor } from './support/wait';

const HOUR = 3_600_000;

describe('cross-agency handoffs (e2e)', () => {
  let t: TestApp;
  let workerId: string;
  beforeAll(async () => {
    t = await bootTestApp({ worker: true, env: { OUTBOX_POLL_MS: '50', RECONCILE_INTERVAL_MS: '2000' } });
    workerId = await userId(t, 'vanson.social_worker');
  });
  afterAll(() => t.close());

  async function caseInPlanning() {
    const c = await intake(t, 'vanson.hotline_operator');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: workerId });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'high', substantiated: true, summary: 'Có căn cứ' });
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_ASSESSMENT', { needs: ['y tế', 'học tập'], summary: 'Cần hỗ trợ' });
    return c;
  }

  it('plan approval creates one handoff per plan action, each in its agency’s inbox with the need-to-know view only', async () => {
    const c = await caseInPlanning();
    await apply(t, 'vanson.social_worker', c.id, 'SUBMIT_PLAN', { goals: 'Chăm sóc và đi học lại', actions: [
      { kind: 'medical_care', agencyType: 'health_station', dueInDays: 5, instructions: 'Khám và điều trị vết thương' },
      { kind: 'school_support', agencyType: 'school', dueInDays: 14, instructions: 'Hỗ trợ trẻ quay lại lớp' },
      { kind: 'legal_aid', agencyType: 'legal_aid_center', dueInDays: 30 },
    ] });
    const approved = await apply(t, 'vanson.chair', c.id, 'APPROVE_PLAN');
    expect(approved.handoffs.map((h: { kind: string; agency: { type: string }; state: string }) => [h.kind, h.agency.type, h.state])).toEqual([
      ['medical_care', 'health_station', 'offered'], ['school_support', 'school', 'offered'], ['legal_aid', 'legal_aid_center', 'offered'],
    ]);
    const inbox = await t.http.get('/api/v1/handoffs/inbox').query({ status: 'open' }).set('Authorization', await t.login('vanson.health'));
    const mine = inbox.body.items.find((h: { caseId: string }) => h.caseId === c.id);
    expect(mine).toMatchObject({ kind: 'medical_care', instructions: 'Khám và điều trị vết thương', allowedActions: ['ACCEPT', 'DECLINE'] });
    expect(mine.case).toEqual({
      id: c.id, code: c.code, state: 'intervening', communeCode: 'van-son', communeName: 'Xã Vân Sơn',
      child: { firstName: 'Lan', ageYears: expect.any(Number), sex: 'female' }, incidentTypes: ['physical_violence'],
    });
    expect(JSON.stringify(inbox.body)).not.toContain('Trần Văn Báo'); // the reporter
    expect(JSON.stringify(inbox.body)).not.toContain('Hỗ trợ trẻ quay lại lớp'); // another agency's work
    // Partners' view of the case itself is the need-to-know projection.
    const partnerView = await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', await t.login('vanson.health'));
    expect(partnerView.status).toBe(200);
    expect(partnerView.body.reporter).toBeUndefined();
    expect(partnerView.body.child).toEqual({ firstName: 'Lan', ageYears: expect.any(Number), sex: 'female' });
    expect(partnerView.body.handoffs.map((h: { kind: string }) => h.kind)).toEqual(['medical_care']);
    expect(partnerView.body.incident).toEqual({ types: ['physical_violence'] });
  });

  it('police of the right commune accept, start and complete; another commune’s police and the wrong agency get 404', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: workerId });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    const after = await apply(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Tách trẻ khỏi người gây hại'], ...EMERGENCY });
    const police = after.handoffs.find((h: { kind: string }) => h.kind === 'police_protection');
    for (const outsider of ['ngoclien.police', 'namphu.police', 'vanson.education']) {
      const res = await t.http.post(`/api/v1/handoffs/${police.id}/accept`).set('Authorization', await t.login(outsider));
      expect([outsider, res.status]).toEqual([outsider, 404]);
      const read = await t.http.get(`/api/v1/handoffs/${police.id}`).set('Authorization', await t.login(outsider));
      expect([outsider, read.status]).toEqual([outsider, 404]);
    }
    expect((await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', await t.login('ngoclien.police'))).status).toBe(404);
    // The commune's worker may not act for the police; the police may not cancel.
    expect((await t.http.post(`/api/v1/handoffs/${police.id}/accept`).set('Authorization', await t.login('vanson.social_worker'))).status).toBe(403);
    const auth = await t.login('vanson.police');
    expect((await t.http.post(`/api/v1/handoffs/${police.id}/cancel`).set('Authorization', auth).send({ reason: 'x' })).status).toBe(403);
    expect((await t.http.post(`/api/v1/handoffs/${police.id}/complete`).set('Authorization', auth).send({})).status).toBe(400);
    expect((await t.http.post(`/api/v1/handoffs/${police.id}/start`).set('Authorization', auth)).status).toBe(422);
    expect((await t.http.post(`/api/v1/handoffs/${police.id}/accept`).set('Authorization', auth)).body.handoff.state).toBe('accepted');
    expect((await t.http.post(`/api/v1/handoffs/${police.id}/start`).set('Authorization', auth)).body.handoff.state).toBe('in_progress');
    const done = await t.http.post(`/api/v1/handoffs/${police.id}/complete`).set('Authorization', auth).send({ outcome: 'Đã bảo vệ trẻ an toàn' });
    expect(done.status).toBe(200);
    expect(done.body.handoff).toMatchObject({ state: 'completed', outcome: 'Đã bảo vệ trẻ an toàn', allowedActions: [] });
    const deadlines = done.body.handoff.deadlines.map((d: { key: string; status: string }) => [d.key, d.status]).sort();
    expect(deadlines).toEqual([['acceptance_urgent', 'met'], ['completion', 'met']]);
    // Every change is a case event on the timeline, visible to the police only for their own handoff.
    const timeline = await t.http.get(`/api/v1/cases/${c.id}/timeline`).set('Authorization', auth);
    const statuses = timeline.body.items.filter((i: { kind: string }) => i.kind === 'event').map((e: { data: { status: string } }) => e.data.status);
    expect(statuses).toEqual(['accepted', 'in_progress', 'completed']);
  });

  it('a decline puts the case back in front of its social worker, who can hand the work to another agency', async () => {
    const c = await caseInPlanning();
    const [{ id: schoolId }] = await t.ds.query(`SELECT agency_id AS id FROM users WHERE username = 'vanson.education'`);
    const created = await t.http.post(`/api/v1/cases/${c.id}/handoffs`).set('Authorization', await t.login('vanson.social_worker'))
      .send({ kind: 'school_support', agencyId: schoolId, instructions: 'Sắp xếp lớp học', urgency: 'normal' });
    expect(created.status).toBe(201);
    const declined = await t.http.post(`/api/v1/handoffs/${created.body.handoff.id}/decline`).set('Authorization', await t.login('vanson.education'))
      .send({ reason: 'Trẻ không học ở trường này' });
    expect(declined.body.handoff).toMatchObject({ state: 'declined', reason: 'Trẻ không học ở trường này' });
    const notes = await t.ds.query(
      `SELECT n.template FROM notifications n WHERE n.case_id = $1 AND n.user_id = $2 ORDER BY n.created_at`, [c.id, workerId]);
    expect(notes.map((n: { template: string }) => n.template)).toEqual(expect.arrayContaining(['handoff_declined', 'handoff_needs_attention']));
    const timeline = await t.http.get(`/api/v1/cases/${c.id}/timeline`).set('Authorization', await t.login('vanson.social_worker'));
    expect(timeline.body.items.some((i: { type?: string; data?: { status: string } }) => i.type === 'HANDOFF_UPDATED' && i.data?.status === 'declined')).toBe(true);
    // An agency outside the case's commune cannot be asked.
    const [{ id: otherPolice }] = await t.ds.query(`SELECT agency_id AS id FROM users WHERE username = 'ngoclien.police'`);
    const refused = await t.http.post(`/api/v1/cases/${c.id}/handoffs`).set('Authorization', await t.login('vanson.social_worker'))
      .send({ kind: 'police_investigation', agencyId: otherPolice, instructions: 'x', urgency: 'urgent' });
    expect(refused.status).toBe(400);
    expect(refused.body.details.fields.agencyId).toBeDefined();
  });

  it('a missed acceptance deadline escalates to the commune’s supervisors and the receiving agency', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true, receivedAt: new Date(Date.now() - 11 * HOUR).toISOString() });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: workerId });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    const after = await apply(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Đưa trẻ đến nơi an toàn'], ...EMERGENCY });
    const police = after.handoffs.find((h: { kind: string }) => h.kind === 'police_protection');
    // Pretend two hours passed without acceptance: move the acceptance deadline into the past and re-arm it.
    await t.ds.query(`UPDATE deadlines SET due_at = now() - interval '1 minute' WHERE handoff_id = $1 AND key = 'acceptance_urgent'`, [police.id]);
    await t.ds.query(
      `INSERT INTO outbox (topic, payload) SELECT 'deadline.rearm', jsonb_build_object('deadlineId', id, 'level', 0, 'at', now())
         FROM deadlines WHERE handoff_id = $1 AND key = 'acceptance_urgent'`, [police.id]);
    await waitFor('the acceptance deadline to breach', async () => {
      const [d] = await t.ds.query(`SELECT status FROM deadlines WHERE handoff_id = $1 AND key = 'acceptance_urgent'`, [police.id]);
      return d.status === 'breached';
    });
    const notified = await t.ds.query(
      `SELECT DISTINCT u.username FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.case_id = $1 AND n.template = 'deadline_breached' ORDER BY 1`, [c.id]);
    expect(notified.map((r: { username: string }) => r.username)).toEqual(['vanson.police', 'vanson.social_worker', 'vanson.supervisor']);
    const view = await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', await t.login('vanson.social_worker'));
    expect(view.body.overdue).toBe(true);
    expect(view.body.handoffs.find((h: { id: string }) => h.id === police.id)).toMatchObject({ state: 'offered', overdue: true });
    // The police can still accept late; the breach is recorded as met late.
    const accepted = await t.http.post(`/api/v1/handoffs/${police.id}/accept`).set('Authorization', await t.login('vanson.police'));
    expect(accepted.body.handoff.deadlines.find((d: { key: string }) => d.key === 'acceptance_urgent').status).toBe('met_late');
  });

  it('closure waits for open handoffs unless the worker cancels them with a reason', async () => {
    const c = await caseInPlanning();
    await apply(t, 'vanson.social_worker', c.id, 'SUBMIT_PLAN', { goals: 'g', actions: [{ kind: 'psychological_care', agencyType: 'social_work_center', dueInDays: 10 }] });
    const approved = await apply(t, 'vanson.chair', c.id, 'APPROVE_PLAN');
    expect((await send(t, 'vanson.social_worker', c.id, 'PROPOSE_CLOSURE', { reason: 'Ổn định' })).status).toBe(422);
    const h = approved.handoffs[0];
    expect(h.allowedActions).toEqual([]); // the chair's view: the chair does not manage handoffs
    const workerView = await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', await t.login('vanson.social_worker'));
    expect(workerView.body.handoffs.map((x: { allowedActions: string[] }) => x.allowedActions)).toEqual([['CANCEL']]);
    const agencyView = await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', await t.login('vanson.social_work_center'));
    expect(agencyView.body.handoffs.map((x: { allowedActions: string[] }) => x.allowedActions)).toEqual([['ACCEPT', 'DECLINE']]);
    expect((await t.http.post(`/api/v1/handoffs/${h.id}/cancel`).set('Authorization', await t.login('vanson.social_worker')).send({})).status).toBe(400);
    const cancelled = await t.http.post(`/api/v1/handoffs/${h.id}/cancel`).set('Authorization', await t.login('vanson.social_worker'))
      .send({ reason: 'Gia đình tự đưa trẻ đi tư vấn' });
    expect(cancelled.body.handoff).toMatchObject({ state: 'cancelled', reason: 'Gia đình tự đưa trẻ đi tư vấn' });
    const proposed = await apply(t, 'vanson.social_worker', c.id, 'PROPOSE_CLOSURE', { reason: 'Ổn định' });
    expect(proposed.state).toBe('awaiting_closure_approval');
  });

  it('a closure is not approved while a handoff is open, even one offered after the proposal', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: workerId });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    const measures = await apply(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Tách trẻ khỏi người gây hại'], ...EMERGENCY });
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'low', substantiated: false, summary: 'Không có căn cứ' });
    await apply(t, 'vanson.social_worker', c.id, 'CLOSE_UNFOUNDED', { reason: 'Tin báo sai' });
    // The emergency handoffs are still open: the decision waits for them.
    const refused = await send(t, 'vanson.supervisor', c.id, 'APPROVE_CLOSURE');
    expect(refused.status).toBe(422);
    const view = await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', await t.login('vanson.supervisor'));
    expect(view.body.allowedEvents).not.toContain('APPROVE_CLOSURE');
    for (const h of measures.handoffs) {
      await t.http.post(`/api/v1/handoffs/${h.id}/cancel`).set('Authorization', await t.login('vanson.social_worker')).send({ reason: 'Không cần nữa' });
    }
    // A handoff offered while the proposal waits is not silently dropped by the decision either.
    const agencies = await t.http.get('/api/v1/directory/agencies').set('Authorization', await t.login('vanson.social_worker'));
    const school = agencies.body.items.find((a: { type: string }) => a.type === 'school');
    const late = await t.http.post(`/api/v1/cases/${c.id}/handoffs`).set('Authorization', await t.login('vanson.social_worker'))
      .send({ kind: 'school_support', agencyId: school.id, instructions: 'Theo dõi trẻ ở trường', urgency: 'normal' });
    expect(late.status).toBe(201);
    expect((await send(t, 'vanson.supervisor', c.id, 'APPROVE_CLOSURE')).status).toBe(422);
    const handoff = await t.http.get(`/api/v1/handoffs/${late.body.handoff.id}`).set('Authorization', await t.login('vanson.education'));
    expect(handoff.body.state).toBe('offered');
    await t.http.post(`/api/v1/handoffs/${late.body.handoff.id}/accept`).set('Authorization', await t.login('vanson.education'));
    await t.http.post(`/api/v1/handoffs/${late.body.handoff.id}/complete`).set('Authorization', await t.login('vanson.education')).send({ outcome: 'Trẻ đi học đều' });
    expect((await apply(t, 'vanson.supervisor', c.id, 'APPROVE_CLOSURE')).state).toBe('closed');
  });

  it('the inbox lists every state with status=all, the unfinished ones with status=open', async () => {
    const auth = await t.login('vanson.education');
    const all = await t.http.get('/api/v1/handoffs/inbox').query({ status: 'all' }).set('Authorization', auth);
    expect(all.status).toBe(200);
    const states = all.body.items.map((h: { state: string }) => h.state);
    expect(states).toContain('completed');
    const none = await t.http.get('/api/v1/handoffs/inbox').set('Authorization', auth);
    expect(none.body.total).toBe(all.body.total);
    const open = await t.http.get('/api/v1/handoffs/inbox').query({ status: 'open' }).set('Authorization', auth);
    expect(open.body.items.every((h: { state: string }) => ['offered', 'accepted', 'in_progress'].includes(h.state))).toBe(true);
    expect(open.body.total).toBeLessThan(all.body.total);
    expect((await t.http.get('/api/v1/handoffs/inbox').query({ status: 'lost' }).set('Authorization', auth)).status).toBe(400);
  });

  it('an agency loses sight of the case when its handoff is cancelled or declined, and keeps read-only sight after completing it', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: workerId });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    const after = await apply(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Tách trẻ khỏi người gây hại'], ...EMERGENCY });
    const police = after.handoffs.find((h: { kind: string }) => h.kind === 'police_protection');
    const medical = after.handoffs.find((h: { kind: string }) => h.kind === 'medical_care');
    const asPolice = await t.login('vanson.police');
    const asHealth = await t.login('vanson.health');
    expect((await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', asPolice)).status).toBe(200);
    // Declined: the answer shows the agency its own act, then the case is gone from its sight.
    const declined = await t.http.post(`/api/v1/handoffs/${police.id}/decline`).set('Authorization', asPolice).send({ reason: 'Không thuộc địa bàn' });
    expect(declined.status).toBe(200);
    expect((await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', asPolice)).status).toBe(404);
    expect((await t.http.get(`/api/v1/handoffs/${police.id}`).set('Authorization', asPolice)).status).toBe(404);
    const inbox = await t.http.get('/api/v1/handoffs/inbox').query({ status: 'all', pageSize: 100 }).set('Authorization', asPolice);
    expect(inbox.body.items.map((h: { id: string }) => h.id)).not.toContain(police.id);
    // Completed: still visible, read-only (no action left), for the configured period.
    await t.http.post(`/api/v1/handoffs/${medical.id}/accept`).set('Authorization', asHealth);
    await t.http.post(`/api/v1/handoffs/${medical.id}/complete`).set('Authorization', asHealth).send({ outcome: 'Đã khám' });
    const seen = await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', asHealth);
    expect(seen.status).toBe(200);
    expect(seen.body.allowedEvents).toEqual([]);
    expect(seen.body.handoffs[0].allowedActions).toEqual([]);
    await t.ds.query(`UPDATE handoffs SET visible_until = now() - interval '1 second' WHERE id = $1`, [medical.id]);
    expect((await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', asHealth)).status).toBe(404);
  });
});
