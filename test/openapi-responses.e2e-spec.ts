/**
 * The OpenAPI document (and so the console's generated types) describes what the API really
 * answers: real bodies of every endpoint the console reads, in each case projection, are checked
 * against the response schemas — every required field present, nothing undeclared, types, formats,
 * enums and nullability as declared.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'supertest';
import { previewApiDocument } from '../src/api-types/api-types';
import { apply, intake, intakeBody, userId, EMERGENCY } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
}

/** Where `value` departs from `schema`, as `path: problem` lines. */
function departures(doc: OpenAPIObject, schema: Schema, value: unknown, path: string): string[] {
  if (schema.$ref) return departures(doc, doc.components!.schemas![schema.$ref.split('/').pop()!] as Schema, value, path);
  if (schema.allOf) {
    if (value === null && schema.nullable) return [];
    return schema.allOf.flatMap((s) => departures(doc, s, value, path));
  }
  if (value === null) return schema.nullable ? [] : [`${path}: null, not declared nullable`];
  if (schema.oneOf) {
    const fits = schema.oneOf.filter((s) => departures(doc, s, value, path).length === 0).length;
    return fits === 1 ? [] : [`${path}: ${JSON.stringify(value)} fits ${fits} of the oneOf schemas, not exactly one`];
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`];
  const kind = Array.isArray(value) ? 'array' : typeof value;
  switch (schema.type) {
    case 'array':
      return kind === 'array' ? (value as unknown[]).flatMap((v, i) => departures(doc, schema.items!, v, `${path}[${i}]`)) : [`${path}: ${kind}, not an array`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path}: ${JSON.stringify(value)} is not an integer`];
    case 'number':
    case 'boolean':
      return kind === schema.type ? [] : [`${path}: ${kind}, not ${schema.type}`];
    case 'string':
      if (kind !== 'string') return [`${path}: ${kind}, not a string`];
      return schema.format === 'date-time' && Number.isNaN(Date.parse(value as string)) ? [`${path}: not a date-time`] : [];
    default: {
      if (kind !== 'object') return [`${path}: ${kind}, not an object`];
      const object = value as Record<string, unknown>;
      const declared = schema.properties ?? {};
      const problems = (schema.required ?? []).filter((k) => !(k in object)).map((k) => `${path}.${k}: required, absent`);
      for (const [k, v] of Object.entries(object)) {
        const property = declared[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
        if (property) problems.push(...departures(doc, property, v, `${path}.${k}`));
        else if (!schema.additionalProperties) problems.push(`${path}.${k}: not declared`);
      }
      return problems;
    }
  }
}

