/**
 * No child or reporter data in the logs: the app (API and worker, most verbose level) serves
 * intakes, reads, searches, commands, refusals and an internal error on cases with distinctive
 * names, addresses and phone numbers; none of them may appear in what it logged.
 */
import { Writable } from 'node:stream';
import { apply, intakeBody, userId, EMERGENCY } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

/** Names, addresses and texts carry a marker word (…zz, …qq) found nowhere else, so a fragment of them is caught too. */
const SECRETS = {
  childName: 'Hoàng Thị Xuyến Quỳnhzz',
  childAddress: 'Xóm Khe Ẩnzz, thôn Đồng Vắng',
  reporterName: 'Lương Văn Tốgiácqq',
  reporterPhone: '0977-135-246',
  description: 'Bị cha dượng Vũ Văn Hạiqq đánh',
  note: 'Mẹ Đặng Thị Kínzz đã được báo',
};

describe('logs hold no child or reporter data (e2e)', () => {
  let t: TestApp;
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logs = () => chunks.join('');

  beforeAll(async () => {
    t = await bootTestApp({ worker: true, logDestination: sink, env: { LOG_LEVEL: 'trace' } });
  });
  afterAll(() => t.close());

  it('logs requests and errors, but never a name, address, phone number, description or note', async () => {
    const worker = await t.login('vanson.social_worker');
    const body = intakeBody({
      immediateDanger: true,
      reporter: { anonymous: false, name: SECRETS.reporterName, phone: SECRETS.reporterPhone, relationToChild: 'hàng xóm' },
      child: { fullName: SECRETS.childName, sex: 'female', dateOfBirth: '2014-02-03', address: SECRETS.childAddress },
      incident: { types: ['physical_violence'], description: SECRETS.description, location: SECRETS.childAddress },
    });
    const created = await t.http.post('/api/v1/intake').set('Authorization', await t.login('vanson.hotline_operator')).send(body);
    expect(created.status).toBe(201);
    const id = created.body.case.id;
    // The same report again, a search by name, reads in every projection.
    expect((await t.http.post('/api/v1/intake').set('Authorization', await t.login('vanson.hotline_operator')).send(body)).status).toBe(200);
    expect((await t.http.get('/api/v1/cases').query({ q: SECRETS.childName }).set('Authorization', worker)).body.total).toBe(1);
    for (const user of ['vanson.social_worker', 'vanson.auditor', 'vanson.police']) {
      await t.http.get(`/api/v1/cases/${id}`).set('Authorization', await t.login(user));
      await t.http.get(`/api/v1/cases/${id}/timeline`).set('Authorization', await t.login(user));
    }
    // Commands, including the emergency handoffs and their notifications worked by the worker.
    await apply(t, 'vanson.supervisor', id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    await apply(t, 'vanson.social_worker', id, 'START_VERIFICATION');
    await apply(t, 'vanson.social_worker', id, 'APPLY_EMERGENCY_MEASURES', { measures: [`Đưa ${SECRETS.childName} đến nhà bà ngoại`], ...EMERGENCY });
    await apply(t, 'vanson.social_worker', id, 'ADD_NOTE', { text: SECRETS.note });

    // Refusals: invalid input carrying the names, out of scope, wrong role, stale version, wrong state.
    const refusals = [
      await t.http.post('/api/v1/intake').set('Authorization', worker).send({ ...body, communeCode: 'atlantis', externalRef: 'x-1' }),
      await t.http.post('/api/v1/intake').set('Authorization', worker).send({ ...body, child: { fullName: SECRETS.childName, sex: SECRETS.reporterPhone } }),
      await t.http.post(`/api/v1/cases/${id}/events`).set('Authorization', worker).send({ type: 'ADD_NOTE', data: { text: SECRETS.note, extra: SECRETS.childName }, expectedVersion: 1 }),
      await t.http.post(`/api/v1/cases/${id}/events`).set('Authorization', worker).send({ type: 'ADD_NOTE', data: { text: SECRETS.note }, expectedVersion: 1 }),
      await t.http.post(`/api/v1/cases/${id}/events`).set('Authorization', await t.login('ngoclien.social_worker')).send({ type: 'ADD_NOTE', data: { text: SECRETS.note }, expectedVersion: 1 }),
      await t.http.post(`/api/v1/cases/${id}/events`).set('Authorization', await t.login('vanson.auditor')).send({ type: 'ADD_NOTE', data: { text: SECRETS.note }, expectedVersion: 1 }),
      await t.http.get('/api/v1/cases').query({ q: SECRETS.childName, pageSize: 5000 }).set('Authorization', worker),
      await t.http.post('/api/v1/auth/login').send({ username: SECRETS.reporterName, password: SECRETS.reporterPhone }),
      await t.http.post('/api/v1/intake').set('Authorization', worker).set('Content-Type', 'application/json').send(`{"child":{"fullName":"${SECRETS.childName}"`),
    ];
    expect(refusals.map((r) => r.status)).toEqual([400, 400, 400, 409, 404, 403, 400, 401, 400]);

    // An internal error while the names are being written: the error is logged, their values are not.
    await t.ownerDs.query(`CREATE FUNCTION test_fail_child() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'test failure' USING ERRCODE = 'internal_error'; END $$`);
    await t.ownerDs.query(`CREATE TRIGGER test_fail_child BEFORE INSERT ON case_children FOR EACH ROW
      WHEN (NEW.full_name LIKE '%Quỳnhzz%') EXECUTE FUNCTION test_fail_child()`);
    try {
      const failed = await t.http.post('/api/v1/intake').set('Authorization', worker).send({ ...body, externalRef: 'fails-inside' });
      expect(failed.status).toBe(500);
      expect(JSON.stringify(failed.body)).not.toContain('Quỳnhzz');
    } finally {
      await t.ownerDs.query(`DROP TRIGGER test_fail_child ON case_children`);
      await t.ownerDs.query(`DROP FUNCTION test_fail_child()`);
    }

    // The logs were captured: every request above, the internal error, and the worker's work.
    await waitFor('the worker to relay the outbox (deadline timers)', async () =>
      (await t.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`))[0].n === 0, 15_000);
    const text = logs();
    expect(text).toContain(`"path":"/api/v1/cases/${id}/timeline"`);
    expect(text).toContain('"statusCode":500');
    expect(text).toContain('Unhandled error');
    expect(text).toContain('"code":"XX000"');

    const leaked: string[] = [];
    for (const [what, value] of Object.entries(SECRETS)) {
      const forms = new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), value.normalize('NFD'),
        value.replace(/-/g, ''), ...value.split(/[\s,]+/).filter((w) => /(zz|qq)$/.test(w))]);
      for (const form of forms) if (text.includes(form)) leaked.push(`${what}: "${form}"`);
    }
    expect(leaked).toEqual([]);
  });
});
