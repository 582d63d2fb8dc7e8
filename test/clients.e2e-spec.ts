/**
 * System clients over HTTP against the real service, PostgreSQL and Redis: the national admin
 * creates the 111 hotline's system, which gets a token with its secret (HTTP Basic or body) and
 * files a report (the case names the system); its token is refused everywhere else and without the
 * scope; rotation (at once, or with an overlap), revocation and narrowed scopes refuse live tokens
 * at once; the per-client rate limit answers 429 with Retry-After; wrong secrets are throttled;
 * only the national admin manages clients.
 */
import { randomUUID } from 'node:crypto';
import { NATIONAL_ADMIN_USERNAME } from '../src/schema/seed';
import { intakeBody } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

describe('system clients (e2e)', () => {
  let t: TestApp;
  let hotlineAgency: string;
  beforeAll(async () => {
    t = await bootTestApp({ env: { LOGIN_MAX_ATTEMPTS: '5' } });
    [{ id: hotlineAgency }] = await t.ds.query(`SELECT id FROM agencies WHERE type = 'hotline_111' LIMIT 1`);
  });
  afterAll(() => t.close());

  const admin = () => t.login(NATIONAL_ADMIN_USERNAME);
  async function createClient(overrides: Record<string, unknown> = {}) {
    const res = await t.http.post('/api/v1/system-clients').set('Authorization', await admin())
      .send({ name: `Tổng đài 111 ${randomUUID().slice(0, 8)}`, agencyId: hotlineAgency, scopes: ['intake:write'], rateLimitPerMinute: 100, ...overrides });
    expect(res.status).toBe(201);
    return res.body as { clientId: string; clientSecret: string; client: { id: string; name: string } };
  }
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  async function token(id: string, secret: string, scope?: string) {
    return t.http.post('/api/v1/auth/token').set('Authorization', basic(id, secret)).type('form')
      .send({ grant_type: 'client_credentials', ...(scope !== undefined ? { scope } : {}) });
  }
  async function bearer(id: string, secret: string) {
    const res = await token(id, secret);
    expect(res.status).toBe(200);
    return `Bearer ${res.body.access_token}`;
  }
  const file = (auth: string, overrides: Record<string, unknown> = {}) => t.http.post('/api/v1/intake').set('Authorization', auth).send(intakeBody(overrides));

  it('creates a client (secret shown once, kept hashed), issues a token, files a report recorded as the system’s', async () => {
    const c = await createClient();
    expect(c.clientSecret).toMatch(/^bsc_[A-Za-z0-9_-]{43}$/);
    const [row] = await t.ds.query(`SELECT secret_hash FROM system_clients WHERE id = $1`, [c.clientId]);
    expect(row.secret_hash).not.toContain(c.clientSecret);
    const listed = await t.http.get('/api/v1/system-clients').set('Authorization', await admin());
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toMatch(/secret_hash|bsc_/);

    const res = await token(c.clientId, c.clientSecret);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'intake:write' });
    // The body works as well as HTTP Basic.
    const viaBody = await t.http.post('/api/v1/auth/token')
      .send({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret, scope: 'intake:write' });
    expect(viaBody.status).toBe(200);

    const auth = `Bearer ${res.body.access_token}`;
    const report = intakeBody({ communeCode: 'nam-phu' }); // the national hotline files for any commune
    const filed = await t.http.post('/api/v1/intake').set('Authorization', auth).send(report);
    expect(filed.status).toBe(201);
    expect(Object.keys(filed.body)).toEqual(['case', 'candidates']);
    expect(filed.body.candidates).toEqual(expect.any(Array));
    expect(filed.body.case.reporter).toBeUndefined();
    const [kase] = await t.ds.query(`SELECT created_by, created_by_client FROM cases WHERE id = $1`, [filed.body.case.id]);
    expect(kase).toEqual({ created_by: null, created_by_client: c.clientId });
    // The same report again: the same case (idempotent), as for a user.
    const again = await t.http.post('/api/v1/intake').set('Authorization', auth).send(report);
    expect(again.status).toBe(200);
    expect(again.body.case.id).toBe(filed.body.case.id);

    // The commune sees who sent it: the system's name on the timeline.
    const timeline = await t.http.get(`/api/v1/cases/${filed.body.case.id}/timeline`).set('Authorization', await t.login('namphu.supervisor'));
    expect(timeline.status).toBe(200);
    const received = timeline.body.items.find((e: { type?: string }) => e.type === 'CASE_RECEIVED');
    expect(received.actor).toEqual({ id: c.clientId, role: 'system_client', name: c.client.name });

    const audit = await t.ds.query(`SELECT action, actor_role FROM audit_log WHERE actor_id = $1 ORDER BY id`, [c.clientId]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['auth.client_token', 'case.intake', 'intake_replay']));
    expect(new Set(audit.map((a: { actor_role: string }) => a.actor_role))).toEqual(new Set(['system_client']));
  });

  it('refuses a client token on every other endpoint (403, audited) and without the scope', async () => {
    const c = await createClient();
    const auth = await bearer(c.clientId, c.clientSecret);
    for (const [method, path] of [['get', '/api/v1/cases'], ['get', '/api/v1/auth/me'], ['get', '/api/v1/directory/communes'],
      ['get', '/api/v1/system-clients'], ['post', '/api/v1/auth/logout'], ['get', `/api/v1/cases/${randomUUID()}`]] as const) {
      const res = await t.http[method](path).set('Authorization', auth);
      expect([path, res.status]).toEqual([path, 403]);
    }
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1 AND action = 'client.request_refused'`, [c.clientId]);
    expect(n).toBe(6);
    // A scope the client was not granted: no token. Scope taken away: its live token is refused at once.
    expect((await token(c.clientId, c.clientSecret, 'cases:read')).status).toBe(400);
    await t.ds.query(`UPDATE system_clients SET scopes = '{}' WHERE id = $1`, [c.clientId]);
    expect((await file(auth)).status).toBe(403);
    // A client of a commune agency files only for its commune.
    const [{ id: police }] = await t.ds.query(`SELECT id FROM agencies WHERE type = 'commune_police' AND commune_code = 'van-son'`);
    const local = await createClient({ agencyId: police });
    const localAuth = await bearer(local.clientId, local.clientSecret);
    expect((await file(localAuth, { communeCode: 'nam-phu' })).status).toBe(403);
    expect((await file(localAuth)).status).toBe(201);
  });

  it('rotation without overlap refuses the old secret and its tokens at once; with overlap both work until it ends', async () => {
    const c = await createClient();
    const old = await bearer(c.clientId, c.clientSecret);
    const rotated = await t.http.post(`/api/v1/system-clients/${c.clientId}/rotate`).set('Authorization', await admin()).send({});
    expect(rotated.status).toBe(200);
    expect(rotated.body.clientSecret).not.toBe(c.clientSecret);
    expect((await token(c.clientId, c.clientSecret)).status).toBe(401);
    expect((await file(old)).status).toBe(401);
    const fresh = await bearer(c.clientId, rotated.body.clientSecret);
    expect((await file(fresh)).status).toBe(201);

    const overlapped = await t.http.post(`/api/v1/system-clients/${c.clientId}/rotate`).set('Authorization', await admin()).send({ overlapSeconds: 300 });
    expect(overlapped.status).toBe(200);
    expect(overlapped.body.client.previousSecretExpiresAt).not.toBeNull();
    expect((await file(fresh)).status).toBe(201);
    expect((await token(c.clientId, rotated.body.clientSecret)).status).toBe(200);
    // The overlap ends: the previous secret and its tokens stop.
    await t.ds.query(`UPDATE system_clients SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`, [c.clientId]);
    expect((await file(fresh)).status).toBe(401);
    expect((await token(c.clientId, rotated.body.clientSecret)).status).toBe(401);
    expect((await file(await bearer(c.clientId, overlapped.body.clientSecret))).status).toBe(201);
  });

  it('revocation refuses live tokens and the secret at once, and is final', async () => {
    const c = await createClient();
    const auth = await bearer(c.clientId, c.clientSecret);
    expect((await file(auth)).status).toBe(201);
    const revoked = await t.http.post(`/api/v1/system-clients/${c.clientId}/revoke`).set('Authorization', await admin()).send({ reason: 'Lộ khóa' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.client.revokedAt).not.toBeNull();
    expect((await file(auth)).status).toBe(401);
    expect((await token(c.clientId, c.clientSecret)).status).toBe(401);
    expect((await t.http.post(`/api/v1/system-clients/${c.clientId}/rotate`).set('Authorization', await admin()).send({})).status).toBe(409);
    const actions = await t.ds.query(`SELECT action FROM audit_log WHERE entity = 'system_client' AND entity_id = $1 AND action LIKE 'admin.%'`, [c.clientId]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['admin.system_client_created', 'admin.system_client_revoked']);
  });

  it('limits each client’s requests per minute: 429 with Retry-After, audited once', async () => {
    const c = await createClient({ rateLimitPerMinute: 3 });
    const auth = await bearer(c.clientId, c.clientSecret);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await file(auth)).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const limited = await file(auth);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1 AND action = 'client.rate_limited'`, [c.clientId]);
    expect(n).toBe(1);
    // Each client has its own window.
    const other = await createClient({ rateLimitPerMinute: 3 });
    expect((await file(await bearer(other.clientId, other.clientSecret))).status).toBe(201);
  });

  it('throttles wrong secrets like passwords; the right one counts nothing', async () => {
    const c = await createClient();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await token(c.clientId, 'bsc_wrong')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await token(c.clientId, c.clientSecret)).status).toBe(429);
    const failed = await t.ds.query(`SELECT action FROM audit_log WHERE entity = 'system_client' AND entity_id = $1 AND action LIKE 'auth.%'`, [c.clientId]);
    expect(failed.map((a: { action: string }) => a.action)).toEqual([...Array(5).fill('auth.client_token_failed'), 'auth.client_token_throttled']);
    // Unknown client ids and missing credentials are 401, never 500.
    expect((await token(randomUUID(), 'bsc_x')).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/token').send({ grant_type: 'client_credentials' })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/token').send({ grant_type: 'password', client_id: c.clientId, client_secret: 'x' })).status).toBe(400);
  });

  it('lets only the national admin manage clients', async () => {
    const c = await createClient();
    for (const user of ['vanson.admin', 'vanson.hotline_operator', 'vanson.supervisor', 'hanoi.supervisor']) {
      const auth = await t.login(user);
      expect((await t.http.get('/api/v1/system-clients').set('Authorization', auth)).status).toBe(403);
      expect((await t.http.post('/api/v1/system-clients').set('Authorization', auth)
        .send({ name: 'x', agencyId: hotlineAgency, scopes: ['intake:write'], rateLimitPerMinute: 10 })).status).toBe(403);
      expect((await t.http.post(`/api/v1/system-clients/${c.clientId}/revoke`).set('Authorization', auth).send({})).status).toBe(403);
    }
    const edited = await t.http.patch(`/api/v1/system-clients/${c.clientId}`).set('Authorization', await admin()).send({ rateLimitPerMinute: 50 });
    expect(edited.status).toBe(200);
    expect(edited.body.client.rateLimitPerMinute).toBe(50);
    expect((await t.http.get(`/api/v1/system-clients/${randomUUID()}`).set('Authorization', await admin())).status).toBe(404);
    expect((await t.http.post('/api/v1/system-clients').set('Authorization', await admin())
      .send({ name: 'x', agencyId: hotlineAgency, scopes: ['cases:write'], rateLimitPerMinute: 10 })).status).toBe(400);
  });
});
