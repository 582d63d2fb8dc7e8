/**
 * Every read on the record: the OpenAPI document's GET routes walked, one call each, and each call
 * leaves its audit entry — served (`read`, or the service's own entry with the view given) or refused
 * (`read.refused`: 403, 404) — with who, what (route, parameters, search terms), when, from where
 * (address, user agent) and why it was allowed (the caller's scope rule). Only public routes and
 * those marked @NoPersonalData write nothing, and that list is pinned here.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { previewApiDocument } from '../src/api-types/api-types';
import { intake, userId } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

/** Routes with no caller to record (no bearer token asked: health, metrics, the sign-in methods and OIDC's redirects). */
const PUBLIC = ['/health', '/api/v1/health', '/metrics', '/api/v1/metrics', '/api/v1/auth/methods', '/api/v1/auth/oidc/start', '/api/v1/auth/oidc/callback'];
/** Routes that serve no personal data (@NoPersonalData, with the reason in the controller). */
const NO_PERSONAL_DATA = [
  '/api/v1/auth/me', '/api/v1/workflows', '/api/v1/workflows/{name}/{version}', '/api/v1/holidays', '/api/v1/directory/communes',
  '/api/v1/administrative-units/provinces', '/api/v1/administrative-units/communes',
  '/api/v1/audit/verify', '/api/v1/audit/verify/full/{id}', '/api/v1/audit/checkpoints',
];

/** Who calls each route (default: the Vân Sơn supervisor); a caller without the route's role still leaves `read.refused`. */
const CALLER: Array<[RegExp, string]> = [
  [/^\/api\/v1\/(users|agencies|system-clients)/, 'national.admin'],
  [/^\/api\/v1\/handoffs\/inbox/, 'vanson.police'],
  [/^\/api\/v1\/notifications/, 'vanson.social_worker'],
];

interface Param { name: string; in: string; required?: boolean; schema?: { enum?: string[]; format?: string; type?: string } }

