import { JwtService } from '@nestjs/jwt';
import bcrypt from 'bcrypt';
import { OLD_DEV_JWT_SECRET } from '../src/config/config';
import { Db } from '../src/database/db';
import { SessionsService } from '../src/identity/sessions.service';
import { DEMO_PASSWORD } from '../src/schema/seed';
import { intakeBody } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const NEW_PASSWORD = 'Trâu ăn cỏ bên bờ sông Mã';

describe('authentication (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ env: { LOGIN_MAX_ATTEMPTS: '5', LOGIN_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  const login = (username: string, password = DEMO_PASSWORD) => t.http.post('/api/v1/auth/login').send({ username, password });
  const me = (token: string) => t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

  it('logs in a demo user: a short-lived token naming only the user and the session, and a refresh token', async () => {
    const res = await login('vanson.social_worker');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ expiresIn: 900, passwordChangeRequired: false, refreshToken: expect.any(String) });
    expect(res.body.user).toMatchObject({ username: 'vanson.social_worker', role: 'social_worker', communeCode: 'van-son', provinceCode: 'thanh-hoa' });
    expect(res.body.user.passwordHash).toBeUndefined();
    const claims = claimsOf(res.body.accessToken);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sid', 'sub']);
    expect(claims.exp - claims.iat).toBe(900);
    const who = await me(res.body.accessToken);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ username: 'vanson.social_worker', role: 'social_worker', agencyType: 'child_affairs_office', passwordChangeRequired: false });
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const bad = await login('vanson.chair', 'wrong');
    const unknown = await login('nobody.here', 'wrong');
    expect(bad.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(bad.body).toEqual(unknown.body);
    expect(bad.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringContaining('Wrong username or password') });
  });

  it('rejects a call without a token, with a malformed token and with a forged token', async () => {
    expect((await t.http.get('/api/v1/auth/me')).status).toBe(401);
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', 'Basic abc')).status).toBe(401);
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJl';
    const res = await me(forged);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('Unauthorized');
  });

  it('refuses tokens signed with the old development key, or without aud, iss or exp', async () => {
    const real = (await login('vanson.supervisor')).body.accessToken;
    const { sub, sid } = claimsOf(real);
    const exp = Math.floor(Date.now() / 1000) + 600;
    const oldKey = new JwtService({ secret: OLD_DEV_JWT_SECRET });
    const ourKey = new JwtService({ secret: t.config.jwtSecret });
    const variants: Record<string, string> = {
      'old development key': oldKey.sign({ sub, sid, iss: 'baove', aud: 'baove-api', exp }),
      'no aud': ourKey.sign({ sub, sid, iss: 'baove', exp }),
      'no iss': ourKey.sign({ sub, sid, aud: 'baove-api', exp }),
      'other aud': ourKey.sign({ sub, sid, iss: 'baove', aud: 'somebody-else', exp }),
      'no exp': ourKey.sign({ sub, sid, iss: 'baove', aud: 'baove-api' }),
      'alg none': `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub, sid, iss: 'baove', aud: 'baove-api', exp })).toString('base64url')}.`,
    };
    expect((await me(ourKey.sign({ sub, sid, iss: 'baove', aud: 'baove-api', exp }))).status).toBe(200); // the control
    for (const [name, token] of Object.entries(variants)) {
      expect([name, (await me(token)).status]).toEqual([name, 401]);
    }
  });

  it('takes role, agency and jurisdiction from the database, never from claims in the token', async () => {
    const namPhu = await t.http.post('/api/v1/intake').set('Authorization', await t.login('namphu.hotline_operator'))
      .send(intakeBody({ communeCode: 'nam-phu', externalRef: 'claims-1' }));
    expect(namPhu.status).toBe(201);
    const real = (await login('vanson.supervisor')).body.accessToken;
    const { sub, sid } = claimsOf(real);
    // Correctly signed (the key leaked, say), claiming another commune and province and the admin role.
    const edited = t.app.get(JwtService).sign({ sub, sid, role: 'supervisor', com: 'nam-phu', prv: 'ha-noi', agc: 'x', usr: 'hanoi.supervisor' }, { expiresIn: 600 });
    const who = await me(edited);
    expect(who.body).toMatchObject({ username: 'vanson.supervisor', communeCode: 'van-son', provinceCode: 'thanh-hoa' });
    const read = await t.http.get(`/api/v1/cases/${namPhu.body.case.id}`).set('Authorization', `Bearer ${edited}`);
    expect(read.status).toBe(404);
  });

  it('refuses a token once it expires, also one it honoured before', async () => {
    const { sub, sid } = claimsOf((await login('vanson.chair')).body.accessToken);
    const shortLived = await t.app.get(JwtService).signAsync({ sub, sid }, { expiresIn: 2 });
    expect((await me(shortLived)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_100));
    const refused = await me(shortLived);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain('expired token');
  });

  it('rotates refresh tokens; a used one presented again ends the whole session', async () => {
    const first = (await login('ngoclien.supervisor')).body;
    const r1 = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, passwordChangeRequired: false });
    expect(r1.body.refreshToken).not.toBe(first.refreshToken);
    expect(claimsOf(r1.body.accessToken).sid).toBe(claimsOf(first.accessToken).sid);
    expect((await me(r1.body.accessToken)).status).toBe(200);
    const r2 = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: r1.body.refreshToken });
    expect(r2.status).toBe(200);
    // The first refresh token again: stolen, or replayed. The session ends for both holders, at once.
    const reuse = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(reuse.status).toBe(401);
    expect((await me(r2.body.accessToken)).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: r2.body.refreshToken })).status).toBe(401);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.refresh_reuse_detected'`);
    expect(n).toBe(1);
    expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'x'.repeat(43) })).status).toBe(401);
    // Another session of the same user is untouched.
    expect((await login('ngoclien.supervisor')).status).toBe(200);
  });

  it('signs out: the session’s access and refresh tokens stop working at once', async () => {
    const s = (await login('vanson.police')).body;
    const other = (await login('vanson.police')).body;
    const out = await t.http.post('/api/v1/auth/logout').set('Authorization', `Bearer ${s.accessToken}`);
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ revoked: true });
    expect((await me(s.accessToken)).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken })).status).toBe(401);
    expect((await me(other.accessToken)).status).toBe(200);
  });

  it('changes the password: policy enforced, every other session ended at once, this one kept', async () => {
    const a = (await login('namphu.chair')).body;
    const b = (await login('namphu.chair')).body;
    const change = (current: string, next: string) => t.http.post('/api/v1/auth/password').set('Authorization', `Bearer ${a.accessToken}`)
      .send({ currentPassword: current, newPassword: next });
    const wrong = await change('not-it', NEW_PASSWORD);
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.fields.currentPassword[0]).toContain('current password is wrong');
    const weak = await change(DEMO_PASSWORD, 'namphu.chair123');
    expect(weak.status).toBe(400);
    expect(weak.body.details.fields.newPassword[0]).toContain('tên đăng nhập');
    expect((await change(DEMO_PASSWORD, 'password1234')).body.details.fields.newPassword.join(' ')).toMatch(/phổ biến|dễ đoán/);
    const ok = await change(DEMO_PASSWORD, NEW_PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ passwordChangeRequired: false, otherSessionsRevoked: 1 });
    expect((await me(b.accessToken)).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: b.refreshToken })).status).toBe(401);
    expect((await me(a.accessToken)).status).toBe(200);
    expect((await login('namphu.chair')).status).toBe(401);
    expect((await login('namphu.chair', NEW_PASSWORD)).status).toBe(200);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.password_changed'`);
    expect(n).toBe(1);
  });

  it('forces a password change at first sign-in: a limited session until it is done', async () => {
    await t.ds.query(`UPDATE users SET must_change_password = true WHERE username = 'ngoclien.social_worker'`);
    const s = (await login('ngoclien.social_worker')).body;
    expect(s.passwordChangeRequired).toBe(true);
    const bearer = `Bearer ${s.accessToken}`;
    const blocked = await t.http.get('/api/v1/cases').set('Authorization', bearer);
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({ message: expect.stringContaining('must change your password'), details: { passwordChangeRequired: true } });
    expect((await t.http.get('/api/v1/directory/users').set('Authorization', bearer)).status).toBe(403);
    expect((await me(s.accessToken)).body.passwordChangeRequired).toBe(true);
    const refreshed = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
    expect(refreshed.body.passwordChangeRequired).toBe(true);
    const changed = await t.http.post('/api/v1/auth/password').set('Authorization', `Bearer ${refreshed.body.accessToken}`)
      .send({ currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(200);
    expect((await t.http.get('/api/v1/cases').set('Authorization', `Bearer ${refreshed.body.accessToken}`)).status).toBe(200);
    expect((await login('ngoclien.social_worker', NEW_PASSWORD)).body.passwordChangeRequired).toBe(false);
  });

  it('SessionsService.revokeAll (deactivation, reset) ends a user’s tokens when its transaction commits', async () => {
    const s = (await login('ngoclien.police')).body;
    expect((await me(s.accessToken)).status).toBe(200);
    const [{ id }] = await t.ds.query(`SELECT id FROM users WHERE username = 'ngoclien.police'`);
    const n = await t.app.get(Db).transaction((tx) => t.app.get(SessionsService).revokeAll(tx, id, 'deactivated'));
    expect(n).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 50)); // the NOTIFY's trip back from PostgreSQL
    expect((await me(s.accessToken)).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken })).status).toBe(401);
  });

  it('stops honouring a token within seconds once its user is deactivated behind the service’s back', async () => {
    const token = (await login('namphu.education')).body.accessToken;
    expect((await me(token)).status).toBe(200);
    await t.ds.query(`UPDATE users SET active = false WHERE username = 'namphu.education'`);
    await new Promise((r) => setTimeout(r, 5_100));
    expect((await me(token)).status).toBe(401);
    expect((await login('namphu.education')).status).toBe(401);
  });

  it('still accepts a weaker hash of an earlier version, and replaces it at sign-in', async () => {
    await t.ds.query(`UPDATE users SET password_hash = $1 WHERE username = 'namphu.health'`, [await bcrypt.hash(DEMO_PASSWORD, 4)]);
    expect((await login('namphu.health')).status).toBe(200);
    const [{ password_hash }] = await t.ds.query(`SELECT password_hash FROM users WHERE username = 'namphu.health'`);
    expect(password_hash).toMatch(/^\$2b\$10\$/);
    expect((await login('namphu.health')).status).toBe(200);
  });

  it('validates the login, refresh and password bodies with field errors', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ username: 42, extra: true });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.details.fields).sort()).toEqual(['extra', 'password', 'username']);
    const malformed = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username":');
    expect(malformed.status).toBe(400);
    expect((await t.http.post('/api/v1/auth/refresh').send({})).status).toBe(400);
  });

  it('rate-limits repeated failures for one user at one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login('ngoclien.chair', 'guess' + i)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect((await login('ngoclien.chair')).status).toBe(429);
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
    expect(res.body.paths['/api/v1/auth/refresh']).toBeDefined();
  });
});
