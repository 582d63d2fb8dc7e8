/**
 * The chair's approvals list of separations (GET /separations: every case the caller may read,
 * paged, audited as a list read) and the commands the console's offline queue retries with an
 * Idempotency-Key: creating a handoff and its actions, proposing a separation and its events. A
 * retry answers as the first call did and writes nothing more (rows counted); the key reused for
 * another request is refused. A handoff action sent with the version its sender saw is refused
 * (409) when the handoff changed since.
 */
import { randomUUID } from 'node:crypto';
import { apply, intake, userId } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

describe('separations list and idempotent handoff and separation commands (e2e)', () => {
  let t: TestApp;
  let worker: string;
  let police: string;

  const get = async (as: string, path: string, query: Record<string, string> = {}) =>
    t.http.get(`/api/v1${path}`).query(query).set('Authorization', await t.login(as));
  const post = async (as: string, path: string, body: object, key?: string) => {
    const req = t.http.post(`/api/v1${path}`).set('Authorization', await t.login(as));
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const count = async (sql: string, params: unknown[]) => Number((await t.ds.query(sql, params))[0].n);
  const proposal = {
    separatedFrom: 'father', reason: 'Trẻ không an toàn tại nhà', plannedDays: 10,
    placement: { kind: 'relative', carerName: 'Trần Thị Cúc', address: 'Thôn Tây', relation: 'bà ngoại' },
    consent: { given: true, method: 'in_person' },
  };

  async function verifying() {
    const c = await intake(t, 'vanson.hotline_operator');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: worker });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    return c;
  }
  async function propose() {
    const c = await verifying();
    const res = await post('vanson.social_worker', `/cases/${c.id}/separations`, proposal);
    expect(res.status).toBe(201);
    return { c, sep: res.body.separation as { id: string; version: number } };
  }

  beforeAll(async () => {
    t = await bootTestApp();
    worker = await userId(t, 'vanson.social_worker');
    [{ id: police }] = await t.ds.query(`SELECT agency_id AS id FROM users WHERE username = 'vanson.police'`);
  });
  afterAll(() => t.close());

  it('lists proposed separations with their facts to the commune and province, paged and audited; partners 403, other communes nothing', async () => {
    const a = await propose();
    const b = await propose();
    const page = await get('vanson.chair', '/separations', { status: 'proposed', pageSize: '200' });
    expect(page.status).toBe(200);
    const item = page.body.items.find((i: { id: string }) => i.id === a.sep.id);
    expect(item).toMatchObject({
      caseId: a.c.id, caseCode: a.c.code, childName: expect.any(String), state: 'proposed', proposedBy: worker,
      proposedByName: expect.any(String), placement: { kind: 'relative' }, waitingMinutes: 0,
      allowedActions: ['DECIDE_SEPARATION', 'REJECT_SEPARATION', 'CANCEL_SEPARATION'],
    });
    expect(page.body.items[0].id).toBe(b.sep.id);
    // Paging: one a page, the total the same, the pages different.
    const p1 = await get('vanson.chair', '/separations', { status: 'proposed', pageSize: '1', page: '1' });
    const p2 = await get('vanson.chair', '/separations', { status: 'proposed', pageSize: '1', page: '2' });
    expect([p1.body.items.length, p2.body.items.length, p1.body.total]).toEqual([1, 1, page.body.total]);
    expect(p1.body.items[0].id).not.toBe(p2.body.items[0].id);
    // Decided ones leave the proposed list.
    expect((await post('vanson.chair', `/separations/${a.sep.id}/events`, { type: 'DECIDE_SEPARATION', data: {}, expectedVersion: a.sep.version })).status).toBe(200);
    const left = await get('vanson.chair', '/separations', { status: 'proposed', pageSize: '200' });
    expect(left.body.items.map((i: { id: string }) => i.id)).not.toContain(a.sep.id);
    const inEffect = await get('vanson.chair', '/separations', { status: 'in_effect', pageSize: '200' });
    expect(inEffect.body.items.find((i: { id: string }) => i.id === a.sep.id)).toMatchObject({ state: 'in_effect', waitingMinutes: null });
    // The province sees it; another commune's chair does not; partners are refused.
    const province = await get('thanhhoa.supervisor', '/separations', { pageSize: '200' });
    expect(province.body.items.map((i: { id: string }) => i.id)).toContain(b.sep.id);
    const other = await get('ngoclien.chair', '/separations', { pageSize: '200' });
    expect(other.status).toBe(200);
    expect(other.body.items.map((i: { id: string }) => i.id)).not.toContain(b.sep.id);
    expect((await get('vanson.police', '/separations')).status).toBe(403);
    // Bad input: 400 with both languages.
    const bad = await get('vanson.chair', '/separations', { status: 'bogus' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain(' / ');
    // Each list read is on the record with the ids it showed.
    const entries = await t.ds.query(
      `SELECT a.details FROM audit_log a JOIN users u ON u.id = a.actor_id
        WHERE u.username = 'vanson.chair' AND a.action = 'separation.list' AND a.details->>'status' = 'in_effect'`);
    expect(entries.map((e: { details: { ids: string[] } }) => e.details.ids)).toContainEqual(inEffect.body.items.map((i: { id: string }) => i.id));
  });

  it('a retried separation proposal and event answer as the first did and write once; a reused key for another request is 409', async () => {
    const c = await verifying();
    const key = randomUUID();
    const first = await post('vanson.social_worker', `/cases/${c.id}/separations`, proposal, key);
    const again = await post('vanson.social_worker', `/cases/${c.id}/separations`, proposal, key);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(await count(`SELECT count(*) AS n FROM handoffs WHERE case_id = $1 AND workflow = 'temporary-separation'`, [c.id])).toBe(1);
    expect((await post('vanson.social_worker', `/cases/${c.id}/separations`, { ...proposal, plannedDays: 5 }, key)).status).toBe(409);
    const sep = first.body.separation;
    const ev = { type: 'DECIDE_SEPARATION', data: {}, expectedVersion: sep.version };
    const evKey = randomUUID();
    const decided = await post('vanson.chair', `/separations/${sep.id}/events`, ev, evKey);
    const retried = await post('vanson.chair', `/separations/${sep.id}/events`, ev, evKey);
    expect([decided.status, retried.status]).toEqual([200, 200]);
    expect(retried.body).toEqual(decided.body);
    expect(await count(`SELECT version AS n FROM handoffs WHERE id = $1`, [sep.id])).toBe(sep.version + 1);
    // Without the key, the same event again is the stale version it is.
    expect((await post('vanson.chair', `/separations/${sep.id}/events`, ev)).status).toBe(409);
    expect((await post('vanson.chair', `/separations/${sep.id}/events`, ev, 'x'.repeat(201))).status).toBe(400);
  });

  it('a retried handoff creation and each handoff action answer as the first did and write once', async () => {
    const c = await verifying();
    const body = { kind: 'police_investigation', agencyId: police, instructions: 'Điều tra', urgency: 'normal' };
    const key = randomUUID();
    const created = await post('vanson.social_worker', `/cases/${c.id}/handoffs`, body, key);
    const again = await post('vanson.social_worker', `/cases/${c.id}/handoffs`, body, key);
    expect([created.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(created.body);
    expect(await count(`SELECT count(*) AS n FROM handoffs WHERE case_id = $1`, [c.id])).toBe(1);
    expect((await post('vanson.social_worker', `/cases/${c.id}/handoffs`, { ...body, urgency: 'urgent' }, key)).status).toBe(409);
    const id = created.body.handoff.id as string;
    const version = async () => count(`SELECT version AS n FROM handoffs WHERE id = $1`, [id]);
    const twice = async (as: string, action: string, data: object) => {
      const k = randomUUID();
      const before = await version();
      const a = await post(as, `/handoffs/${id}/${action}`, data, k);
      const b = await post(as, `/handoffs/${id}/${action}`, data, k);
      expect([action, a.status, b.status]).toEqual([action, 200, 200]);
      expect(b.body).toEqual(a.body);
      expect(await version()).toBe(before + 1);
    };
    await twice('vanson.police', 'accept', {});
    await twice('vanson.police', 'record_procedure_status', { status: 'report_received', on: '2026-03-02' });
    await twice('vanson.police', 'start', {});
    await twice('vanson.police', 'complete', { outcome: 'Đã giám định' });
    // Decline and cancel, on handoffs of their own.
    for (const [as, action, data] of [['vanson.police', 'decline', { reason: 'Không thuộc thẩm quyền' }], ['vanson.social_worker', 'cancel', { reason: 'Giao lại' }]] as const) {
      const h = await post('vanson.social_worker', `/cases/${c.id}/handoffs`, { ...body, kind: 'police_protection', instructions: action });
      expect(h.status).toBe(201);
      const k = randomUUID();
      const a = await post(as, `/handoffs/${h.body.handoff.id}/${action}`, data, k);
      const b = await post(as, `/handoffs/${h.body.handoff.id}/${action}`, data, k);
      expect([action, a.status, b.status]).toEqual([action, 200, 200]);
      expect(b.body).toEqual(a.body);
    }
  });

  it('a handoff action with the version its sender saw is refused (409, both versions) once the handoff changed', async () => {
    const c = await verifying();
    const created = await post('vanson.social_worker', `/cases/${c.id}/handoffs`,
      { kind: 'police_investigation', agencyId: police, instructions: 'Điều tra', urgency: 'normal' });
    const h = created.body.handoff as { id: string; version: number };
    expect(h.version).toEqual(expect.any(Number));
    const accepted = await post('vanson.police', `/handoffs/${h.id}/accept`, { expectedVersion: h.version });
    expect([accepted.status, accepted.body.handoff.version]).toEqual([200, h.version + 1]);
    // Recorded against what the sender saw before the acceptance: refused, nothing written.
    const stale = await post('vanson.police', `/handoffs/${h.id}/record_procedure_status`, { status: 'report_received', on: '2026-03-02', expectedVersion: h.version }, randomUUID());
    expect([stale.status, stale.body.details]).toEqual([409, { expectedVersion: h.version, currentVersion: h.version + 1 }]);
    expect(await count(`SELECT version AS n FROM handoffs WHERE id = $1`, [h.id])).toBe(h.version + 1);
    // Over the current version it goes through; without a version as before.
    const over = await post('vanson.police', `/handoffs/${h.id}/record_procedure_status`, { status: 'report_received', on: '2026-03-02', expectedVersion: h.version + 1 });
    expect(over.status).toBe(200);
    expect((await post('vanson.police', `/handoffs/${h.id}/start`, {})).status).toBe(200);
    const bad = await post('vanson.police', `/handoffs/${h.id}/complete`, { outcome: 'Xong', expectedVersion: 'x' });
    expect([bad.status, Object.keys(bad.body.details.fields)]).toEqual([400, ['expectedVersion']]);
    const list = await post('vanson.police', `/handoffs/${h.id}/complete`, [{ outcome: 'Xong' }]);
    expect([list.status, Object.keys(list.body.details.fields)]).toEqual([400, ['body']]);
  });
});
