/**
 * Hardened defaults of the running service: security headers, no-store API answers, compressed
 * and immutably cached console files, /metrics behind METRICS_TOKEN, and production's refusal of
 * a superuser database role.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { WEB_DIST } from '../src/app';
import { loadConfig } from '../src/config/config';
import { productionRefusal } from '../src/database/bootstrap';
import { bootTestApp, TestApp } from './support/test-app';

const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789';

describe('hardened defaults (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ env: { METRICS_TOKEN } });
  });
  afterAll(() => t.close());

  it('sends security headers: strict CSP, no framing, nosniff, no referrer (no HSTS outside production)', async () => {
    const res = await t.http.get('/').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('marks API answers no-store (they carry personal data), errors included', async () => {
    const ok = await t.http.get('/api/v1/auth/me').set('Authorization', await t.login('vanson.social_worker'));
    expect(ok.headers['cache-control']).toBe('no-store');
    const refused = await t.http.get('/api/v1/cases');
    expect(refused.status).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('compresses the console’s script and caches its hashed files for a year', async () => {
    const script = readdirSync(join(WEB_DIST, 'assets')).find((f) => /^index-.*\.js$/.test(f))!;
    const res = await t.http.get(`/assets/${script}`).set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Brotli when the browser takes it: the copy the build compressed (web/dist/assets/*.br), the same script.
    const br = await t.http.get(`/assets/${script}`).set('Accept-Encoding', 'br, gzip');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(Number(br.headers['content-length'])).toBe(statSync(join(WEB_DIST, 'assets', `${script}.br`)).size);
    expect(br.text).toBe(readFileSync(join(WEB_DIST, 'assets', script), 'utf8')); // the client decompressed it
    const list = await t.http.get('/api/v1/directory/users').set('Authorization', await t.login('vanson.social_worker')).set('Accept-Encoding', 'gzip');
    expect(list.headers['content-encoding']).toBe('gzip');
    const login = await t.http.post('/api/v1/auth/login').set('Accept-Encoding', 'gzip')
      .send({ username: 'vanson.chair', password: 'baove-demo-2026' });
    expect(login.headers['content-encoding']).toBeUndefined(); // tokens: no compression oracle
  });

  it('serves /metrics only to the bearer of METRICS_TOKEN', async () => {
    expect((await t.http.get('/metrics')).status).toBe(401);
    expect((await t.http.get('/metrics').set('Authorization', 'Bearer wrong')).status).toBe(401);
    expect((await t.http.get('/metrics').set('Authorization', await t.login('vanson.admin'))).status).toBe(401);
    const ok = await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('# HELP');
  });

  it('refuses, in production only, to run as a PostgreSQL superuser', async () => {
    const production = loadConfig({ NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('base64'), ATTACHMENTS_MASTER_KEY: randomBytes(32).toString('base64'), AUDIT_HMAC_KEY: randomBytes(32).toString('base64') });
    expect(await productionRefusal(production, t.databaseUrl)).toContain('superuser');
    expect(await productionRefusal(t.config, t.databaseUrl)).toBeNull();
    // The service's own login (the application role, as the test app runs).
    expect(await productionRefusal(production, t.appDatabaseUrl)).toBeNull();
  });
});
