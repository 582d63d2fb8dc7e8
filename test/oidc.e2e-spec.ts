/**
 * Sign-in through a real OpenID Connect provider (oidc-provider in a process of its own, on a
 * random port): the authorization-code flow with PKCE driven over HTTP, as a browser would.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Db } from '../src/database/db';
import { bootTestApp, TestApp } from './support/test-app';

const CLIENT_ID = 'baove-test';
const CLIENT_SECRET = 'a-test-client-secret-of-some-length-0123456789';
const REDIRECT_URI = 'http://127.0.0.1:3999/api/v1/auth/oidc/callback';

describe('sign-in with the province identity provider (e2e)', () => {
  let provider: ChildProcess;
  let issuer: string;
  let t: TestApp;

  beforeAll(async () => {
    provider = spawn(process.execPath, [join(__dirname, 'support/oidc-provider.mjs')], {
      env: { ...process.env, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI }, stdio: ['ignore', 'pipe', 'ignore'],
    });
    issuer = String((await once(provider.stdout!, 'data'))[0]).trim();
    t = await bootTestApp({ env: {
      OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_REDIRECT_URI: REDIRECT_URI,
      OIDC_CLAIM: 'preferred_username', OIDC_CONSOLE_URL: '/',
    } });
  });
  afterAll(async () => {
    await t?.close();
    provider?.kill();
  });

  /** Follows the provider's redirects as a browser would (cookies kept), signing in `account`; returns the callback's query. */
  async function signInAt(account: string): Promise<string> {
    const start = await t.http.get('/api/v1/auth/oidc/start');
    expect(start.status).toBe(302);
    let location: string = start.headers.location;
    expect(location.startsWith(`${issuer}/auth?`)).toBe(true);
    const url = new URL(location);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toEqual(expect.any(String));
    expect(url.searchParams.get('nonce')).toEqual(expect.any(String));
    const cookies = new Map<string, string>();
    for (let hop = 0; hop < 10; hop++) {
      if (location.startsWith(REDIRECT_URI)) return new URL(location).search;
      const target = new URL(location, issuer);
      if (target.pathname.startsWith('/interaction/')) target.searchParams.set('account', account);
      const res = await fetch(target, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair.indexOf('=');
        cookies.set(pair.slice(0, i), pair.slice(i + 1));
      }
      location = res.headers.get('location') ?? '';
      expect([res.status, location !== '']).toEqual([expect.any(Number), true]);
    }
    throw new Error('too many redirects');
  }

  it('offers the method, signs a mapped user in with a one-time code, and the session works', async () => {
    expect((await t.http.get('/api/v1/auth/methods')).body).toEqual({ password: true, oidc: true });
    const query = await signInAt('vanson.social_worker');
    const callback = await t.http.get(`/api/v1/auth/oidc/callback${query}`);
    expect(callback.status).toBe(302);
    const back = new URL(callback.headers.location, 'http://console');
    expect(back.pathname).toBe('/');
    const code = back.searchParams.get('oidcCode')!;
    expect([...back.searchParams.keys()]).toEqual(['oidcCode']);
    const session = await t.http.post('/api/v1/auth/oidc/exchange').send({ code });
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), user: { username: 'vanson.social_worker' } });
    const me = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${session.body.accessToken}`);
    expect(me.body).toMatchObject({ username: 'vanson.social_worker' });
    expect((await t.http.get('/api/v1/cases').set('Authorization', `Bearer ${session.body.accessToken}`)).status).toBe(200);
    // The code works once; the state too.
    expect((await t.http.post('/api/v1/auth/oidc/exchange').send({ code })).status).toBe(401);
    expect((await t.http.get(`/api/v1/auth/oidc/callback${query}`)).status).toBe(401);
    const [audit] = await t.app.get(Db).query<{ method: string }>(
      `SELECT details->>'method' AS method FROM audit_log WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1`);
    expect(audit.method).toBe('oidc');
  });

  it('refuses an identity that maps to no user, and audits it', async () => {
    const query = await signInAt('nobody.in.baove');
    const callback = await t.http.get(`/api/v1/auth/oidc/callback${query}`);
    expect(callback.status).toBe(401);
    expect(callback.body.message).toContain('not linked to any user');
    const [audit] = await t.app.get(Db).query<{ reason: string; subject: string }>(
      `SELECT details->>'reason' AS reason, details->>'subject' AS subject FROM audit_log WHERE action = 'auth.login_failed' ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ reason: 'unknown_subject', subject: 'nobody.in.baove' });
  });

  it('refuses a callback with a forged state', async () => {
    expect((await t.http.get('/api/v1/auth/oidc/callback?code=abc&state=forged')).status).toBe(401);
  });
});
