/**
 * Field encryption (src/crypto/, README "Data protection"): the reporter's identity, the incident's
 * free text, the idempotency answers and the free text of case events (notes, assessments, plans,
 * reasons — and the decisions quoting them) are ciphertext in SQL and clear through the API; rows
 * written in clear before are sealed at start; `rotateKeys` rewraps field and attachment data keys
 * under the newest master key, after which the old one can go; a wrong master key stops the start.
 */
import { randomBytes } from 'node:crypto';
import { createApp } from '../src/app';
import { AttachmentKeysRepository } from '../src/attachments/attachments.repository';
import { FieldBackfill } from '../src/cases/field-backfill';
import { FieldKeysRepository } from '../src/crypto/field-keys.repository';
import { ConfigKeyring, KeyringError } from '../src/crypto/keyring';
import { rotateKeys } from '../src/crypto/rotation';
import { Db } from '../src/database/db';
import { DEMO_PASSWORD } from '../src/schema/seed';
import { apply, intake, intakeBody, userId } from './support/fixtures';
import { pdf } from './support/sample-files';
import { bootTestApp, testConfig, TestApp } from './support/test-app';

const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);
const ring = (...keys: Array<[string, Buffer]>) => keys.map(([id, k]) => `${id}:${k.toString('base64')}`).join(',');
const WORKER = 'vanson.social_worker';
const NARRATIVE = 'Trẻ bị cha dượng đánh bằng roi mây';
const NOTE = 'Mẹ trẻ kể cha dượng uống rượu mỗi tối';
const PLAN = {
  goals: 'Trẻ được an toàn, được chăm sóc y tế và hỗ trợ tâm lý',
  objectives: ['Khám và điều trị vết thương trong 5 ngày'],
  actions: [{
    kind: 'medical_care', agencyType: 'health_station', dueInDays: 5, instructions: 'Khám sức khỏe, điều trị vết thương',
    activity: 'Khám tổng quát, chụp X-quang tay trái', responsible: 'Y sĩ Trạm Y tế', budget: 'Ngân sách xã',
  }],
  reviewOn: '2027-01-15',
};
/** Free text the casework below writes: none of it may be found in clear in SQL. */
const CLEAR = [NOTE, 'Có dấu hiệu bạo lực', 'khám vết thương', 'Cần hỗ trợ tâm lý', PLAN.goals, PLAN.objectives[0], PLAN.actions[0].instructions, PLAN.actions[0].activity, 'Y sĩ Trạm Y tế'];