describe('every read on the record (e2e)', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    [t, doc] = await Promise.all([bootTestApp(), previewApiDocument()]);
    const c = await intake(t, 'vanson.hotline_operator');
    ids.cases = c.id;
    const [agency] = await t.ds.query(`SELECT id FROM agencies WHERE type = 'commune_police' AND commune_code = 'van-son'`);
    const h = await t.http.post(`/api/v1/cases/${c.id}/handoffs`).set('Authorization', await t.login('vanson.social_worker'))
      .send({ kind: 'police_protection', agencyId: agency.id, instructions: 'Bảo vệ', urgency: 'normal' });
    ids.handoffs = h.body.id ?? h.body.handoff?.id ?? randomUUID();
    ids.users = await userId(t, 'vanson.social_worker');
    ids.agencies = agency.id;
    const [child] = await t.ds.query(`SELECT child_id FROM cases WHERE id = $1`, [c.id]);
    ids.children = child.child_id;
  });
  afterAll(() => t.close());

  const fill = (path: string, params: Param[]): { url: string; query: Record<string, string> } => {
    const collection = /^\/api\/v1\/([a-z-]+)\//.exec(path)?.[1] ?? '';
    let url = path.replace('{id}', ids[collection] ?? randomUUID());
    const query: Record<string, string> = {};
    for (const p of params) {
      const value = p.schema?.enum?.[0] ?? (p.name === 'version' ? '1' : p.name === 'name' ? 'abuse-intervention'
        : p.name === 'caseId' ? ids.cases : p.name === 'period' ? '2026' : p.name === 'token' ? 'A'.repeat(22) : p.name === 'reason' ? 'Công văn của Tòa án'
          : p.name === 'from' ? (path.endsWith('/trends') ? '2026-01' : '2026-01-01') : p.name === 'to' ? (path.endsWith('/trends') ? '2026-12' : '2026-12-31')
          : p.schema?.format === 'uuid' ? randomUUID() : 'x');
      if (p.in === 'path') url = url.replace(`{${p.name}}`, value);
      else if (p.in === 'query' && p.required) query[p.name] = value;
    }
    return { url, query };
  };

  it('writes an audit entry for every GET route, with who, what, when, from where and why', async () => {
    const gets = Object.entries(doc.paths).filter(([, ops]) => ops.get);
    expect(gets.filter(([, ops]) => !ops.get!.security).map(([path]) => path).sort()).toEqual([...PUBLIC].sort());
    const routes = gets.map(([path, ops]) => ({ path, params: (ops.get!.parameters ?? []) as Param[] }));
    expect(routes.length).toBeGreaterThan(40);
    const silent: string[] = [];
    const unexpected: string[] = [];
    for (const { path, params } of routes) {
      if (PUBLIC.includes(path)) continue;
      const user = CALLER.find(([re]) => re.test(path))?.[1] ?? 'vanson.supervisor';
      const { url, query } = fill(path, params);
      const auth = await t.login(user);
      const [{ mark }] = await t.ds.query(`SELECT COALESCE(max(id), 0)::bigint AS mark FROM audit_log`);
      const since = new Date();
      const res = await t.http.get(url).query(query).set('Authorization', auth).set('User-Agent', 'read-audit-walk/1.0');
      if (![200, 403, 404].includes(res.status)) {
        unexpected.push(`${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        continue;
      }
      const rows: Array<{ action: string; details: Record<string, unknown>; access: { ip: string; userAgent: string; basis: { rule: string } } | null; occurred_at: Date }> =
        await t.ds.query(`SELECT l.action, l.details, l.access, l.occurred_at FROM audit_log l JOIN users u ON u.id = l.actor_id
          WHERE l.id > $1 AND u.username = $2 ORDER BY l.id`, [mark, user]);
      if (NO_PERSONAL_DATA.includes(path)) {
        expect([path, rows.map((r) => r.action)]).toEqual([path, []]);
        continue;
      }
      if (rows.length === 0) {
        silent.push(`${path} (${res.status})`);
        continue;
      }
      const row = rows[rows.length - 1];
      if (res.status !== 200) expect([path, row.action, row.details.status]).toEqual([path, 'read.refused', res.status]);
      // From where and why, on every entry the call wrote.
      for (const r of rows) {
        expect([path, r.access]).toEqual([path, expect.objectContaining({ ip: expect.stringMatching(/127\.0\.0\.1|::1/), userAgent: 'read-audit-walk/1.0', basis: expect.objectContaining({ rule: expect.any(String) }) })]);
        expect(r.occurred_at.getTime()).toBeGreaterThanOrEqual(since.getTime() - 1000);
      }
    }
    expect(unexpected).toEqual([]);
    expect(silent).toEqual([]);
  }, 300_000);

  it('records list and search terms, the partners’ inbox, statistics exports and refusals on another commune’s case', async () => {
    const sup = await t.login('vanson.supervisor');
    const at = async (action: string, username: string) => (await t.ds.query(
      `SELECT l.action, l.case_id, l.details, l.access FROM audit_log l JOIN users u ON u.id = l.actor_id
        WHERE u.username = $1 AND l.action = $2 ORDER BY l.id DESC LIMIT 1`, [username, action]))[0];

    expect((await t.http.get('/api/v1/cases').query({ state: 'received', pageSize: 5 }).set('Authorization', sup)).status).toBe(200);
    expect(await at('read', 'vanson.supervisor')).toMatchObject({
      details: { route: 'GET /api/v1/cases', status: 200, query: { state: 'received', pageSize: '5' }, returned: expect.any(Number) },
      access: { basis: { rule: 'commune_jurisdiction', communeCode: 'van-son', role: 'supervisor' } },
    });
    expect((await t.http.get('/api/v1/cases').query({ q: 'Nguyễn Thị Lan' }).set('Authorization', sup)).status).toBe(200);
    expect((await at('read', 'vanson.supervisor')).details.query).toEqual({ q: 'Nguyễn Thị Lan' });

    expect((await t.http.get('/api/v1/handoffs/inbox').set('Authorization', await t.login('vanson.police'))).status).toBe(200);
    expect(await at('read', 'vanson.police')).toMatchObject({ details: { route: 'GET /api/v1/handoffs/inbox' }, access: { basis: { rule: 'agency_handoffs_in_sight' } } });

    const csv = await t.http.get('/api/v1/statistics').query({ period: '2026' }).set('Accept', 'text/csv').set('Authorization', sup);
    expect(csv.status).toBe(200);
    expect(await at('read', 'vanson.supervisor')).toMatchObject({ details: { route: 'GET /api/v1/statistics', format: 'csv', query: { period: '2026' } } });
    expect((await t.http.get('/api/v1/oversight/overdue').set('Authorization', sup)).status).toBe(200);
    expect((await at('read', 'vanson.supervisor')).details.route).toBe('GET /api/v1/oversight/overdue');

    // Another commune's case: 404, and the attempt is on the record with the case it aimed at.
    const other = await t.login('ngoclien.social_worker');
    expect((await t.http.get(`/api/v1/cases/${ids.cases}`).set('Authorization', other)).status).toBe(404);
    expect(await at('read.refused', 'ngoclien.social_worker')).toMatchObject({
      case_id: ids.cases, details: { route: 'GET /api/v1/cases/:id', status: 404, params: { id: ids.cases } },
      access: { basis: { rule: 'commune_jurisdiction', communeCode: 'ngoc-lien' } },
    });
    expect((await t.http.get(`/api/v1/cases/${ids.cases}/documents`).set('Authorization', await t.login('vanson.police'))).status).toBe(403);
    expect(await at('read.refused', 'vanson.police')).toMatchObject({ case_id: ids.cases, details: { status: 403 } });
  });

  it('puts the origin and the scope rule on writes too, the engine’s case transitions included', async () => {
    const c = await intake(t, 'vanson.social_worker');
    const res = await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', await t.login('vanson.social_worker'))
      .set('User-Agent', 'console/2.0').send({ type: 'ADD_NOTE', data: { text: 'ghi chú' }, expectedVersion: c.version });
    expect(res.status).toBe(200);
    const rows = await t.ds.query(`SELECT action, access FROM audit_log WHERE case_id = $1 AND action IN ('case.intake', 'case.ADD_NOTE') ORDER BY id`, [c.id]);
    expect(rows).toEqual([
      { action: 'case.intake', access: expect.objectContaining({ ip: expect.any(String), basis: expect.objectContaining({ rule: 'commune_jurisdiction' }) }) },
      { action: 'case.ADD_NOTE', access: { ip: expect.any(String), userAgent: 'console/2.0', basis: expect.objectContaining({ rule: 'commune_jurisdiction', communeCode: 'van-son' }) } },
    ]);
  });
});
