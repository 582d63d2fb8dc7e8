/**
 * The data subject's rights on a child's record (issue 21, NĐ 13/2023): a correction goes through
 * the registry's write path (search finds the new name, not the old) and keeps the replaced value
 * sealed; a restriction takes the child out of search and matching and out of reach of all but the
 * commune's leaders — except the workers of an open case; consent per purpose is complete with a
 * parent's or guardian's consent, and from the age of 7 the child's too. Scoped and audited.
 */
import { intakeBody } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const WORKER = 'vanson.social_worker';
const SUPERVISOR = 'vanson.supervisor';
const REQUESTER = { kind: 'parent', name: 'Trần Thị Mai' };

describe('data subject rights (e2e)', () => {
  let t: TestApp;
  const year = new Date().getUTCFullYear();

  /** A child reported in Vân Sơn (a new registry record) and the case about them. */
  async function child(fields: Record<string, unknown>) {
    const res = await t.http.post('/api/v1/intake').set('Authorization', await t.login(WORKER))
      .send(intakeBody({ child: { sex: 'female', residenceCommuneCode: 'van-son', ...fields } }));
    if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
    return { childId: res.body.case.childId as string, caseId: res.body.case.id as string };
  }
  const as = async (user: string) => t.login(user);
  const audits = async (action: string, childId: string) => (await t.ds.query(
    `SELECT details FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY id`, [action, childId])) as Array<{ details: Record<string, unknown> }>;
  const search = async (q: string, user = SUPERVISOR) =>
    ((await t.http.get('/api/v1/children').query({ q }).set('Authorization', await as(user))).body.items as Array<{ id: string }>).map((i) => i.id);

  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  describe('correction', () => {
    it('corrects the name through the registry (search follows), keeps the old value sealed, audited with the reason', async () => {
      const { childId } = await child({ fullName: 'Đinh Thị Xuyến', dateOfBirth: '2014-02-02' });
      expect(await search('dinh thi xuyen')).toContain(childId);
      const res = await t.http.post(`/api/v1/children/${childId}/corrections`).set('Authorization', await as(WORKER))
        .send({ field: 'fullName', value: 'Lục Thị Mỹ Hạnh', reason: 'Giấy khai sinh ghi tên khác', requestedBy: REQUESTER, evidence: 'Giấy khai sinh số 12/2014' });
      expect(res.status).toBe(201);
      expect(res.body.fullName).toBe('Lục Thị Mỹ Hạnh');
      expect(await search('luc thi my hanh')).toContain(childId);
      expect(await search('Đinh Thị Xuyến')).not.toContain(childId);
      const [row] = await t.ds.query(`SELECT previous_value, new_value FROM child_corrections WHERE child_id = $1`, [childId]);
      expect(row.previous_value).toMatch(/^enc1:/);
      expect(row.new_value).toMatch(/^enc1:/);
      expect(await audits('child.corrected', childId)).toEqual([
        { details: expect.objectContaining({ fields: ['fullName'], reason: 'Giấy khai sinh ghi tên khác', requestedBy: 'parent', evidence: true }) },
      ]);
      // The supervisor sees the values; the worker who made it sees who, when, what field and why.
      const bySupervisor = await t.http.get(`/api/v1/children/${childId}/corrections`).set('Authorization', await as(SUPERVISOR));
      expect(bySupervisor.status).toBe(200);
      expect(bySupervisor.body.items).toEqual([expect.objectContaining({
        field: 'fullName', reason: 'Giấy khai sinh ghi tên khác', requestedBy: REQUESTER, valuesShown: true, previousValue: 'Đinh Thị Xuyến', newValue: 'Lục Thị Mỹ Hạnh',
        correctedByName: expect.any(String),
      })]);
      const byWorker = await t.http.get(`/api/v1/children/${childId}/corrections`).set('Authorization', await as(WORKER));
      expect(byWorker.body.items).toEqual([expect.objectContaining({ field: 'fullName', valuesShown: false, previousValue: null, newValue: null })]);
    });

    it('answers bad values and requests with bilingual field errors, other communes 404, partners 403', async () => {
      const { childId } = await child({ fullName: 'Lương Văn Khải', dateOfBirth: '2013-05-05' });
      const post = async (user: string, body: Record<string, unknown>) =>
        t.http.post(`/api/v1/children/${childId}/corrections`).set('Authorization', await as(user)).send(body);
      const ok = { field: 'dateOfBirth', value: '2013-06-05', reason: 'Sai ngày sinh', requestedBy: { kind: 'official' } };
      const future = await post(WORKER, { ...ok, value: `${year + 1}-01-01` });
      expect(future.status).toBe(400);
      expect(future.body.details.fields.dateOfBirth[0]).toMatch(/tương lai.*\/.*future/);
      const notADate = await post(WORKER, { ...ok, value: 'hôm qua' });
      expect(notADate.status).toBe(400);
      expect(Object.keys(notADate.body.details.fields)).toEqual(['value']);
      const badField = await post(WORKER, { ...ok, field: 'siblings' });
      expect(badField.status).toBe(400);
      expect(badField.body.details.fields.field[0]).toMatch(/Trường phải là.*\/ field must be/);
      const noRequester = await post(WORKER, { ...ok, requestedBy: undefined });
      expect(noRequester.status).toBe(400);
      expect(noRequester.body.details.fields.requestedBy).toBeDefined();
      expect((await post('ngoclien.social_worker', ok)).status).toBe(404);
      expect((await post('vanson.police', ok)).status).toBe(403);
      expect((await post('vanson.chair', ok)).status).toBe(403);
      expect((await post(SUPERVISOR, ok)).status).toBe(201);
      expect((await t.http.get(`/api/v1/children/${childId}/corrections`).set('Authorization', await as('ngoclien.supervisor'))).status).toBe(404);
    });
  });

  describe('restriction', () => {
    it('takes the child out of search and matching; only leaders and the workers of an open case still read the record, which says so', async () => {
      const { childId, caseId } = await child({ fullName: 'Hà Thị Quỳnh Như', dateOfBirth: '2012-09-09', personalId: '038312009999' });
      expect(await search('ha thi quynh nhu')).toContain(childId);
      const body = { reason: 'Cha mẹ yêu cầu hạn chế xử lý', basis: 'NĐ 13/2023/NĐ-CP Điều 9 khoản 7', requestedBy: REQUESTER };
      expect((await t.http.put(`/api/v1/children/${childId}/restriction`).set('Authorization', await as(WORKER)).send(body)).status).toBe(403);
      expect((await t.http.put(`/api/v1/children/${childId}/restriction`).set('Authorization', await as('ngoclien.supervisor')).send(body)).status).toBe(404);
      const placed = await t.http.put(`/api/v1/children/${childId}/restriction`).set('Authorization', await as(SUPERVISOR)).send(body);
      expect(placed.status).toBe(200);
      expect(placed.body.restricted).toEqual({ since: expect.any(String), reason: body.reason, basis: body.basis, requestedBy: REQUESTER });
      expect((await t.http.put(`/api/v1/children/${childId}/restriction`).set('Authorization', await as(SUPERVISOR)).send(body)).status).toBe(409);
      expect(await audits('child.restricted', childId)).toEqual([{ details: { reason: body.reason, basis: body.basis, requestedBy: 'parent' } }]);

      expect(await search('ha thi quynh nhu')).not.toContain(childId);
      expect(await search('ha thi quynh nhu', WORKER)).not.toContain(childId);
      const matches = await t.http.post('/api/v1/children/matches').set('Authorization', await as(WORKER))
        .send({ communeCode: 'van-son', child: { fullName: 'Hà Thị Quỳnh Như', sex: 'female', dateOfBirth: '2012-09-09' } });
      expect(matches.status).toBe(200);
      expect(matches.body.items.map((i: { child: { id: string } }) => i.child.id)).not.toContain(childId);

      // The case is open: its worker keeps working, and sees the banner's flag.
      const read = await t.http.get(`/api/v1/children/${childId}`).set('Authorization', await as(WORKER));
      expect(read.status).toBe(200);
      expect(read.body.restricted.reason).toBe(body.reason);
      // Closed: only the commune's leaders.
      await t.ds.query(`UPDATE cases SET state = 'closed', closed_at = now() WHERE id = $1`, [caseId]);
      const refused = await t.http.get(`/api/v1/children/${childId}`).set('Authorization', await as(WORKER));
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/hạn chế xử lý.*\/.*restricted/);
      expect((await t.http.get(`/api/v1/children/${childId}`).set('Authorization', await as('vanson.chair'))).status).toBe(200);
      expect((await t.http.get(`/api/v1/children/${childId}`).set('Authorization', await as(SUPERVISOR))).status).toBe(200);

      const noReason = await t.http.delete(`/api/v1/children/${childId}/restriction`).set('Authorization', await as(SUPERVISOR)).send({});
      expect(noReason.status).toBe(400);
      expect(noReason.body.details.fields.reason[0]).toMatch(/Lý do.*\/ reason/);
      const lifted = await t.http.delete(`/api/v1/children/${childId}/restriction`).set('Authorization', await as(SUPERVISOR)).send({ reason: 'Cha mẹ rút yêu cầu' });
      expect(lifted.status).toBe(200);
      expect(lifted.body.restricted).toBeNull();
      expect(await audits('child.restriction_lifted', childId)).toEqual([{ details: { reason: 'Cha mẹ rút yêu cầu', previousReason: body.reason } }]);
      expect(await search('ha thi quynh nhu')).toContain(childId);
      expect((await t.http.get(`/api/v1/children/${childId}`).set('Authorization', await as(WORKER))).status).toBe(200);
    });
  });

  describe('consent', () => {
    const consent = (givenBy: string, purpose = 'information_sharing') =>
      ({ purpose, givenBy, name: givenBy === 'child' ? 'Cháu' : 'Trần Thị Mai', givenAt: new Date().toISOString(), method: 'written' });
    const give = async (childId: string, body: Record<string, unknown>, user = WORKER) =>
      t.http.post(`/api/v1/children/${childId}/consents`).set('Authorization', await as(user)).send(body);
    const statuses = async (childId: string) => {
      const res = await t.http.get(`/api/v1/children/${childId}/consents`).set('Authorization', await as(WORKER));
      expect(res.status).toBe(200);
      return res.body as { childAgeYears: number; items: Array<{ id: string; name: string; childAgeYears: number }>; purposes: Array<{ purpose: string; complete: boolean; childNeeded: boolean }> };
    };

    it('at 6 a parent’s consent is complete; at 7 the child’s is needed too; a withdrawal undoes it', async () => {
      const six = (await child({ fullName: 'Vi Thị Sáu', dateOfBirth: `${year - 6}-01-01` })).childId;
      const seven = (await child({ fullName: 'Vi Thị Bảy', dateOfBirth: `${year - 7}-01-01` })).childId;
      for (const id of [six, seven]) expect((await give(id, consent('parent'))).status).toBe(201);
      const atSix = await statuses(six);
      expect(atSix.childAgeYears).toBe(6);
      expect(atSix.items[0]).toEqual(expect.objectContaining({ name: 'Trần Thị Mai', childAgeYears: 6 }));
      expect(atSix.purposes).toEqual([expect.objectContaining({ purpose: 'information_sharing', childNeeded: false, complete: true })]);
      expect((await statuses(seven)).purposes).toEqual([expect.objectContaining({ childNeeded: true, byParentOrGuardian: true, byChild: false, complete: false })]);
      const byChild = await give(seven, consent('child'));
      expect(byChild.status).toBe(201);
      expect(byChild.body.childAgeYears).toBe(7);
      expect((await statuses(seven)).purposes).toEqual([expect.objectContaining({ byChild: true, complete: true })]);
      const [{ name }] = await t.ds.query(`SELECT name FROM child_consents WHERE id = $1`, [byChild.body.id]);
      expect(name).toMatch(/^enc1:/);

      const withdraw = async (user: string, body: Record<string, unknown>) =>
        t.http.post(`/api/v1/consents/${byChild.body.id}/withdraw`).set('Authorization', await as(user)).send(body);
      expect((await withdraw('ngoclien.social_worker', { reason: 'Trẻ không đồng ý nữa' })).status).toBe(404);
      expect((await withdraw('vanson.health', { reason: 'Trẻ không đồng ý nữa' })).status).toBe(403);
      expect((await withdraw(WORKER, {})).status).toBe(400);
      const withdrawn = await withdraw(WORKER, { reason: 'Trẻ không đồng ý nữa' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.withdrawnAt).toEqual(expect.any(String));
      expect((await withdraw(WORKER, { reason: 'Trẻ không đồng ý nữa' })).status).toBe(409);
      expect((await statuses(seven)).purposes).toEqual([expect.objectContaining({ byChild: false, complete: false })]);
      expect(await audits('consent.withdrawn', seven)).toEqual([{ details: expect.objectContaining({ reason: 'Trẻ không đồng ý nữa', purpose: 'information_sharing' }) }]);
      expect((await audits('consent.recorded', seven)).length).toBe(2);
    });

    it('refuses bad consents with bilingual field errors; other communes 404, partners 403', async () => {
      const { childId } = await child({ fullName: 'Vi Văn Tám', dateOfBirth: '2016-03-03' });
      const other = await give(childId, { ...consent('parent', 'other') });
      expect(other.status).toBe(400);
      expect(other.body.details.fields.purposeText[0]).toMatch(/Mục đích khác.*\/ purposeText/);
      const future = await give(childId, { ...consent('guardian'), givenAt: new Date(Date.now() + 86_400_000).toISOString() });
      expect(future.status).toBe(400);
      expect(future.body.details.fields.givenAt[0]).toMatch(/tương lai.*\/.*future/);
      const attachment = await give(childId, { ...consent('guardian'), attachmentId: '00000000-0000-4000-8000-000000000000' });
      expect(attachment.status).toBe(400);
      expect(attachment.body.details.fields.attachmentId).toBeDefined();
      expect((await give(childId, { ...consent('parent'), method: 'telepathy' })).status).toBe(400);
      expect((await give(childId, consent('parent'), 'ngoclien.social_worker')).status).toBe(404);
      expect((await give(childId, consent('parent'), 'vanson.police')).status).toBe(403);
      expect((await t.http.get(`/api/v1/children/${childId}/consents`).set('Authorization', await as('ngoclien.chair'))).status).toBe(404);
      expect((await give(childId, { ...consent('parent', 'other'), purposeText: 'Đưa tin trên loa xã' })).status).toBe(201);
    });
  });
});