describe('field encryption (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp({ env: { ATTACHMENTS_MASTER_KEYS: ring(['a', KEY_A]) } });
  });
  afterAll(() => t.close());

  /** Another application on the same database with `keys` (it shares nothing else with `t`). */
  async function otherApp(keys: string) {
    return createApp({ config: testConfig({ ATTACHMENTS_MASTER_KEYS: keys, ATTACHMENTS_DIR: t.config.attachments.dir }), databaseUrl: t.appDatabaseUrl, redisUrl: t.redisUrl, worker: false, poolSize: 2 });
  }

  it('keeps the reporter and the narrative as ciphertext in SQL, clear through the API', async () => {
    const res = await t.http.post('/api/v1/intake').set('Authorization', await t.login(WORKER)).send(intakeBody({
      reporter: { anonymous: false, name: 'Lê Thị Báo Tin', phone: '0987654321', address: 'Xóm Chùa, xã Vân Sơn', relationToChild: 'hàng xóm' },
      incident: { types: ['physical_violence'], description: NARRATIVE, location: 'tại nhà', category: 'abused', childCondition: 'Có vết bầm' },
    }));
    expect(res.status).toBe(201);
    const id = res.body.case.id;
    const [rep] = await t.ds.query(`SELECT name, phone, address, relation_to_child FROM case_reporters WHERE case_id = $1`, [id]);
    for (const col of ['name', 'phone', 'address']) expect(rep[col]).toMatch(/^enc1:[0-9a-f-]{36}:[A-Za-z0-9_-]+$/);
    expect(rep.relation_to_child).toBe('hàng xóm');
    const [c] = await t.ds.query(`SELECT incident::text AS incident, abuse_types FROM cases WHERE id = $1`, [id]);
    for (const clear of ['Lê Thị', '0987654321', 'Xóm Chùa', 'cha dượng', 'tại nhà', 'vết bầm']) expect(c.incident).not.toContain(clear);
    expect(JSON.parse(c.incident)).toMatchObject({ category: 'abused' });
    expect(c.abuse_types).toEqual(['physical_violence']);
    const view = (await t.http.get(`/api/v1/cases/${id}`).set('Authorization', await t.login(WORKER))).body;
    expect(view.reporter).toEqual({ anonymous: false, name: 'Lê Thị Báo Tin', phone: '0987654321', address: 'Xóm Chùa, xã Vân Sơn', relationToChild: 'hàng xóm' });
    expect(view.incident).toMatchObject({ types: ['physical_violence'], description: NARRATIVE, location: 'tại nhà', category: 'abused', childCondition: 'Có vết bầm' });
    expect(res.body.case).toEqual({ ...view, allowedEvents: res.body.case.allowedEvents });
  });

  it('keeps an Idempotency-Key’s answer sealed and replays it unchanged', async () => {
    const c = await intake(t, WORKER);
    const auth = await t.login(WORKER);
    const body = { type: 'ADD_NOTE', data: { text: 'gọi điện cho gia đình' }, expectedVersion: 1 };
    const first = await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', auth).set('Idempotency-Key', 'enc-1').send(body);
    const second = await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', auth).set('Idempotency-Key', 'enc-1').send(body);
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const [row] = await t.ds.query(`SELECT jsonb_typeof(response) AS kind, response::text AS text FROM idempotency_keys WHERE key = 'enc-1'`);
    expect(row.kind).toBe('string');
    expect(row.text).not.toContain('Trần Văn Báo');
    expect(row.text).not.toContain('0912345678');
  });

  /** A case of Vân Sơn with a note, both assessments and an approved plan (decision 1/QĐ-UBND quoting it). */
  async function casework() {
    const c = await intake(t, WORKER);
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, WORKER) });
    await apply(t, WORKER, c.id, 'ADD_NOTE', { text: NOTE });
    await apply(t, WORKER, c.id, 'START_VERIFICATION');
    await apply(t, WORKER, c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'high', substantiated: true, summary: 'Có dấu hiệu bạo lực' });
    await apply(t, WORKER, c.id, 'RECORD_ASSESSMENT', { needs: ['khám vết thương'], summary: 'Cần hỗ trợ tâm lý' });
    await apply(t, WORKER, c.id, 'SUBMIT_PLAN', PLAN);
    await apply(t, 'vanson.chair', c.id, 'APPROVE_PLAN');
    return c;
  }

  it('keeps the free text of events and of the decisions quoting them as ciphertext in SQL, clear through the API', async () => {
    const c = await casework();
    const events: Array<{ type: string; data: Record<string, any>; text: string }> = await t.ds.query(
      `SELECT type, data, data::text AS text FROM case_events WHERE case_id = $1 ORDER BY seq`, [c.id]);
    for (const e of events) for (const clear of CLEAR) expect({ type: e.type, clear: e.text.includes(clear) }).toEqual({ type: e.type, clear: false });
    const byType = Object.fromEntries(events.map((e) => [e.type, e.data]));
    expect(byType.ADD_NOTE.text).toMatch(/^enc1:[0-9a-f-]{36}:[A-Za-z0-9_-]+$/);
    // Lines are sealed line by line, records member by member; choices, numbers and flags stay clear.
    expect(byType.RECORD_ASSESSMENT.needs).toEqual([expect.stringMatching(/^enc1:/)]);
    expect(byType.RECORD_INITIAL_ASSESSMENT).toMatchObject({ riskLevel: 'high', substantiated: true, summary: expect.stringMatching(/^enc1:/) });
    expect(byType.SUBMIT_PLAN.actions[0]).toMatchObject({ kind: 'medical_care', agencyType: 'health_station', dueInDays: 5, instructions: expect.stringMatching(/^enc1:/) });
    expect(byType.SUBMIT_PLAN.reviewOn).toBe(PLAN.reviewOn);
    const [decision] = await t.ds.query(`SELECT body, body::text AS text FROM decisions WHERE case_id = $1`, [c.id]);
    for (const clear of CLEAR) expect(decision.text).not.toContain(clear);
    expect(decision.body.plan.goals).toBe(byType.SUBMIT_PLAN.goals);
    // The audit rows of the transitions, the notifications and the outbox carry no event data.
    const audited: Array<{ text: string }> = await t.ds.query(`SELECT details::text || COALESCE(access::text, '') AS text FROM audit_log WHERE case_id = $1`, [c.id]);
    expect(audited.length).toBeGreaterThan(5);
    const notified: Array<{ text: string }> = await t.ds.query(`SELECT row_to_json(n)::text AS text FROM notifications n WHERE case_id = $1`, [c.id]);
    expect(notified.length).toBeGreaterThan(0);
    const queued: Array<{ text: string }> = await t.ds.query(`SELECT payload::text AS text FROM outbox`);
    for (const a of [...audited, ...notified, ...queued]) for (const clear of CLEAR) expect(a.text).not.toContain(clear);

    const supervisor = await t.login('vanson.supervisor');
    const timeline = (await t.http.get(`/api/v1/cases/${c.id}/timeline`).set('Authorization', supervisor)).body;
    const data = (type: string) => timeline.items.find((i: { type?: string }) => i.type === type).data;
    expect(data('ADD_NOTE')).toEqual({ text: NOTE });
    expect(data('RECORD_ASSESSMENT')).toMatchObject({ needs: ['khám vết thương'], summary: 'Cần hỗ trợ tâm lý' });
    expect(data('SUBMIT_PLAN')).toMatchObject(PLAN);
    const decisions = (await t.http.get(`/api/v1/cases/${c.id}/decisions`).set('Authorization', supervisor)).body;
    expect(decisions[0].body.plan).toMatchObject(PLAN);
    const view = (await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', supervisor)).body;
    expect(view.decisions).toEqual(decisions);
    const [{ child_id: childId }] = await t.ds.query(`SELECT child_id FROM cases WHERE id = $1`, [c.id]);
    const exported = (await t.http.get(`/api/v1/children/${childId}/export?reason=${encodeURIComponent('Công văn của Công an huyện số 12')}`).set('Authorization', supervisor)).body;
    const mine = exported.cases.find((x: { case: { id: string } }) => x.case.id === c.id);
    expect(mine.timeline).toEqual(timeline);
    expect(mine.case.decisions[0].body.plan).toMatchObject(PLAN);
    expect(JSON.stringify(exported)).not.toContain('enc1:');
  });

  it('seals at start the rows written in clear before, and reads them the same', async () => {
    const c = await intake(t, WORKER);
    const auth = await t.login(WORKER);
    await apply(t, WORKER, c.id, 'ADD_NOTE', { text: NOTE });
    const before = (await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', auth)).body;
    // As a row written before the migration: clear.
    await t.ds.query(`UPDATE case_reporters SET name = 'Trần Văn Báo', phone = '0912345678' WHERE case_id = $1`, [c.id]);
    await t.ds.query(`UPDATE cases SET incident = incident || jsonb_build_object('description', 'Trẻ bị đánh nhiều lần') WHERE id = $1`, [c.id]);
    expect((await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', auth)).body).toEqual(before);
    // An event written before its free text was sealed.
    const timeline = (await t.http.get(`/api/v1/cases/${c.id}/timeline`).set('Authorization', auth)).body;
    await t.ds.query(`UPDATE case_events SET data = $2 WHERE case_id = $1 AND type = 'ADD_NOTE'`, [c.id, JSON.stringify({ text: NOTE })]);
    expect((await t.http.get(`/api/v1/cases/${c.id}/timeline`).set('Authorization', auth)).body).toEqual(timeline);
    // The backfills ran once at start (recorded); a database before the migration had no record.
    // (Handoffs and the special-circumstances register have their own: field-encryption-handoffs-supports.)
    const backfills = `SELECT name FROM field_backfills WHERE name IN ('case_events', 'cases') ORDER BY name`;
    expect(await t.ds.query(backfills)).toEqual([{ name: 'case_events' }, { name: 'cases' }]);
    await t.ds.query(`DELETE FROM field_backfills WHERE name IN ('case_events', 'cases')`);
    await t.app.get(FieldBackfill).onApplicationBootstrap();
    expect(await t.ds.query(backfills)).toEqual([{ name: 'case_events' }, { name: 'cases' }]);
    const [note] = await t.ds.query(`SELECT data FROM case_events WHERE case_id = $1 AND type = 'ADD_NOTE'`, [c.id]);
    expect(note.data).toEqual({ text: expect.stringMatching(/^enc1:/) });
    expect((await t.http.get(`/api/v1/cases/${c.id}/timeline`).set('Authorization', auth)).body).toEqual(timeline);
    const [rep] = await t.ds.query(`SELECT name, phone FROM case_reporters WHERE case_id = $1`, [c.id]);
    expect([rep.name, rep.phone].every((v: string) => v.startsWith('enc1:'))).toBe(true);
    const [row] = await t.ds.query(`SELECT incident->>'description' AS d FROM cases WHERE id = $1`, [c.id]);
    expect(row.d).toMatch(/^enc1:/);
    expect((await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', auth)).body).toEqual(before);
  });

  it('refuses an event’s free text moved to another member (its purpose is bound)', async () => {
    const c = await intake(t, WORKER);
    await apply(t, WORKER, c.id, 'ADD_NOTE', { text: NOTE });
    await t.ds.query(`UPDATE case_events SET data = jsonb_build_object('kind', data->'text') WHERE case_id = $1 AND type = 'ADD_NOTE'`, [c.id]);
    const res = await t.http.get(`/api/v1/cases/${c.id}/timeline`).set('Authorization', await t.login(WORKER));
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain(NOTE);
  });

  it('refuses a value moved to another column (its purpose is bound)', async () => {
    const c = await intake(t, WORKER);
    await t.ds.query(`UPDATE case_reporters SET phone = name WHERE case_id = $1`, [c.id]);
    const res = await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', await t.login(WORKER));
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('Trần');
  });

  it('rotates: field and attachment keys rewrapped under the newest master key, the old one can go; a wrong key stops the start', async () => {
    const c = await intake(t, WORKER);
    await apply(t, WORKER, c.id, 'ADD_NOTE', { text: NOTE });
    const up = await t.http.post(`/api/v1/cases/${c.id}/attachments`).set('Authorization', await t.login(WORKER))
      .field('category', 'other').attach('file', pdf('rotation'), { filename: 'a.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    const db = new Db(t.ds);
    const stores = [new FieldKeysRepository(db), new AttachmentKeysRepository(db)];
    // Nothing to do while `a` is the newest.
    expect(await rotateKeys(new ConfigKeyring([{ id: 'a', key: KEY_A }]), stores)).toEqual({ field_keys: 0, attachments: 0 });
    // A wrong `a` fails loudly, changing nothing.
    await expect(rotateKeys(new ConfigKeyring([{ id: 'b', key: KEY_B }, { id: 'a', key: randomBytes(32) }]), stores)).rejects.toThrow(KeyringError);
    const done = await rotateKeys(new ConfigKeyring([{ id: 'b', key: KEY_B }, { id: 'a', key: KEY_A }]), stores);
    expect(done.field_keys).toBe(1);
    expect(done.attachments).toBeGreaterThanOrEqual(1);
    const ids = await t.ds.query(`SELECT DISTINCT master_key_id AS id FROM field_keys UNION SELECT DISTINCT key_id FROM attachments`);
    expect(ids).toEqual([{ id: 'b' }]);

    // Only `b` configured now: the case and the file still open.
    const onlyB = await otherApp(ring(['b', KEY_B]));
    await onlyB.init();
    try {
      const { default: request } = await import('supertest');
      const http = request(onlyB.getHttpServer());
      const auth = (await http.post('/api/v1/auth/login').send({ username: WORKER, password: DEMO_PASSWORD })).body.accessToken;
      const view = await http.get(`/api/v1/cases/${c.id}`).set('Authorization', `Bearer ${auth}`);
      expect(view.status).toBe(200);
      expect(view.body.reporter.name).toBe('Trần Văn Báo');
      const timeline = await http.get(`/api/v1/cases/${c.id}/timeline`).set('Authorization', `Bearer ${auth}`);
      expect(timeline.body.items.find((i: { type?: string }) => i.type === 'ADD_NOTE').data.text).toBe(NOTE);
      const file = await http.get(`/api/v1/attachments/${up.body.attachment.id}/content`).set('Authorization', `Bearer ${auth}`).buffer(true)
        .parse((res, cb) => { const parts: Buffer[] = []; res.on('data', (d: Buffer) => parts.push(d)); res.on('end', () => cb(null, Buffer.concat(parts))); });
      expect(file.status).toBe(200);
      expect((file.body as Buffer).equals(pdf('rotation'))).toBe(true);
    } finally {
      await onlyB.close();
    }

    // Only the old key (or another one under the same id): the start stops, naming the keys it cannot open.
    const wrong = await otherApp(ring(['a', KEY_A]));
    await expect(wrong.init()).rejects.toThrow(/do not open 1 field data key/);
    await wrong.close().catch(() => undefined);
  });
});
