/**
 * What a report may say, and what a reused reference means: de-duplication within the commune,
 * compared on the report itself; dates within sane bounds; a child under 18.
 */
import { randomUUID } from 'node:crypto';
import { intakeBody } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const DAY = 86_400_000;

describe('intake: references, duplicates and date bounds (e2e)', () => {
  let t: TestApp;
  let hotline: string;
  beforeAll(async () => {
    t = await bootTestApp();
    hotline = await t.login('vanson.hotline_operator');
  });
  afterAll(() => t.close());

  const file = (body: Record<string, unknown>, auth = hotline) => t.http.post('/api/v1/intake').set('Authorization', auth).send(body);

  it('replays the same report under the same reference, whatever the order of its fields', async () => {
    const body = intakeBody();
    const first = await file(body);
    expect(first.status).toBe(201);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await file(reordered);
    expect(again.status).toBe(200);
    expect(again.body.case.id).toBe(first.body.case.id);
  });

  it('refuses a different report under a used reference with 409, never answering another child’s case', async () => {
    const body = intakeBody();
    const first = await file(body);
    expect(first.status).toBe(201);
    const other = await file({ ...body, child: { fullName: 'Phạm Văn Khác', sex: 'male', approxAgeYears: 9 } });
    expect(other.status).toBe(409);
    expect(other.body.message).toContain('tin báo khác');
    expect(JSON.stringify(other.body)).not.toContain('Nguyễn Thị Lan');
    expect(JSON.stringify(other.body)).not.toContain(first.body.case.id);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM cases WHERE external_ref = $1`, [body.externalRef]))[0].n).toBe(1);
  });

  it('treats the same reference in another commune as another report, with no hint of the first', async () => {
    const ref = `111-${randomUUID()}`;
    const national = await t.login('vanson.hotline_operator');
    expect((await file(intakeBody({ externalRef: ref }), national)).status).toBe(201);
    const elsewhere = await file(intakeBody({ externalRef: ref, communeCode: 'ngoc-lien' }), await t.login('ngoclien.social_worker'));
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.case.communeCode).toBe('ngoc-lien');
  });

  it('refuses a list where a report part is an object, and malformed text, with 400', async () => {
    const list = await file(intakeBody({ child: [] }));
    expect(list.status).toBe(400);
    expect(Object.keys(list.body.details.fields)).toEqual(['child']);
    const malformed = await t.http.post('/api/v1/auth/login').send({ username: '\udfff\ud800', password: 'x' });
    expect(malformed.status).toBe(400);
  });

  it('refuses dates outside sane bounds with a clear message per field', async () => {
    const now = Date.now();
    const old = await file(intakeBody({ receivedAt: new Date(now - 3 * 365 * DAY).toISOString() }));
    expect(old.status).toBe(400);
    expect(old.body.details.fields.receivedAt[0]).toMatch(/không được quá 366 ngày trước \/ The time the report was received cannot be more than 366 days ago/);
    const adult = await file(intakeBody({ child: { fullName: 'Người Lớn', sex: 'male', dateOfBirth: '2000-01-01' } }));
    expect(adult.status).toBe(400);
    expect(adult.body.details.fields['child.dateOfBirth'][0]).toContain('dưới 18 tuổi');
    const seventeen = new Date(now - (17 * 365 + 100) * DAY).toISOString().slice(0, 10);
    expect((await file(intakeBody({ child: { fullName: 'Trẻ Mười Bảy', sex: 'female', dateOfBirth: seventeen } }))).status).toBe(201);
    const later = await file(intakeBody({ incident: { types: ['neglect'], description: 'x', occurredAt: new Date(now + 2 * DAY).toISOString() } }));
    expect(later.status).toBe(400);
    expect(Object.keys(later.body.details.fields)).toContain('incident.occurredAt');
  });

  it('refuses ISO 8601 forms a date cannot hold (week and ordinal dates) with 400, at intake and on a handoff', async () => {
    for (const receivedAt of ['2026-W01', '2026-W01-1', '2026-123']) {
      const res = await file(intakeBody({ receivedAt }));
      expect([receivedAt, res.status, Object.keys(res.body.details.fields)]).toEqual([receivedAt, 400, ['receivedAt']]);
    }
    const c = await file(intakeBody());
    const worker = await t.login('vanson.social_worker');
    const [{ id: police }] = await t.ds.query(`SELECT id FROM agencies WHERE type = 'commune_police' AND commune_code = 'van-son'`);
    const handoff = await t.http.post(`/api/v1/cases/${c.body.case.id}/handoffs`).set('Authorization', worker)
      .send({ kind: 'police_protection', agencyId: police, instructions: 'Phối hợp', urgency: 'normal', dueAt: '2026-W01' });
    expect(handoff.status).toBe(400);
    expect(handoff.body.details.fields.dueAt[0]).toContain('ISO 8601');
  });
});
