/**
 * Field encryption (src/crypto/, README "Data protection"): the reporter's identity, the incident's
 * free text and the idempotency answers are ciphertext in SQL and clear through the API; rows
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
import { intake, intakeBody } from './support/fixtures';
import { pdf } from './support/sample-files';
import { bootTestApp, testConfig, TestApp } from './support/test-app';

const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);
const ring = (...keys: Array<[string, Buffer]>) => keys.map(([id, k]) => `${id}:${k.toString('base64')}`).join(',');
const WORKER = 'vanson.social_worker';
const NARRATIVE = 'Trẻ bị cha dượng đánh bằng roi mây';

describe('field encryption (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp({ env: { ATTACHMENTS_MASTER_KEYS: ring(['a', KEY_A]) } });
  });
  afterAll(() => t.close());

  /** Another application on the same database with `keys` (it shares nothing else with `t`). */
  async function otherApp(keys: string) {
    return createApp({ config: testConfig({ ATTACHMENTS_MASTER_KEYS: keys, ATTACHMENTS_DIR: t.config.attachments.dir }), databaseUrl: t.databaseUrl, redisUrl: t.redisUrl, worker: false, poolSize: 2 });
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

  it('seals at start the rows written in clear before, and reads them the same', async () => {
    const c = await intake(t, WORKER);
    const auth = await t.login(WORKER);
    const before = (await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', auth)).body;
    // As a row written before the migration: clear.
    await t.ds.query(`UPDATE case_reporters SET name = 'Trần Văn Báo', phone = '0912345678' WHERE case_id = $1`, [c.id]);
    await t.ds.query(`UPDATE cases SET incident = incident || jsonb_build_object('description', 'Trẻ bị đánh nhiều lần') WHERE id = $1`, [c.id]);
    expect((await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', auth)).body).toEqual(before);
    // The backfill ran once at start (recorded); a database before the migration had no record.
    expect(await t.ds.query(`SELECT name FROM field_backfills`)).toEqual([{ name: 'cases' }]);
    await t.ds.query(`DELETE FROM field_backfills`);
    await t.app.get(FieldBackfill).onApplicationBootstrap();
    expect(await t.ds.query(`SELECT name FROM field_backfills`)).toEqual([{ name: 'cases' }]);
    const [rep] = await t.ds.query(`SELECT name, phone FROM case_reporters WHERE case_id = $1`, [c.id]);
    expect([rep.name, rep.phone].every((v: string) => v.startsWith('enc1:'))).toBe(true);
    const [row] = await t.ds.query(`SELECT incident->>'description' AS d FROM cases WHERE id = $1`, [c.id]);
    expect(row.d).toMatch(/^enc1:/);
    expect((await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', auth)).body).toEqual(before);
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