describe('responses match the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  beforeAll(async () => {
    [t, doc] = await Promise.all([bootTestApp(), previewApiDocument()]);
  });
  afterAll(() => t.close());

  const get = async (as: string, url: string) => t.http.get(url).set('Authorization', await t.login(as));
  function expectDocumented(res: Response, method: 'get' | 'post' | 'put' | 'patch' | 'delete', route: string): void {
    const declared = doc.paths[route]?.[method]?.responses[String(res.status)];
    expect(declared).toBeDefined();
    const schema = (declared as { content: Record<string, { schema: Schema }> }).content['application/json'].schema;
    expect({ route, status: res.status, departures: departures(doc, schema, res.body, 'body') }).toEqual({ route, status: res.status, departures: [] });
  }

  it('cases, handoffs and the inbox, in the full, restricted and need-to-know views', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true });
    const created = await t.http.post('/api/v1/intake').set('Authorization', await t.login('vanson.social_worker'))
      .send(intakeBody());
    expectDocumented(created, 'post', '/api/v1/intake');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    await apply(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Tạm thời cách ly trẻ'], ...EMERGENCY });

    for (const as of ['vanson.social_worker', 'vanson.auditor', 'vanson.police']) {
      expectDocumented(await get(as, `/api/v1/cases/${c.id}`), 'get', '/api/v1/cases/{id}');
      expectDocumented(await get(as, `/api/v1/cases/${c.id}/timeline`), 'get', '/api/v1/cases/{id}/timeline');
      expectDocumented(await get(as, '/api/v1/cases'), 'get', '/api/v1/cases');
      expectDocumented(await get(as, '/api/v1/cases?q=nguyen%20thi%20lan'), 'get', '/api/v1/cases');
    }
    // The registry's search: with q (score, matched) and without (score null).
    for (const url of ['/api/v1/children?q=nguyen%20thi%20lan', '/api/v1/children']) {
      const found = await get('vanson.social_worker', url);
      expect(found.body.items.length).toBeGreaterThan(0);
      expectDocumented(found, 'get', '/api/v1/children');
    }
    const inbox = await get('vanson.police', '/api/v1/handoffs/inbox');
    expectDocumented(inbox, 'get', '/api/v1/handoffs/inbox');
    const handoffId = inbox.body.items[0].id as string;
    expectDocumented(await get('vanson.police', `/api/v1/handoffs/${handoffId}`), 'get', '/api/v1/handoffs/{id}');
    const accepted = await t.http.post(`/api/v1/handoffs/${handoffId}/accept`).set('Authorization', await t.login('vanson.police'));
    expectDocumented(accepted, 'post', '/api/v1/handoffs/{id}/accept');

    const event = await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', await t.login('vanson.social_worker'))
      .send({ type: 'ADD_NOTE', data: { text: 'Đã gặp trẻ' }, expectedVersion: (await get('vanson.social_worker', `/api/v1/cases/${c.id}`)).body.version });
    expectDocumented(event, 'post', '/api/v1/cases/{id}/events');
    const handoff = await t.http.post(`/api/v1/cases/${c.id}/handoffs`).set('Authorization', await t.login('vanson.social_worker')).send({
      kind: 'school_support', agencyId: (await get('vanson.social_worker', '/api/v1/directory/agencies?communeCode=van-son')).body.items
        .find((a: { type: string }) => a.type === 'school').id, instructions: 'Theo dõi trẻ ở trường', urgency: 'normal',
    });
    expectDocumented(handoff, 'post', '/api/v1/cases/{id}/handoffs');
  });

  it('login, directory, notifications, oversight, workflows and audit', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ username: 'vanson.supervisor', password: 'baove-demo-2026' });
    expectDocumented(login, 'post', '/api/v1/auth/login');
    expectDocumented(await get('vanson.supervisor', '/api/v1/auth/me'), 'get', '/api/v1/auth/me');
    for (const list of ['communes', 'agencies', 'users']) {
      expectDocumented(await get('vanson.supervisor', `/api/v1/directory/${list}`), 'get', `/api/v1/directory/${list}`);
    }
    const c = await intake(t, 'vanson.hotline_operator');
    const notifications = await get('vanson.supervisor', '/api/v1/notifications');
    expectDocumented(notifications, 'get', '/api/v1/notifications');
    expect(notifications.body.items.length).toBeGreaterThan(0);
    const read = await t.http.post(`/api/v1/notifications/${notifications.body.items[0].id}/read`).set('Authorization', await t.login('vanson.supervisor'));
    expectDocumented(read, 'post', '/api/v1/notifications/{id}/read');

    await t.ds.query(`UPDATE deadlines SET due_at = now() - interval '1 hour', status = 'breached', breached_at = now() WHERE case_id = $1`, [c.id]);
    const overdue = await get('vanson.supervisor', '/api/v1/oversight/overdue');
    expect(overdue.body.items.length).toBeGreaterThan(0);
    expectDocumented(overdue, 'get', '/api/v1/oversight/overdue');
    const year = new Date().getUTCFullYear();
    expectDocumented(await get('vanson.supervisor', `/api/v1/oversight/sla?from=${year}-01-01&to=${year}-12-31`), 'get', '/api/v1/oversight/sla');
    expectDocumented(await get('vanson.supervisor', `/api/v1/statistics?period=${year}`), 'get', '/api/v1/statistics');

    expectDocumented(await get('vanson.supervisor', '/api/v1/workflows'), 'get', '/api/v1/workflows');
    for (const name of ['abuse-intervention', 'handoff']) {
      expectDocumented(await get('vanson.supervisor', `/api/v1/workflows/${name}/1`), 'get', '/api/v1/workflows/{name}/{version}');
    }
    expectDocumented(await get('vanson.auditor', '/api/v1/audit/verify'), 'get', '/api/v1/audit/verify');
    expectDocumented(await get('vanson.auditor', `/api/v1/audit?caseId=${c.id}`), 'get', '/api/v1/audit');
  });

  it('administration: users, agencies, administrative units and holiday changes', async () => {
    const admin = await t.login('vanson.admin');
    const national = await t.login('national.admin');
    const [{ id: agencyId }] = await t.ds.query(`SELECT id FROM agencies WHERE type = 'school' AND commune_code = 'van-son'`);
    const created = await t.http.post('/api/v1/users').set('Authorization', admin)
      .send({ username: 'vanson.teacher2', fullName: 'Giáo viên', role: 'education', agencyId });
    expectDocumented(created, 'post', '/api/v1/users');
    const id = created.body.user.id as string;
    expectDocumented(await get('vanson.admin', '/api/v1/users?communeCode=van-son'), 'get', '/api/v1/users');
    expectDocumented(await get('vanson.admin', `/api/v1/users/${id}`), 'get', '/api/v1/users/{id}');
    expectDocumented(await t.http.patch(`/api/v1/users/${id}`).set('Authorization', admin).send({ fullName: 'Cô giáo' }), 'patch', '/api/v1/users/{id}');
    expectDocumented(await t.http.post(`/api/v1/users/${id}/deactivate`).set('Authorization', admin).send({}), 'post', '/api/v1/users/{id}/deactivate');
    expectDocumented(await t.http.post(`/api/v1/users/${id}/reactivate`).set('Authorization', admin), 'post', '/api/v1/users/{id}/reactivate');
    expectDocumented(await t.http.post(`/api/v1/users/${id}/password-reset`).set('Authorization', admin), 'post', '/api/v1/users/{id}/password-reset');

    expectDocumented(await get('national.admin', '/api/v1/agencies'), 'get', '/api/v1/agencies');
    const agency = await t.http.post('/api/v1/agencies').set('Authorization', admin).send({ type: 'school', name: 'Trường Tiểu học Vân Sơn', communeCode: 'van-son' });
    expectDocumented(agency, 'post', '/api/v1/agencies');
    expectDocumented(await get('vanson.admin', `/api/v1/agencies/${agency.body.agency.id}`), 'get', '/api/v1/agencies/{id}');
    expectDocumented(await t.http.patch(`/api/v1/agencies/${agency.body.agency.id}`).set('Authorization', admin).send({ name: 'Trường TH Vân Sơn' }),
      'patch', '/api/v1/agencies/{id}');
    expectDocumented(await get('national.admin', '/api/v1/administrative-units/provinces'), 'get', '/api/v1/administrative-units/provinces');
    expectDocumented(await get('national.admin', '/api/v1/administrative-units/communes'), 'get', '/api/v1/administrative-units/communes');
    const csv = 'province_code,province_name,commune_code,commune_name\nthanh-hoa,Tỉnh Thanh Hóa,van-son,Xã Vân Sơn\nthanh-hoa,Tỉnh Thanh Hóa,,x\n';
    expectDocumented(await t.http.post('/api/v1/administrative-units/imports').set('Authorization', national).attach('file', Buffer.from(csv), 'u.csv'),
      'post', '/api/v1/administrative-units/imports');

    await intake(t, 'vanson.social_worker');
    expectDocumented(await get('vanson.social_worker', '/api/v1/holidays'), 'get', '/api/v1/holidays');
    const day = '2031-06-10';
    expectDocumented(await t.http.post(`/api/v1/holidays/${day}/preview`).set('Authorization', national).send({ change: 'set' }),
      'post', '/api/v1/holidays/{day}/preview');
    expectDocumented(await t.http.put(`/api/v1/holidays/${day}`).set('Authorization', national).send({ nameVi: 'Nghỉ', nameEn: 'Off' }),
      'put', '/api/v1/holidays/{day}');
    expectDocumented(await t.http.delete(`/api/v1/holidays/${day}`).set('Authorization', national), 'delete', '/api/v1/holidays/{day}');
  });

  it('attachments: upload, the case’s and the handoff’s lists (full and need-to-know views)', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    const after = await apply(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Tạm thời cách ly trẻ'], ...EMERGENCY });
    const police = after.handoffs.find((h: { kind: string }) => h.kind === 'police_protection').id as string;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    const onCase = await t.http.post(`/api/v1/cases/${c.id}/attachments`).set('Authorization', await t.login('vanson.social_worker'))
      .field('category', 'medical_certificate').attach('file', pdf, 'giay.pdf');
    expectDocumented(onCase, 'post', '/api/v1/cases/{id}/attachments');
    const onHandoff = await t.http.post(`/api/v1/handoffs/${police}/attachments`).set('Authorization', await t.login('vanson.police'))
      .field('category', 'police_record').field('description', 'Biên bản').attach('file', pdf, 'bien-ban.pdf');
    expectDocumented(onHandoff, 'post', '/api/v1/handoffs/{id}/attachments');
    for (const as of ['vanson.social_worker', 'vanson.police']) {
      const list = await get(as, `/api/v1/cases/${c.id}/attachments`);
      expect(list.body.items.length).toBeGreaterThan(0);
      expectDocumented(list, 'get', '/api/v1/cases/{id}/attachments');
      expectDocumented(await get(as, `/api/v1/handoffs/${police}/attachments`), 'get', '/api/v1/handoffs/{id}/attachments');
    }
  });
});
