/**
 * Access rules beyond "may call the endpoint": which role may send which case event, what each
 * role sees of a case (field projections), how a hotline operator's view ends when the commune
 * takes the report up, and separation of duties on closure.
 */
import { ROLES, Role } from '../src/identity/roles';
import { apply, intake, intakeBody, send, userId, EMERGENCY } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

/** Who may send each client event (the specification; the policy must agree). */
const MAY_SEND: Record<string, Role[]> = {
  ASSIGN: ['social_worker', 'supervisor', 'chair'],
  START_VERIFICATION: ['social_worker', 'supervisor'],
  RECORD_INITIAL_ASSESSMENT: ['social_worker', 'supervisor'],
  APPLY_EMERGENCY_MEASURES: ['social_worker', 'supervisor', 'chair'],
  RECORD_ASSESSMENT: ['social_worker', 'supervisor'],
  SUBMIT_PLAN: ['social_worker', 'supervisor'],
  APPROVE_PLAN: ['chair'],
  REJECT_PLAN: ['chair'],
  RECORD_REVIEW: ['social_worker', 'supervisor'],
  PROPOSE_CLOSURE: ['social_worker', 'supervisor'],
  APPROVE_CLOSURE: ['chair', 'supervisor'],
  REJECT_CLOSURE: ['chair', 'supervisor'],
  CLOSE_UNFOUNDED: ['social_worker', 'supervisor'],
  MARK_DUPLICATE: ['social_worker', 'supervisor'],
  REOPEN: ['supervisor', 'chair'],
  REQUEST_SCHOOL_REINTEGRATION: ['social_worker', 'supervisor'],
  ADD_NOTE: ['social_worker', 'supervisor', 'chair'],
  'ADD_NOTE (supervision)': ['supervisor', 'chair'],
};

const FULL: Role[] = ['social_worker', 'supervisor', 'chair'];
const PARTNERS: Role[] = ['police', 'health', 'education', 'legal_aid', 'social_work_center'];

