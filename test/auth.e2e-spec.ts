import { JwtService } from '@nestjs/jwt';
import { bootTestApp, TestApp } from './support/test-app';
import { DEMO_PASSWORD } from '../src/schema/seed';

describe('authentication (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ env: { LOGIN_MAX_ATTEMPTS: '5', LOGIN_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  it('logs in a demo user and returns a token that identifies them', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ username: 'vanson.social_worker', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(typeof res.body.accessToken).toBe('string');
    expect(res.body.user).toMatchObject({ username: 'vanson.social_worker', role: 'social_worker', communeCode: 'van-son', provinceCode: 'thanh-hoa' });
    expect(res.body.user.passwordHash).toBeUndefined();
    const me = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'vanson.social_worker', role: 'social_worker', agencyType: 'child_affairs_office' });
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const bad = await t.http.post('/api/v1/auth/login').send({ username: 'vanson.chair', password: 'wrong' });
    const unknown = await t.http.post('/api/v1/auth/login').send({ username: 'nobody.here', password: 'wrong' });
    expect(bad.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(bad.body).toEqual(unknown.body);
    expect(bad.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringContaining('Wrong username or password') });
  });

  it('rejects a call without a token, with a malformed token and with a forged token', async () => {
    expect((await t.http.get('/api/v1/auth/me')).status).toBe(401);
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', 'Basic abc')).status).toBe(401);
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJl';
    const res = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('Unauthorized');
  });

  it('stops honouring a token within seconds once its user is deactivated', async () => {
    const token = (await t.http.post('/api/v1/auth/login').send({ username: 'namphu.education', password: DEMO_PASSWORD })).body.accessToken;
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    await t.ds.query(`UPDATE users SET active = false WHERE username = 'namphu.education'`);
    await new Promise((r) => setTimeout(r, 5_100));
    const refused = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
    expect(refused.status).toBe(401);
    const again = await t.http.post('/api/v1/auth/login').send({ username: 'namphu.education', password: DEMO_PASSWORD });
    expect(again.status).toBe(401);
  });

  it('refuses a token once it expires, also one it honoured before', async () => {
    const issued = (await t.http.post('/api/v1/auth/login').send({ username: 'vanson.chair', password: DEMO_PASSWORD })).body.accessToken;
    const { exp: _exp, iat: _iat, ...claims } = JSON.parse(Buffer.from(issued.split('.')[1], 'base64url').toString('utf8'));
    const shortLived = await t.app.get(JwtService).signAsync(claims, { expiresIn: 2 });
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${shortLived}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_100));
    const refused = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${shortLived}`);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain('expired token');
  });

  it('validates the login body with field errors', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ username: 42, extra: true });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.details.fields).sort()).toEqual(['extra', 'password', 'username']);
    const malformed = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username":');
    expect(malformed.status).toBe(400);
  });

  it('rate-limits repeated failures for one user', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await t.http.post('/api/v1/auth/login').send({ username: 'ngoclien.chair', password: 'guess' + i })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const right = await t.http.post('/api/v1/auth/login').send({ username: 'ngoclien.chair', password: DEMO_PASSWORD });
    expect(right.status).toBe(429);
  });

  it('serves health without a token, reporting PostgreSQL and Redis', async () => {
    for (const path of ['/health', '/api/v1/health']) {
      const res = await t.http.get(path);
      expect(res.status).toBe(200);
      expect(res.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
    }
  });

  it('serves the OpenAPI document without a token', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.paths['/api/v1/auth/login']).toBeDefined();
  });
});
