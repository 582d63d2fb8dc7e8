import { generateSync } from 'otplib';
import { Db } from '../src/database/db';
import { DEMO_PASSWORD } from '../src/schema/seed';
import { bootTestApp, TestApp } from './support/test-app';

/** A code for the step after the last accepted one (a code is accepted once per 30 s step). */
const nextCode = (secret: string, after: number) => generateSync({ secret, epoch: Math.max(Math.floor(Date.now() / 1000), (after + 1) * 30) });

describe('two-step verification (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ env: { MFA_REQUIRED_ROLES: 'chair,auditor', LOGIN_MAX_ATTEMPTS: '50' } });
  });
  afterAll(() => t.close());

  const login = (username: string) => t.http.post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD });
  const bearer = (token: string) => `Bearer ${token}`;
  const lastStep = async (username: string) => Number((await t.app.get(Db).query<{ s: string }>(
    `SELECT last_time_step::text AS s FROM user_totp JOIN users u ON u.id = user_id WHERE u.username = $1`, [username]))[0].s);

  it('enrols, signs in with a code, refuses a wrong one, and lets a recovery code in once', async () => {
    const user = 'vanson.supervisor';
    const first = await login(user);
    expect(first.body).toMatchObject({ mfaEnrolmentRequired: false, accessToken: expect.any(String) });
    const token = bearer(first.body.accessToken);
    const setup = await t.http.post('/api/v1/auth/mfa/totp/setup').set('Authorization', token);
    expect(setup.status).toBe(200);
    const { secret, otpauthUri } = setup.body;
    expect(otpauthUri).toBe(`otpauth://totp/baove:${user}?secret=${secret}&issuer=baove`);
    const stored = await t.app.get(Db).query<{ secret_encrypted: string }>(`SELECT secret_encrypted FROM user_totp`);
    expect(stored[0].secret_encrypted).not.toContain(secret);

    expect((await t.http.post('/api/v1/auth/mfa/totp/confirm').set('Authorization', token).send({ code: '000000' })).status).toBe(400);
    const confirmed = await t.http.post('/api/v1/auth/mfa/totp/confirm').set('Authorization', token).send({ code: generateSync({ secret }) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', token)).body).toMatchObject({ mfaEnabled: true });
    // The seed is never shown again.
    expect((await t.http.post('/api/v1/auth/mfa/totp/setup').set('Authorization', token)).status).toBe(409);

    const challenged = await login(user);
    expect(challenged.status).toBe(200);
    expect(challenged.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String), expiresIn: 300 });
    const verify = (body: object) => t.http.post('/api/v1/auth/mfa/verify').send({ mfaToken: challenged.body.mfaToken, ...body });
    const wrong = await verify({ code: '123456' === generateSync({ secret }) ? '654321' : '123456' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toContain('Wrong verification code');
    const ok = await verify({ code: nextCode(secret, await lastStep(user)) });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), user: { username: user } });
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', bearer(ok.body.accessToken))).status).toBe(200);
    // The challenge is used up.
    expect((await verify({ code: nextCode(secret, await lastStep(user)) })).status).toBe(401);

    const recovery = confirmed.body.recoveryCodes[0];
    const again = await login(user);
    const byRecovery = await t.http.post('/api/v1/auth/mfa/verify').send({ mfaToken: again.body.mfaToken, recoveryCode: recovery.toUpperCase() });
    expect(byRecovery.status).toBe(200);
    const third = await login(user);
    expect((await t.http.post('/api/v1/auth/mfa/verify').send({ mfaToken: third.body.mfaToken, recoveryCode: recovery })).status).toBe(401);

    const audit = await t.app.get(Db).query<{ action: string; method: string | null }>(
      `SELECT action, details->>'method' AS method FROM audit_log a JOIN users u ON u.id = a.actor_id
        WHERE u.username = $1 AND action LIKE 'auth.%' ORDER BY a.id`, [user]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.mfa_setup', 'auth.mfa_enabled', 'auth.mfa_challenged', 'auth.mfa_failed']));
    expect(audit.filter((a) => a.action === 'auth.login').map((a) => a.method)).toEqual(['password', 'totp', 'recovery_code']);

    // Turned off with another recovery code (a code of a step already used is not accepted): the password alone signs in again.
    const off = await t.http.delete('/api/v1/auth/mfa/totp').set('Authorization', bearer(byRecovery.body.accessToken))
      .send({ recoveryCode: confirmed.body.recoveryCodes[1] });
    expect(off.status).toBe(200);
    expect((await login(user)).body.accessToken).toEqual(expect.any(String));
  });

  it('limits a required role without a second factor to enrolment until it has one', async () => {
    const res = await login('vanson.chair');
    expect(res.body).toMatchObject({ mfaEnrolmentRequired: true, accessToken: expect.any(String) });
    const token = bearer(res.body.accessToken);
    const cases = await t.http.get('/api/v1/cases').set('Authorization', token);
    expect(cases.status).toBe(403);
    expect(cases.body.details).toEqual({ mfaEnrolmentRequired: true });
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', token)).body).toMatchObject({ mfaEnrolmentRequired: true, mfaEnabled: false });
    const { secret } = (await t.http.post('/api/v1/auth/mfa/totp/setup').set('Authorization', token)).body;
    expect((await t.http.post('/api/v1/auth/mfa/totp/confirm').set('Authorization', token).send({ code: generateSync({ secret }) })).status).toBe(200);
    // The same session is a full one once enrolled.
    expect((await t.http.get('/api/v1/cases').set('Authorization', token)).status).toBe(200);
    // A role that does not require it is not limited.
    expect((await login('vanson.social_worker')).body.mfaEnrolmentRequired).toBe(false);
  });
});