describe('access rules (e2e)', () => {
  let t: TestApp;
  let caseId: string;
  let otherCaseId: string;
  let workerId: string;
  let agencies: Record<string, string>;

  async function handoff(id: string, agencyType: string, kind: string): Promise<string> {
    const res = await t.http.post(`/api/v1/cases/${id}/handoffs`).set('Authorization', await t.login('vanson.social_worker'))
      .send({ kind, agencyId: agencies[agencyType], instructions: `Hướng dẫn riêng cho ${agencyType}`, urgency: 'normal' });
    expect(res.status).toBe(201);
    return res.body.handoff.id;
  }

  beforeAll(async () => {
    t = await bootTestApp();
    workerId = await userId(t, 'vanson.social_worker');
    const rows: Array<{ id: string; type: string }> = await t.ds.query(
      `SELECT id, type FROM agencies WHERE commune_code = 'van-son' OR (commune_code IS NULL AND province_code = 'thanh-hoa')`,
    );
    agencies = Object.fromEntries(rows.map((a) => [a.type, a.id]));
    caseId = (await intake(t, 'vanson.hotline_operator')).id;
    otherCaseId = (await intake(t, 'vanson.social_worker')).id;
    await handoff(caseId, 'commune_police', 'police_protection');
    await handoff(caseId, 'health_station', 'medical_care');
    await handoff(caseId, 'school', 'school_support');
    await handoff(caseId, 'legal_aid_center', 'legal_aid');
    await handoff(caseId, 'social_work_center', 'psychological_care');
    await apply(t, 'vanson.social_worker', caseId, 'ADD_NOTE', { text: 'Ghi chú nội bộ của cán bộ' });
  });
  afterAll(() => t.close());

  it('lets each role send exactly the case events the policy gives it (403 otherwise, 404 out of scope)', async () => {
    const data: Record<string, Record<string, unknown>> = {
      ASSIGN: { assigneeId: workerId },
      START_VERIFICATION: {},
      RECORD_INITIAL_ASSESSMENT: { riskLevel: 'low', substantiated: true, summary: 'Đánh giá' },
      APPLY_EMERGENCY_MEASURES: { measures: ['Cách ly'], ...EMERGENCY },
      RECORD_ASSESSMENT: { needs: ['Y tế'], summary: 'Đánh giá' },
      SUBMIT_PLAN: { goals: 'An toàn', actions: [] },
      APPROVE_PLAN: {},
      REJECT_PLAN: { reason: 'Chưa đủ' },
      RECORD_REVIEW: { summary: 'Ổn định', childSafe: true },
      PROPOSE_CLOSURE: { reason: 'An toàn' },
      APPROVE_CLOSURE: {},
      REJECT_CLOSURE: { reason: 'Chưa đủ' },
      CLOSE_UNFOUNDED: { reason: 'Không có căn cứ' },
      MARK_DUPLICATE: { ofCaseId: otherCaseId },
      REOPEN: { reason: 'Có tin mới' },
      REQUEST_SCHOOL_REINTEGRATION: {},
      ADD_NOTE: { text: 'Ghi chú' },
      'ADD_NOTE (supervision)': { text: 'Nhận xét giám sát', kind: 'supervision' },
    };
    const [before] = await t.ds.query(`SELECT version FROM cases WHERE id = $1`, [caseId]);
    const wrong: string[] = [];
    // Each commune has one user per role; the national admin is one user for the country.
    const COMMUNE_ROLES = ROLES.filter((r) => r !== 'national_admin');
    const users = [...COMMUNE_ROLES.map((r) => [`vanson.${r}`, r] as const), ['thanhhoa.supervisor', 'supervisor'] as const,
      ['national.admin', 'national_admin'] as const];
    const outOfScope = [...COMMUNE_ROLES.map((r) => [`ngoclien.${r}`, r] as const), ...COMMUNE_ROLES.map((r) => [`namphu.${r}`, r] as const)]
      .filter(([u, r]) => u.startsWith('namphu.') || !['legal_aid', 'social_work_center', 'auditor', 'admin'].includes(r));
    for (const [label, roles] of Object.entries(MAY_SEND)) {
      const type = label.split(' ')[0];
      // A stale version: a permitted caller reaches the version check (409) and nothing changes.
      const body = { type, data: data[label], expectedVersion: 999 };
      for (const [user, role] of users) {
        const res = await t.http.post(`/api/v1/cases/${caseId}/events`).set('Authorization', await t.login(user)).send(body);
        // Administrators manage people, not cases: no case is in their scope; nor is a report a village collaborator did not file.
        const expected = role === 'admin' || role === 'national_admin' || role === 'village_collaborator' ? 404 : roles.includes(role) ? 409 : 403;
        if (res.status !== expected) wrong.push(`${label} as ${user}: ${res.status}, expected ${expected} — ${res.body.message}`);
      }
      for (const [user] of outOfScope) {
        const res = await t.http.post(`/api/v1/cases/${caseId}/events`).set('Authorization', await t.login(user)).send(body);
        if (res.status !== 404) wrong.push(`${label} as ${user} (out of scope): ${res.status}, expected 404 — ${res.body.message}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await t.ds.query(`SELECT version FROM cases WHERE id = $1`, [caseId])).toEqual([before]);
  });

  it('shows the reporter only to the commune’s case staff, a need-to-know view to partners, the rest to auditors and the filer', async () => {
    // A village collaborator sees only the reports they filed (test/abuse-v2.e2e-spec.ts): not this one.
    expect((await t.http.get(`/api/v1/cases/${caseId}`).set('Authorization', await t.login('vanson.village_collaborator'))).status).toBe(404);
    for (const user of [...ROLES.filter((r) => r !== 'admin' && r !== 'national_admin' && r !== 'village_collaborator').map((r) => `vanson.${r}`), 'thanhhoa.supervisor']) {
      const role = user === 'thanhhoa.supervisor' ? 'supervisor' : (user.split('.')[1] as Role);
      const res = await t.http.get(`/api/v1/cases/${caseId}`).set('Authorization', await t.login(user));
      expect([user, res.status]).toEqual([user, 200]);
      const c = res.body;
      if (FULL.includes(role)) {
        expect([user, c.reporter]).toEqual([user, { anonymous: false, name: 'Trần Văn Báo', phone: '0912345678', address: null, relationToChild: 'hàng xóm' }]);
        expect(c.child.fullName).toBe('Nguyễn Thị Lan');
        expect(c.handoffs).toHaveLength(5);
      } else if (PARTNERS.includes(role)) {
        expect([user, c.reporter]).toEqual([user, undefined]);
        expect([user, c.child]).toEqual([user, { firstName: 'Lan', ageYears: expect.any(Number), sex: 'female' }]);
        expect([user, c.incident]).toEqual([user, { types: ['physical_violence'] }]);
        for (const hidden of ['channel', 'externalRef', 'assignee', 'outcome']) expect([user, hidden in c]).toEqual([user, false]);
        expect([user, c.handoffs.length]).toEqual([user, 1]); // their own agency's only
        expect(c.handoffs[0].instructions).toContain(c.handoffs[0].agency.type);
        expect(c.deadlines.every((d: { handoffId: string | null }) => d.handoffId === c.handoffs[0].id)).toBe(true);
      } else {
        // auditor and the hotline operator who filed it: everything but the reporter
        expect([user, c.reporter]).toEqual([user, undefined]);
        expect([user, c.child.fullName]).toEqual([user, 'Nguyễn Thị Lan']);
        expect([user, c.incident.description]).toEqual([user, 'Trẻ bị đánh nhiều lần']);
      }
    }
  });

  it('gives partners a timeline of their own handoff only, and no search by the child’s name', async () => {
    const police = await t.login('vanson.police');
    const timeline = await t.http.get(`/api/v1/cases/${caseId}/timeline`).set('Authorization', police);
    expect(timeline.status).toBe(200);
    const events = timeline.body.items.filter((i: { kind: string }) => i.kind === 'event');
    expect(events.map((e: { type: string }) => e.type)).toEqual(['HANDOFF_UPDATED']);
    expect(JSON.stringify(timeline.body)).not.toContain('Ghi chú nội bộ');
    const offered = timeline.body.items.filter((i: { kind: string }) => i.kind === 'handoff_offered');
    expect(offered.map((h: { agency: { id: string } }) => h.agency.id)).toEqual([agencies.commune_police]);

    const worker = await t.http.get(`/api/v1/cases/${caseId}/timeline`).set('Authorization', await t.login('vanson.social_worker'));
    expect(JSON.stringify(worker.body)).toContain('Ghi chú nội bộ');

    const byName = await t.http.get('/api/v1/cases').query({ q: 'Nguyễn Thị Lan' }).set('Authorization', police);
    expect(byName.body.total).toBe(0);
    const byCode = await t.http.get('/api/v1/cases').query({ q: 'VS-' }).set('Authorization', police);
    expect(byCode.body.items.map((i: { id: string }) => i.id)).toEqual([caseId]);
    expect(byCode.body.items[0].childName).toBeUndefined();
  });

  it('lets a hotline operator (or a partner) see what they filed only until the commune takes it up', async () => {
    const byHotline = await intake(t, 'vanson.hotline_operator');
    const byPolice = await intake(t, 'vanson.police');
    const other = await intake(t, 'vanson.social_worker');
    const visible = async (user: string, id: string) => {
      const auth = await t.login(user);
      const statuses = [
        (await t.http.get(`/api/v1/cases/${id}`).set('Authorization', auth)).status,
        (await t.http.get(`/api/v1/cases/${id}/timeline`).set('Authorization', auth)).status,
      ];
      const listed = (await t.http.get('/api/v1/cases').query({ pageSize: 200 }).set('Authorization', auth)).body.items
        .some((i: { id: string }) => i.id === id);
      return { statuses, listed };
    };
    expect(await visible('vanson.hotline_operator', byHotline.id)).toEqual({ statuses: [200, 200], listed: true });
    expect(await visible('namphu.hotline_operator', byHotline.id)).toEqual({ statuses: [404, 404], listed: false });
    expect(await visible('vanson.hotline_operator', other.id)).toEqual({ statuses: [404, 404], listed: false });
    expect(await visible('vanson.police', byPolice.id)).toEqual({ statuses: [200, 200], listed: true });

    await apply(t, 'vanson.supervisor', byHotline.id, 'ASSIGN', { assigneeId: workerId });
    await apply(t, 'vanson.supervisor', byPolice.id, 'ASSIGN', { assigneeId: workerId });
    expect(await visible('vanson.hotline_operator', byHotline.id)).toEqual({ statuses: [404, 404], listed: false });
    expect(await visible('vanson.police', byPolice.id)).toEqual({ statuses: [404, 404], listed: false });
    expect((await send(t, 'vanson.hotline_operator', byHotline.id, 'ADD_NOTE', { text: 'x' })).status).toBe(404);
  });

  it('never lets the proposer of a closure approve it (separation of duties)', async () => {
    const c = await intake(t, 'vanson.social_worker');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: workerId });
    await apply(t, 'vanson.supervisor', c.id, 'START_VERIFICATION');
    await apply(t, 'vanson.supervisor', c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'low', substantiated: false, summary: 'Không có căn cứ' });
    const proposed = await apply(t, 'vanson.supervisor', c.id, 'CLOSE_UNFOUNDED', { reason: 'Tin báo không đúng' });
    expect(proposed.state).toBe('awaiting_closure_approval');
    expect(proposed.allowedEvents).not.toContain('APPROVE_CLOSURE');

    const own = await send(t, 'vanson.supervisor', c.id, 'APPROVE_CLOSURE');
    expect(own.status).toBe(422);
    expect(own.body.details.allowed).not.toContain('APPROVE_CLOSURE');
    const ownReject = await send(t, 'vanson.supervisor', c.id, 'REJECT_CLOSURE', { reason: 'x' });
    expect(ownReject.status).toBe(422);

    const seenByOther = await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', await t.login('thanhhoa.supervisor'));
    expect(seenByOther.body.allowedEvents).toContain('APPROVE_CLOSURE');
    const approved = await apply(t, 'thanhhoa.supervisor', c.id, 'APPROVE_CLOSURE');
    expect(approved.state).toBe('closed');
    expect(approved.outcome).toBe('unfounded');
  });

  it('leaves a plan’s approval to the chair: its author (a worker or supervisor) cannot approve it', async () => {
    const c = await intake(t, 'vanson.social_worker');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: workerId });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'medium', substantiated: true, summary: 'Có căn cứ' });
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_ASSESSMENT', { needs: ['tâm lý'], summary: 'Cần hỗ trợ' });
    await apply(t, 'vanson.supervisor', c.id, 'SUBMIT_PLAN', { goals: 'An toàn', actions: [] });
    for (const user of ['vanson.supervisor', 'vanson.social_worker']) {
      expect([user, (await send(t, user, c.id, 'APPROVE_PLAN')).status]).toEqual([user, 403]);
    }
    expect((await apply(t, 'vanson.chair', c.id, 'APPROVE_PLAN')).state).toBe('intervening');
  });
});

describe('login hardening (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ env: { LOGIN_MAX_ATTEMPTS: '2', LOGIN_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  it('limits failed logins per IP address too: many users guessed from one address lock that address out', async () => {
    // The per-address allowance (LOGIN_IP_MAX_ATTEMPTS: 20 × LOGIN_MAX_ATTEMPTS) from one address, one guess per (unknown) user name.
    for (let i = 0; i < 40; i++) {
      const res = await t.http.post('/api/v1/auth/login').send({ username: `khong.co.${i}`, password: 'x' });
      expect([i, res.status]).toEqual([i, 401]);
    }
    const blocked = await t.http.post('/api/v1/auth/login').send({ username: 'vanson.social_worker', password: 'baove-demo-2026' });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({
      statusCode: 429, error: 'Too Many Requests', message: expect.stringContaining('Too many failed sign-ins'),
      details: { retryAfterSeconds: expect.any(Number) },
    });
  });
});
