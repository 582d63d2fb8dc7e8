import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';

export function intakeBody(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'hotline_111',
    externalRef: `111-${randomUUID()}`,
    receivedAt: new Date().toISOString(),
    communeCode: 'van-son',
    reporter: { anonymous: false, name: 'Trần Văn Báo', phone: '0912345678', relationToChild: 'hàng xóm' },
    child: { fullName: 'Nguyễn Thị Lan', sex: 'female', dateOfBirth: '2015-04-01', address: 'Thôn Đông, xã Vân Sơn' },
    incident: { types: ['physical_violence'], description: 'Trẻ bị đánh nhiều lần', location: 'tại nhà' },
    immediateDanger: false,
    ...overrides,
  };
}

export async function intake(t: TestApp, as: string, overrides: Record<string, unknown> = {}) {
  const res = await t.http.post('/api/v1/intake').set('Authorization', await t.login(as)).send(intakeBody(overrides));
  if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.case as { id: string; code: string; version: number; state: string; [k: string]: unknown };
}

/**
 * GET and POST under /api/v1 as a user, for a suite whose app is booted later (`app` is read at
 * each call); `post` fails the test unless the request succeeded and answers the body.
 */
export function apiAs(app: () => TestApp) {
  return {
    get: async (as: string, path: string, query: Record<string, unknown> = {}) => {
      const t = app();
      return t.http.get(`/api/v1${path}`).query(query).set('Authorization', await t.login(as));
    },
    post: async (as: string, path: string, body: object = {}) => {
      const t = app();
      const res = await t.http.post(`/api/v1${path}`).set('Authorization', await t.login(as)).send(body);
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
}

export async function userId(t: TestApp, username: string): Promise<string> {
  const [{ id }] = await t.ds.query(`SELECT id FROM users WHERE username = $1`, [username]);
  return id;
}

/** Sends a case event at the case's current version; returns the response. */
export async function send(t: TestApp, as: string, caseId: string, type: string, data: Record<string, unknown> = {}) {
  const auth = await t.login(as);
  const [row] = await t.ds.query(`SELECT version FROM cases WHERE id = $1`, [caseId]);
  const version = row?.version ?? 1;
  return t.http.post(`/api/v1/cases/${caseId}/events`).set('Authorization', auth).send({ type, data, expectedVersion: version });
}

/** Like `send` but fails the test unless the event applied. */
export async function apply(t: TestApp, as: string, caseId: string, type: string, data: Record<string, unknown> = {}) {
  const res = await send(t, as, caseId, type, data);
  if (res.status !== 200) throw new Error(`${type} as ${as}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.case;
}

/**
 * What the emergency measures of `abuse-intervention` v2 carry to the police and the health
 * station (the instructions, where the child is now, the social worker's contact).
 */
export const EMERGENCY = {
  instructions: 'Bảo vệ trẻ tại nơi tạm lánh, đưa trẻ đi khám ngay',
  childLocation: 'Nhà bà ngoại, thôn Đông, xã Vân Sơn',
  workerName: 'Nguyễn Thị Hoa',
  workerPhone: '0912 345 678',
};
