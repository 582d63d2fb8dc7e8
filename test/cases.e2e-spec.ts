import { bootTestApp, TestApp } from './support/test-app';
import { apply, intake, intakeBody, send, userId, EMERGENCY } from './support/fixtures';

describe('case lifecycle (e2e)', () => {
  let t: TestApp;
  let workerId: string;
  beforeAll(async () => {
    t = await bootTestApp();
    workerId = await userId(t, 'vanson.social_worker');
  });
  afterAll(() => t.close());

  it('takes a hotline report from intake to approved closure', async () => {
    const hotline = await t.login('vanson.hotline_operator');
    const body = intakeBody({ immediateDanger: true });
    const first = await t.http.post('/api/v1/intake').set('Authorization', hotline).send(body);
    expect(first.status).toBe(201);
    const c = first.body.case;
    expect(c.code).toMatch(/^VS-\d{4}-\d{6}$/);
    expect(c.state).toBe('received');
    expect(c.version).toBe(1);
    expect(c.reporter).toBeUndefined(); // hotline operators never see the reporter back
    expect(c.deadlines.map((d: { key: string }) => d.key).sort()).toEqual(['emergency_response', 'plan_submission']);
    const emergency = c.deadlines.find((d: { key: string }) => d.key === 'emergency_response');
    expect(new Date(emergency.dueAt).getTime() - new Date(body.receivedAt).getTime()).toBe(12 * 3600_000);

    // The same report again (a retry from the hotline system) is the same case.
    const again = await t.http.post('/api/v1/intake').set('Authorization', hotline).send(body);
    expect(again.status).toBe(200);
    expect(again.body.case.id).toBe(c.id);

    const worker = await t.login('vanson.social_worker');
    const seen = await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', worker);
    expect(seen.status).toBe(200);
    expect(seen.body.reporter).toEqual({ anonymous: false, name: 'Trần Văn Báo', phone: '0912345678', address: null, relationToChild: 'hàng xóm' });
    expect(seen.body.allowedEvents).toEqual(expect.arrayContaining(['ASSIGN', 'MARK_DUPLICATE', 'ADD_NOTE']));
    expect(seen.body.allowedEvents).not.toContain('START_VERIFICATION');

    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: workerId });
    // Once the commune has taken it up, the hotline operator no longer sees it.
    expect((await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', hotline)).status).toBe(404);

    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    await apply(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Tạm thời cách ly trẻ khỏi người gây hại'], ...EMERGENCY });
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'high', substantiated: true, summary: 'Có dấu hiệu bạo lực' });
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_ASSESSMENT', { needs: ['chăm sóc y tế', 'tâm lý'], summary: 'Cần hỗ trợ' });
    const planned = await apply(t, 'vanson.social_worker', c.id, 'SUBMIT_PLAN', { goals: 'Trẻ an toàn, được chăm sóc', actions: [] });
    expect(planned.state).toBe('awaiting_plan_approval');
    expect([...planned.allowedEvents].sort()).toEqual(['ADD_NOTE', 'ASSIGN']);

    // The worker may not approve (role); the chair may.
    expect((await send(t, 'vanson.social_worker', c.id, 'APPROVE_PLAN')).status).toBe(403);
    const approved = await apply(t, 'vanson.chair', c.id, 'APPROVE_PLAN');
    expect(approved.state).toBe('intervening');

    // Emergency handoffs are still open: closure cannot be proposed yet.
    const refused = await send(t, 'vanson.social_worker', c.id, 'PROPOSE_CLOSURE', { reason: 'Trẻ đã an toàn' });
    expect(refused.status).toBe(422);
    expect(refused.body.details.allowed).not.toContain('PROPOSE_CLOSURE');
    const agencyUser: Record<string, string> = { commune_police: 'vanson.police', health_station: 'vanson.health' };
    for (const h of approved.handoffs) {
      const auth = await t.login(agencyUser[h.agency.type]);
      expect((await t.http.post(`/api/v1/handoffs/${h.id}/accept`).set('Authorization', auth)).status).toBe(200);
      const done = await t.http.post(`/api/v1/handoffs/${h.id}/complete`).set('Authorization', auth).send({ outcome: 'Đã hoàn thành' });
      expect(done.status).toBe(200);
      expect(done.body.handoff.state).toBe('completed');
    }

    await apply(t, 'vanson.social_worker', c.id, 'RECORD_REVIEW', { summary: 'Trẻ ổn định', childSafe: true });
    await apply(t, 'vanson.social_worker', c.id, 'PROPOSE_CLOSURE', { reason: 'Trẻ đã an toàn, ổn định' });
    const closed = await apply(t, 'vanson.chair', c.id, 'APPROVE_CLOSURE');
    expect(closed.state).toBe('closed');
    expect(closed.outcome).toBe('child_safe');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.deadlines.filter((d: { status: string }) => d.status === 'pending')).toEqual([]);
    expect(closed.overdue).toBe(false);

    const timeline = await t.http.get(`/api/v1/cases/${c.id}/timeline`).set('Authorization', worker);
    expect(timeline.status).toBe(200);
    const events = timeline.body.items.filter((i: { kind: string }) => i.kind === 'event');
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'CASE_RECEIVED', 'ASSIGN', 'START_VERIFICATION', 'APPLY_EMERGENCY_MEASURES', 'RECORD_INITIAL_ASSESSMENT', 'RECORD_ASSESSMENT',
      'SUBMIT_PLAN', 'APPROVE_PLAN', 'HANDOFF_UPDATED', 'HANDOFF_UPDATED', 'HANDOFF_UPDATED', 'HANDOFF_UPDATED',
      'RECORD_REVIEW', 'PROPOSE_CLOSURE', 'APPROVE_CLOSURE',
    ]);
    expect(events.map((e: { seq: number }) => e.seq)).toEqual(events.map((_: unknown, i: number) => i + 1));
    expect(events[1].actor).toMatchObject({ role: 'supervisor' });

    const afterClose = await send(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    expect(afterClose.status).toBe(422);
    expect(afterClose.body.details).toMatchObject({ state: 'closed', event: 'START_VERIFICATION' });
    expect(afterClose.body.details.allowed).toEqual(['ADD_NOTE']);
  });

  it('emergency measures create the urgent police and medical handoffs in the same transaction', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: workerId });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    const after = await apply(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Đưa trẻ đến nơi an toàn'], ...EMERGENCY });
    expect(after.handoffs.map((h: { kind: string; urgency: string; agency: { type: string } }) => [h.kind, h.urgency, h.agency.type]))
      .toEqual([['police_protection', 'urgent', 'commune_police'], ['medical_care', 'urgent', 'health_station']]);
    expect(after.deadlines.find((d: { key: string }) => d.key === 'emergency_response').status).toBe('met');
    // Written by the same command: one instant, one transaction (the event row and both handoffs).
    const [event] = await t.ds.query(`SELECT occurred_at FROM case_events WHERE case_id = $1 AND type = 'APPLY_EMERGENCY_MEASURES'`, [c.id]);
    for (const h of after.handoffs) expect(new Date(h.createdAt).getTime()).toBe(event.occurred_at.getTime());
  });

  it('applies exactly one of 20 concurrent events at one version; the others get 409 and the log has no gap', async () => {
    const c = await intake(t, 'vanson.social_worker');
    const auth = await t.login('vanson.social_worker');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', auth)
        .send({ type: 'ADD_NOTE', data: { text: `ghi chú ${i}` }, expectedVersion: 1 })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(results.find((r) => r.status === 409)!.body.details).toEqual({ expectedVersion: 1, currentVersion: 2 });
    const seqs = (await t.ds.query(`SELECT seq FROM case_events WHERE case_id = $1 ORDER BY seq`, [c.id])).map((r: { seq: number }) => r.seq);
    expect(seqs).toEqual([1, 2]);
  });

  it('replays an Idempotency-Key with the first result and refuses it for another request', async () => {
    const c = await intake(t, 'vanson.social_worker');
    const auth = await t.login('vanson.social_worker');
    const body = { type: 'ADD_NOTE', data: { text: 'gọi điện cho gia đình' }, expectedVersion: 1 };
    const first = await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', auth).set('Idempotency-Key', 'k-1').send(body);
    const second = await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', auth).set('Idempotency-Key', 'k-1').send(body);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const other = await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', auth).set('Idempotency-Key', 'k-1')
      .send({ ...body, data: { text: 'khác' } });
    expect(other.status).toBe(409);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1`, [c.id]);
    expect(n).toBe(2);
  });

  it('files one case for an intake repeated with the same Idempotency-Key (the offline queue retrying)', async () => {
    const auth = await t.login('vanson.social_worker');
    // No externalRef: the key alone makes the repeats one case.
    const body = intakeBody({ externalRef: undefined, child: { fullName: 'Lò Văn Khoá', sex: 'male', dateOfBirth: '2015-02-02' } });
    const [a, b] = await Promise.all([1, 2].map(() => t.http.post('/api/v1/intake').set('Authorization', auth).set('Idempotency-Key', 'intake-k1').send(body)));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    const later = await t.http.post('/api/v1/intake').set('Authorization', auth).set('Idempotency-Key', 'intake-k1').send(body);
    expect(later.status).toBe(201);
    expect(later.body.case.id).toBe(a.body.case.id);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM cases c JOIN case_children k ON k.case_id = c.id WHERE k.full_name = 'Lò Văn Khoá'`);
    expect(n).toBe(1);
    const other = await t.http.post('/api/v1/intake').set('Authorization', auth).set('Idempotency-Key', 'intake-k1')
      .send({ ...body, incident: { ...body.incident, description: 'một tin báo khác' } });
    expect(other.status).toBe(409);
    const bad = await t.http.post('/api/v1/intake').set('Authorization', auth).set('Idempotency-Key', 'x'.repeat(201)).send(body);
    expect(bad.status).toBe(400);
  });

  it('answers invalid input with 400 and field errors, changing nothing', async () => {
    const auth = await t.login('vanson.social_worker');
    const [{ before }] = await t.ds.query(`SELECT count(*)::int AS before FROM cases`);
    const bad = await t.http.post('/api/v1/intake').set('Authorization', auth).send({
      ...intakeBody(), channel: 'fax', child: { sex: 'x' }, incident: { types: [], description: '' }, immediateDanger: 'yes', extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details.fields)).toEqual(expect.arrayContaining([
      'channel', 'child.sex', 'incident.types', 'incident.description', 'immediateDanger', 'extra',
    ]));
    const future = await t.http.post('/api/v1/intake').set('Authorization', auth)
      .send(intakeBody({ receivedAt: new Date(Date.now() + 86_400_000).toISOString() }));
    expect(future.status).toBe(400);
    const unknownCommune = await t.http.post('/api/v1/intake').set('Authorization', auth).send(intakeBody({ communeCode: 'atlantis' }));
    expect(unknownCommune.status).toBe(400);
    expect(unknownCommune.body.details.fields.communeCode).toBeDefined();
    const [{ after }] = await t.ds.query(`SELECT count(*)::int AS after FROM cases`);
    expect(after).toBe(before);

    const c = await intake(t, 'vanson.social_worker');
    const badEvent = await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', auth)
      .send({ type: 'RECORD_INITIAL_ASSESSMENT', data: { riskLevel: 'extreme', hack: true }, expectedVersion: 1 });
    expect(badEvent.status).toBe(400);
    expect(Object.keys(badEvent.body.details.fields).sort()).toEqual(['data.hack', 'data.riskLevel', 'data.substantiated', 'data.summary']);
    const unknownType = await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', auth)
      .send({ type: 'DEADLINE_EXPIRED', data: { deadline: 'x' }, expectedVersion: 1 });
    expect(unknownType.status).toBe(400);
    expect((await t.http.get('/api/v1/cases/not-a-uuid').set('Authorization', auth)).status).toBe(400);
    const badAssignee = await send(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'ngoclien.social_worker') });
    expect(badAssignee.status).toBe(400);
    expect(badAssignee.body.details.fields['data.assigneeId']).toBeDefined();
  });

  it('hides a case from another commune and from agencies without a handoff (404)', async () => {
    const c = await intake(t, 'vanson.social_worker');
    for (const user of ['ngoclien.social_worker', 'ngoclien.supervisor', 'vanson.police', 'namphu.chair', 'vanson.admin', 'hanoi.supervisor']) {
      const res = await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', await t.login(user));
      expect([user, res.status]).toEqual([user, 404]);
    }
    expect((await send(t, 'ngoclien.social_worker', c.id, 'ADD_NOTE', { text: 'x' })).status).toBe(404);
    const province = await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', await t.login('thanhhoa.supervisor'));
    expect(province.status).toBe(200);
    const list = await t.http.get('/api/v1/cases').set('Authorization', await t.login('ngoclien.social_worker'));
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
  });

  it('lists the caller’s cases with filters and paging', async () => {
    const auth = await t.login('vanson.social_worker');
    const c = await intake(t, 'vanson.social_worker', { child: { fullName: 'Lê Văn Tìm Kiếm', sex: 'male' } });
    const res = await t.http.get('/api/v1/cases').query({ q: 'Tìm Kiếm', state: 'received', page: 1, pageSize: 5 }).set('Authorization', auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, page: 1, pageSize: 5 });
    expect(res.body.items[0]).toMatchObject({ id: c.id, code: c.code, childName: 'Lê Văn Tìm Kiếm', overdue: false });
    const bad = await t.http.get('/api/v1/cases').query({ pageSize: 1000, overdue: 'maybe' }).set('Authorization', auth);
    expect(bad.status).toBe(400);
  });

  it('names each listed case’s nearest unsettled deadline, a late 12-hour one before a later pending one', async () => {
    const auth = await t.login('vanson.social_worker');
    const receivedAt = new Date(Date.now() - 13 * 3_600_000);
    const c = await intake(t, 'vanson.social_worker', { immediateDanger: true, receivedAt: receivedAt.toISOString(), child: { fullName: 'Đinh Văn Muộn', sex: 'male' } });
    const listed = async () => {
      const res = await t.http.get('/api/v1/cases').query({ q: 'Đinh Văn Muộn' }).set('Authorization', auth);
      expect(res.status).toBe(200);
      return res.body.items.find((i: { id: string }) => i.id === c.id);
    };
    // Late and not yet marked (the worker's sweep has not run), then marked breached: named and late either way.
    for (const marked of [false, true]) {
      if (marked) await t.ds.query(`UPDATE deadlines SET status = 'breached', breached_at = now() WHERE case_id = $1 AND key = 'emergency_response'`, [c.id]);
      const item = await listed();
      expect(item.nextDeadline).toMatchObject({ key: 'emergency_response', late: true });
      expect(new Date(item.nextDeadline.dueAt).getTime()).toBe(receivedAt.getTime() + 12 * 3_600_000);
      expect(item.nextDeadline.titleVi).toEqual(expect.any(String));
      // Once breached, the earliest *pending* one (nextDueAt) is the later deadline: what a card showed as "còn 7 ngày".
      if (marked) expect(new Date(item.nextDueAt).getTime()).toBeGreaterThan(Date.now());
    }
  });
});
