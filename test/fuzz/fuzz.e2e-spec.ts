/**
 * Fuzzing every endpoint with generated malformed and hostile requests, as authenticated users
 * whose role may call it (so requests get past the guard into validation and the services).
 * Invariants: no 5xx, every error in the API's shape, and a rejected request (4xx) writes no row
 * (test-only triggers count every row written to every table after each request; the audit log may
 * only gain failed-login records and refused reads, which are on the record by design). Deterministic: FUZZ_SEED fixes the run, FUZZ_REQUESTS the number
 * of hostile requests (`npm run test:fuzz`: 10,000; `npm test`: 1,500); valid requests are mixed in
 * so that the dataset moves through its states.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../../src/schema/seed';
import { COMMUNE_DEMO_ROLES, NATIONAL_ADMIN_USERNAME } from '../../src/schema/seed';
import { apply, intake, intakeBody, EMERGENCY } from '../support/fixtures';
import { bootTestApp, TestApp } from '../support/test-app';
import { hostile, hostileText, malformedBody, mutateBody, Rng, serialize } from './generator';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_111);

type Query = Record<string, string>;
type Json = Record<string, unknown>;

interface Ctx {
  caseIds: string[];
  /** The registry children of the cases. */
  childIds: string[];
  agencies: Record<string, string>;
  notificationIds: string[];
  /** Users administrators may edit, deactivate and reset without disturbing the fuzzing users. */
  adminTargets: string[];
  /** A system client the national admin may edit, rotate and revoke. */
  clientId: string;
  hotlineAgency: string;
}

interface Target {
  /** `METHOD /path` as in the OpenAPI document. */
  route: string;
  /** Relative share of the requests. */
  weight: number;
  /** Users whose role may call it (the first is used most). */
  users: string[];
  /** The path's parameters, valid; each may be replaced by a hostile one. */
  params?: () => Promise<Record<string, string>> | Record<string, string>;
  query?: () => Query;
  body?: () => Promise<Json> | Json;
  headers?: () => Record<string, string>;
  /** Chooses the user for a valid request when it depends on the path (the agency holding a handoff). */
  userFor?: (params: Record<string, string>) => Promise<string | undefined>;
}

const AGENCY_USER: Record<string, string> = {
  commune_police: 'vanson.police', health_station: 'vanson.health', school: 'vanson.education',
  legal_aid_center: 'vanson.legal_aid', social_work_center: 'vanson.social_work_center', child_affairs_office: 'vanson.social_worker',
};

const ALL_USERS = [...COMMUNE_DEMO_ROLES.map((r) => `vanson.${r}`), 'thanhhoa.supervisor', 'namphu.social_worker', 'ngoclien.supervisor', NATIONAL_ADMIN_USERNAME];
const ADMINS = ['vanson.admin', NATIONAL_ADMIN_USERNAME];
const CASE_STAFF = ['vanson.social_worker', 'vanson.supervisor', 'vanson.chair'];

describe('fuzzing every endpoint (e2e)', () => {
  let t: TestApp;
  let ctx: Ctx;
  const rng = new Rng(SEED);

  const version = async (id: string) => Number((await t.ds.query(`SELECT version FROM cases WHERE id = $1`, [id]))[0]?.version ?? 1);
  const someHandoff = async () => {
    const rows: Array<{ id: string; type: string }> = await t.ds.query(
      `SELECT h.id, a.type FROM handoffs h JOIN agencies a ON a.id = h.agency_id WHERE h.case_id = ANY($1) ORDER BY h.created_at`, [ctx.caseIds],
    );
    return rows.length ? rng.pick(rows) : { id: rng.uuid(), type: 'commune_police' };
  };
  const someTransfer = async () => {
    const rows: Array<{ id: string }> = await t.ds.query(
      `SELECT id FROM handoffs WHERE workflow = 'commune-transfer' AND case_id = ANY($1) ORDER BY created_at`, [ctx.caseIds],
    );
    return rows.length ? rng.pick(rows).id : rng.uuid();
  };
  const someUrgentReport = async () => {
    const rows: Array<{ id: string }> = await t.ds.query(`SELECT id FROM handoffs WHERE workflow = 'urgent-report' ORDER BY created_at`);
    return rows.length ? rng.pick(rows).id : rng.uuid();
  };
  const someSeparation = async () => {
    const rows: Array<{ id: string }> = await t.ds.query(
      `SELECT id FROM handoffs WHERE workflow = 'temporary-separation' AND case_id = ANY($1) ORDER BY created_at`, [ctx.caseIds],
    );
    return rows.length ? rng.pick(rows).id : rng.uuid();
  };
  const someSupport = async () => {
    const rows: Array<{ id: string }> = await t.ds.query(`SELECT id FROM child_supports ORDER BY registered_at`);
    return rows.length ? rng.pick(rows).id : rng.uuid();
  };
  const today = () => new Date().toISOString().slice(0, 10);
  /** A social worker of the commune a transfer is addressed to (the one who may decide it). */
  const transferUser = async (p: Record<string, string>) => {
    const [row] = await t.ds.query(
      `SELECT u.username FROM handoffs h JOIN users u ON u.agency_id = h.agency_id AND u.role = 'social_worker' WHERE h.id::text = $1 LIMIT 1`, [p.id]);
    return row?.username as string | undefined;
  };
  const userIdOf = async (username: string) => (await t.ds.query(`SELECT id FROM users WHERE username = $1`, [username]))[0].id as string;
  const handoffUser = async (p: Record<string, string>) => {
    const [row] = await t.ds.query(`SELECT a.type FROM handoffs h JOIN agencies a ON a.id = h.agency_id WHERE h.id::text = $1`, [p.id]);
    return row ? AGENCY_USER[row.type] : undefined;
  };
  const day = () => `20${rng.pick(['30', '31', '26', '27'])}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;

  const EVENTS: Array<() => Json> = [
    () => ({ type: 'ADD_NOTE', data: { text: 'Ghi chú', ...(rng.chance(0.3) ? { kind: 'supervision' } : {}) } }),
    () => ({ type: 'ASSIGN', data: { assigneeId: rng.pick(['vanson.social_worker', 'vanson.supervisor']) } }),
    () => ({ type: 'START_VERIFICATION', data: {} }),
    () => ({ type: 'RECORD_INITIAL_ASSESSMENT', data: { riskLevel: rng.pick(['low', 'medium', 'high', 'immediate_danger']), substantiated: rng.chance(0.7), summary: 'Đánh giá' } }),
    () => ({ type: 'APPLY_EMERGENCY_MEASURES', data: { measures: ['Tạm lánh'], ...EMERGENCY } }),
    () => ({ type: 'RECORD_ASSESSMENT', data: { needs: ['y tế'], summary: 'Nhu cầu' } }),
    () => ({ type: 'SUBMIT_PLAN', data: { goals: 'An toàn', actions: [{ kind: 'medical_care', agencyType: 'health_station', dueInDays: 5, instructions: 'Khám' }] } }),
    () => ({ type: 'APPROVE_PLAN' }),
    () => ({ type: 'REJECT_PLAN', data: { reason: 'Chưa đủ' } }),
    () => ({ type: 'RECORD_REVIEW', data: { summary: 'Ổn', childSafe: true } }),
    () => ({ type: 'PROPOSE_CLOSURE', data: { reason: 'An toàn' } }),
    () => ({ type: 'APPROVE_CLOSURE' }),
    () => ({ type: 'REJECT_CLOSURE', data: { reason: 'Chưa' } }),
    () => ({ type: 'CLOSE_UNFOUNDED', data: { reason: 'Không có căn cứ' } }),
    () => ({ type: 'MARK_DUPLICATE', data: { ofCaseId: rng.pick(ctx.caseIds) } }),
    () => ({ type: 'REOPEN', data: { reason: 'Tin mới' } }),
    () => ({ type: 'REQUEST_SCHOOL_REINTEGRATION', data: rng.chance(0.5) ? { instructions: 'Lớp 4A', expectedOn: day() } : {} }),
  ];

  /** Sometimes an Idempotency-Key, valid or not (the offline queue's commands take one). */
  const idempotencyKey = (): Record<string, string> =>
    (rng.chance(0.3) ? { 'Idempotency-Key': rng.pick([randomUUID(), 'k', 'x'.repeat(201), ' ', 'ÿÿ', 'a b', '"quoted"']) } : {});
  const TARGETS: Target[] = [
    { route: 'POST /api/v1/auth/login', weight: 0.4, users: [''],
      body: () => ({ username: rng.pick(ALL_USERS), password: DEMO_PASSWORD }) },
    { route: 'GET /api/v1/auth/me', weight: 0.5, users: ALL_USERS },
    // Sessions are not ended or changed by the fuzzer (its users keep theirs): unknown refresh
    // tokens, sign-out without a session, and password changes with a wrong current password.
    { route: 'POST /api/v1/auth/refresh', weight: 0.3, users: [''], body: () => ({ refreshToken: rng.uuid() }) },
    { route: 'POST /api/v1/auth/logout', weight: 0.2, users: [''] },
    // Two-step verification and single sign-on, without a code anyone could know (OIDC is not configured here: 404).
    { route: 'POST /api/v1/auth/mfa/verify', weight: 0.3, users: [''], body: () => ({ mfaToken: rng.uuid(), code: '123456' }) },
    { route: 'POST /api/v1/auth/mfa/totp/setup', weight: 0.2, users: ['vanson.legal_aid'] },
    { route: 'POST /api/v1/auth/mfa/totp/confirm', weight: 0.2, users: ['vanson.legal_aid'], body: () => ({ code: '000000' }) },
    { route: 'DELETE /api/v1/auth/mfa/totp', weight: 0.2, users: ['vanson.legal_aid'], body: () => ({ code: '000000' }) },
    { route: 'GET /api/v1/auth/methods', weight: 0.2, users: [''] },
    { route: 'GET /api/v1/auth/oidc/start', weight: 0.25, users: [''] },
    { route: 'GET /api/v1/auth/oidc/callback', weight: 0.25, users: [''], query: () => ({ code: rng.uuid(), state: rng.uuid() }) },
    { route: 'POST /api/v1/auth/oidc/exchange', weight: 0.25, users: [''], body: () => ({ code: rng.uuid() }) },
    // System clients: unknown credentials at the token endpoint; the national admin manages one client.
    { route: 'POST /api/v1/auth/token', weight: 0.3, users: [''],
      body: () => ({ grant_type: 'client_credentials', client_id: rng.uuid(), client_secret: 'sai' }) },
    { route: 'GET /api/v1/system-clients', weight: 0.3, users: [NATIONAL_ADMIN_USERNAME] },
    { route: 'POST /api/v1/system-clients', weight: 0.3, users: [NATIONAL_ADMIN_USERNAME],
      body: () => ({ name: `Hệ thống thử ${rng.uuid().slice(0, 8)}`, agencyId: ctx.hotlineAgency, scopes: ['intake:write'], rateLimitPerMinute: 60 }) },
    { route: 'GET /api/v1/system-clients/{id}', weight: 0.3, users: [NATIONAL_ADMIN_USERNAME], params: () => ({ id: ctx.clientId }) },
    { route: 'PATCH /api/v1/system-clients/{id}', weight: 0.3, users: [NATIONAL_ADMIN_USERNAME], params: () => ({ id: ctx.clientId }),
      body: () => ({ rateLimitPerMinute: 30 + rng.int(100) }) },
    { route: 'POST /api/v1/system-clients/{id}/rotate', weight: 0.2, users: [NATIONAL_ADMIN_USERNAME], params: () => ({ id: ctx.clientId }),
      body: () => ({ overlapSeconds: 0 }) },
    { route: 'POST /api/v1/system-clients/{id}/revoke', weight: 0.2, users: [NATIONAL_ADMIN_USERNAME], params: () => ({ id: ctx.clientId }),
      body: () => ({ reason: 'Thử nghiệm' }) },
    { route: 'POST /api/v1/auth/password', weight: 0.3, users: ALL_USERS,
      body: () => ({ currentPassword: `sai-${rng.uuid()}`, newPassword: 'Đồng lúa chín vàng bên dòng sông Mã' }) },
    { route: 'GET /health', weight: 0.2, users: [''] },
    { route: 'GET /api/v1/health', weight: 0.2, users: [''] },
    { route: 'GET /metrics', weight: 0.2, users: [''] },
    { route: 'GET /api/v1/metrics', weight: 0.2, users: [''] },
    { route: 'POST /api/v1/intake', weight: 4, users: ['vanson.hotline_operator', 'vanson.social_worker', 'vanson.police', 'thanhhoa.supervisor'],
      body: () => intakeBody({
        externalRef: rng.chance(0.9) ? `fuzz-${rng.uuid()}` : 'fuzz-fixed', immediateDanger: rng.chance(0.3),
        // Accidents and injuries, and a death or serious injury (an urgent report opens at intake).
        ...(rng.chance(0.2) ? { incident: { types: rng.pick([[], ['neglect']]), injuryTypes: rng.pick([['drowning'], ['traffic_accident', 'fall']]),
          outcome: rng.pick(['death', 'serious_injury', 'none']), description: 'Trẻ bị tai nạn' } } : {}),
      }) },
    { route: 'POST /api/v1/children/matches', weight: 1.5, users: ['vanson.social_worker', 'vanson.hotline_operator', 'thanhhoa.supervisor'],
      body: () => ({ communeCode: 'van-son', child: { fullName: rng.pick(['Nguyễn Thị Lan', 'nguyen thi lan', 'Lan Nguyễn Thị']), sex: 'female',
        ...(rng.chance(0.5) ? { dateOfBirth: '2015-04-01' } : { approxAgeYears: 10 }), village: 'Thôn Đông', mother: { fullName: 'Trần Thị Mai', phone: '0912345678' } } }) },
    { route: 'GET /api/v1/children', weight: 1.5, users: ['vanson.social_worker', 'thanhhoa.supervisor', 'vanson.police', 'vanson.hotline_operator'],
      query: () => ({ q: rng.pick(['huong giang', 'Nguyễn Thị Lan', 'lan nguyen', '0912 345 678', '038314001234', 'thon dong', 'xuyen']),
        ...(rng.chance(0.3) ? { village: 'Thôn Đông' } : {}), ...(rng.chance(0.3) ? { birthYear: '2015' } : {}), page: String(1 + rng.int(3)) }) },
    { route: 'GET /api/v1/children/{id}/export', weight: 0.5, users: ['vanson.supervisor', 'vanson.chair'],
      params: () => ({ id: rng.pick(ctx.childIds) }), query: () => ({ reason: rng.pick(['Công văn của Tòa án huyện', 'Yêu cầu của Thanh tra tỉnh']) }) },
    { route: 'GET /api/v1/children/{id}', weight: 1, users: ['vanson.social_worker', 'vanson.supervisor', 'vanson.auditor'],
      params: () => ({ id: rng.pick(ctx.childIds) }) },
    { route: 'PATCH /api/v1/children/{id}', weight: 1.5, users: ['vanson.social_worker', 'vanson.supervisor'],
      params: () => ({ id: rng.pick(ctx.childIds) }),
      body: async () => {
        const id = rng.pick(ctx.childIds);
        const [row] = await t.ds.query(`SELECT version FROM children WHERE id = $1`, [id]);
        return { expectedVersion: row?.version ?? 1, school: 'Trường THCS Vân Sơn', ethnicity: rng.pick(['Kinh', 'Mường', 'Thái']),
          household: { poverty: rng.pick(['poor', 'near_poor', 'none']), members: 1 + rng.int(9) }, residenceCommuneCode: 'van-son' };
      } },
    { route: 'POST /api/v1/children/{id}/corrections', weight: 1, users: ['vanson.social_worker', 'vanson.supervisor', 'ngoclien.social_worker'],
      params: () => ({ id: rng.pick(ctx.childIds) }),
      body: () => ({ field: rng.pick(['school', 'village', 'dateOfBirth', 'fullName']), value: rng.pick(['Trường THCS Vân Sơn', 'Thôn Đông', '2015-04-01', null]),
        reason: 'Theo yêu cầu của cha mẹ', requestedBy: { kind: rng.pick(['child', 'parent', 'official']), ...(rng.chance(0.5) ? { name: 'Trần Thị Mai' } : {}) } }) },
    { route: 'GET /api/v1/children/{id}/corrections', weight: 0.5, users: ['vanson.social_worker', 'vanson.supervisor'],
      params: () => ({ id: rng.pick(ctx.childIds) }) },
    { route: 'PUT /api/v1/children/{id}/restriction', weight: 0.5, users: ['vanson.supervisor', 'vanson.chair', 'thanhhoa.supervisor'],
      params: () => ({ id: rng.pick(ctx.childIds) }),
      body: () => ({ reason: 'Cha mẹ yêu cầu hạn chế', basis: 'NĐ 13/2023/NĐ-CP Điều 9 khoản 7', requestedBy: { kind: rng.pick(['child', 'parent', 'guardian']) } }) },
    { route: 'DELETE /api/v1/children/{id}/restriction', weight: 0.5, users: ['vanson.supervisor', 'vanson.chair'],
      params: () => ({ id: rng.pick(ctx.childIds) }), body: () => ({ reason: 'Hết căn cứ hạn chế' }) },
    { route: 'POST /api/v1/children/{id}/consents', weight: 1, users: ['vanson.social_worker', 'vanson.supervisor'],
      params: () => ({ id: rng.pick(ctx.childIds) }),
      body: () => ({ purpose: rng.pick(['alternative_care', 'information_sharing', 'media', 'counselling', 'other']), purposeText: 'Đưa tin trên loa xã',
        givenBy: rng.pick(['child', 'parent', 'guardian']), name: 'Trần Thị Mai', givenAt: new Date().toISOString(), method: rng.pick(['written', 'oral_recorded']) }) },
    { route: 'GET /api/v1/children/{id}/consents', weight: 0.5, users: ['vanson.social_worker', 'vanson.chair'],
      params: () => ({ id: rng.pick(ctx.childIds) }) },
    { route: 'POST /api/v1/consents/{id}/withdraw', weight: 0.5, users: ['vanson.social_worker', 'vanson.supervisor'],
      params: async () => ({ id: (await t.ds.query(`SELECT id FROM child_consents ORDER BY random() LIMIT 1`))[0]?.id ?? rng.uuid() }),
      body: () => ({ reason: 'Gia đình rút lại' }) },
    { route: 'POST /api/v1/children/merges', weight: 1, users: ['vanson.supervisor', 'thanhhoa.supervisor'],
      body: () => ({ sourceId: rng.pick(ctx.childIds), targetId: rng.pick(ctx.childIds), reason: 'Cùng một trẻ' }) },
    { route: 'POST /api/v1/children/merges/{id}/undo', weight: 1, users: ['vanson.supervisor'],
      params: async () => ({ id: (await t.ds.query(`SELECT id FROM child_merges ORDER BY random() LIMIT 1`))[0]?.id ?? rng.uuid() }) },
    { route: 'PUT /api/v1/cases/{id}/child', weight: 1, users: ['vanson.social_worker', 'vanson.supervisor', 'vanson.hotline_operator'],
      params: () => ({ id: rng.pick(ctx.caseIds) }), body: () => ({ childId: rng.pick(ctx.childIds) }) },
    { route: 'PUT /api/v1/cases/{id}/legal-hold', weight: 0.5, users: ['vanson.supervisor', 'vanson.chair', 'thanhhoa.supervisor'],
      params: () => ({ id: rng.pick(ctx.caseIds) }), body: () => ({ reason: rng.pick(['Vụ án đang điều tra', 'Thanh tra yêu cầu giữ hồ sơ']) }) },
    { route: 'DELETE /api/v1/cases/{id}/legal-hold', weight: 0.5, users: ['vanson.supervisor', 'vanson.chair'],
      params: () => ({ id: rng.pick(ctx.caseIds) }) },
    { route: 'GET /api/v1/cases', weight: 2, users: [...CASE_STAFF, 'vanson.police', 'vanson.auditor'],
      query: () => ({ state: 'received', overdue: rng.pick(['true', 'false']), assignee: rng.pick(['me', 'none']), communeCode: 'van-son', q: 'VS', page: '1', pageSize: '20',
        risk: rng.pick(['low', 'high']), abuseType: 'physical_violence', ageGroup: rng.pick(['under_16', '16_17']), village: 'Thôn Đông',
        receivedFrom: '2026-01-01', receivedTo: day(), flagged: rng.pick(['true', 'false']), flag: rng.pick(['needs_review', 'stalled']) }) },
    { route: 'GET /api/v1/cases/{id}', weight: 2, users: [...CASE_STAFF, 'vanson.police', 'vanson.hotline_operator'],
      params: () => ({ id: rng.pick(ctx.caseIds) }) },
    { route: 'POST /api/v1/cases/{id}/events', weight: 6, users: CASE_STAFF,
      params: () => ({ id: rng.pick(ctx.caseIds) }),
      body: async () => {
        const e = rng.pick(EVENTS)();
        const data = e.data as Json | undefined;
        if (data && typeof data.assigneeId === 'string') {
          data.assigneeId = (await t.ds.query(`SELECT id FROM users WHERE username = $1`, [data.assigneeId]))[0].id;
        }
        return { ...e, expectedVersion: rng.chance(0.8) ? await version(rng.pick(ctx.caseIds)) : 1 };
      },
      headers: idempotencyKey },
    { route: 'GET /api/v1/cases/{id}/timeline', weight: 1.5, users: [...CASE_STAFF, 'vanson.health'], params: () => ({ id: rng.pick(ctx.caseIds) }) },
    { route: 'POST /api/v1/cases/{id}/handoffs', weight: 3, users: ['vanson.social_worker', 'vanson.supervisor'],
      params: () => ({ id: rng.pick(ctx.caseIds) }),
      body: () => ({
        kind: rng.pick(['police_protection', 'medical_care', 'school_support', 'legal_aid']),
        agencyId: ctx.agencies[rng.pick(Object.keys(AGENCY_USER))], instructions: 'Phối hợp', urgency: rng.pick(['urgent', 'normal']),
        ...(rng.chance(0.3) ? { dueAt: new Date(Date.now() + 86_400_000 * (1 + rng.int(30))).toISOString() } : {}),
      }), headers: idempotencyKey },
    { route: 'GET /api/v1/handoffs/inbox', weight: 1, users: ['vanson.police', 'vanson.health', 'vanson.social_worker'],
      query: () => ({ status: rng.pick(['open', 'offered', 'completed']), page: '1', pageSize: '50' }) },
    { route: 'GET /api/v1/handoffs/{id}', weight: 1, users: ['vanson.social_worker', 'vanson.police'], params: async () => ({ id: (await someHandoff()).id }) },
    ...(['accept', 'decline', 'start', 'complete'] as const).map((action): Target => ({
      route: `POST /api/v1/handoffs/{id}/${action}`, weight: 2, users: ['vanson.police', 'vanson.health'],
      params: async () => ({ id: (await someHandoff()).id }), userFor: handoffUser,
      body: action === 'decline' ? () => ({ reason: 'Không đủ người' }) : action === 'complete' ? () => ({ outcome: 'Đã xong' }) : undefined,
      headers: idempotencyKey,
    })),
    { route: 'POST /api/v1/handoffs/{id}/record_procedure_status', weight: 1, users: ['vanson.police', 'vanson.health', 'vanson.social_worker'],
      params: async () => ({ id: (await someHandoff()).id }), userFor: handoffUser,
      body: () => ({
        status: rng.pick(['report_received', 'prosecution_opened', 'prosecution_refused', 'case_transferred', 'investigation_suspended']), on: day(),
        ...(rng.chance(0.5) ? { reference: '05/QĐ-KTVA' } : {}), ...(rng.chance(0.3) ? { note: 'Ghi chú' } : {}),
      }), headers: idempotencyKey },
    { route: 'POST /api/v1/handoffs/{id}/cancel', weight: 2, users: ['vanson.social_worker', 'vanson.supervisor'],
      params: async () => ({ id: (await someHandoff()).id }), body: () => ({ reason: 'Đổi cơ quan' }), headers: idempotencyKey },
    { route: 'POST /api/v1/cases/{id}/transfers', weight: 1.5, users: ['vanson.social_worker', 'vanson.supervisor'],
      params: () => ({ id: rng.pick(ctx.caseIds) }),
      body: () => ({
        kind: rng.pick(['transfer', 'handover']), toCommuneCode: rng.pick(['nam-phu', 'ngoc-lien']), reason: 'Trẻ chuyển nơi ở',
        ...(rng.chance(0.5) ? { residence: { village: 'Thôn 2', address: 'Số 3' } } : {}),
      }) },
    { route: 'GET /api/v1/transfers', weight: 1, users: ['vanson.social_worker', 'namphu.social_worker', 'ngoclien.supervisor', 'thanhhoa.supervisor'],
      query: () => ({ direction: rng.pick(['incoming', 'outgoing']), status: rng.pick(['open', 'all', 'requested', 'accepted']), page: '1', pageSize: '20' }) },
    { route: 'GET /api/v1/transfers/{id}', weight: 1, users: ['vanson.social_worker', 'namphu.social_worker'], params: async () => ({ id: await someTransfer() }) },
    { route: 'POST /api/v1/transfers/{id}/accept', weight: 1, users: ['namphu.social_worker', 'ngoclien.social_worker', 'ngoclien.supervisor'],
      params: async () => ({ id: await someTransfer() }), userFor: transferUser,
      body: async () => ({ assigneeId: await userIdOf(rng.pick(['namphu.social_worker', 'ngoclien.social_worker'])) }) },
    { route: 'POST /api/v1/transfers/{id}/decline', weight: 1, users: ['namphu.social_worker', 'ngoclien.social_worker', 'ngoclien.supervisor'],
      params: async () => ({ id: await someTransfer() }), userFor: transferUser, body: () => ({ reason: 'Không đúng địa bàn' }) },
    { route: 'POST /api/v1/transfers/{id}/cancel', weight: 1, users: ['vanson.social_worker', 'vanson.supervisor'],
      params: async () => ({ id: await someTransfer() }), body: () => ({ reason: 'Gia đình ở lại' }) },
    { route: 'POST /api/v1/cases/{id}/separations', weight: 1.5, users: ['vanson.social_worker', 'vanson.supervisor'],
      params: () => ({ id: rng.pick(ctx.caseIds) }),
      body: () => ({
        separatedFrom: rng.pick(['father', 'mother', 'parents', 'carer', 'uncle']), reason: 'Trẻ không an toàn', plannedDays: rng.pick([1, 7, 15, 16, 0]),
        placement: { kind: rng.pick(['relative', 'non_relative', 'facility']), carerName: 'Trần Thị Cúc', address: 'Thôn Tây', ...(rng.chance(0.5) ? { relation: 'bà' } : {}) },
        ...(rng.chance(0.7) ? { consent: { given: rng.chance(0.8), method: rng.pick(['in_person', 'written', 'nod']) } } : {}),
      }), headers: idempotencyKey },
    // The special-circumstances register.
    { route: 'POST /api/v1/children/{id}/supports', weight: 1, users: ['vanson.social_worker', 'vanson.supervisor', 'vanson.chair', 'vanson.police'],
      params: () => ({ id: rng.pick(ctx.childIds) }),
      body: () => ({ groups: rng.pick([['orphan'], ['disability', 'hiv_aids'], [], ['rich'], ['orphan', 'orphan']]), ...(rng.chance(0.5) ? { note: 'Sống với bà' } : {}) }) },
    { route: 'GET /api/v1/supports', weight: 0.5, users: [...CASE_STAFF, 'thanhhoa.supervisor', 'vanson.police'],
      query: () => ({ status: rng.pick(['open', 'all', 'registered', 'supported', 'bogus']), page: rng.pick(['1', '2', '0']) }) },
    { route: 'GET /api/v1/supports/summary', weight: 0.5, users: [...CASE_STAFF, 'thanhhoa.supervisor', 'vanson.auditor', 'vanson.police'],
      query: (): Query => (rng.chance(0.5) ? { provinceCode: rng.pick(['thanh-hoa', 'ha-noi', 'x']) } : { communeCode: rng.pick(['van-son', 'nam-phu']) }) },
    { route: 'GET /api/v1/supports/{id}', weight: 0.5, users: [...CASE_STAFF, 'vanson.police'], params: async () => ({ id: await someSupport() }) },
    { route: 'POST /api/v1/supports/{id}/events', weight: 2, users: ['vanson.social_worker', 'vanson.supervisor', 'vanson.chair'],
      params: async () => ({ id: await someSupport() }),
      body: () => rng.pick([
        () => ({ type: 'ASSESS', data: { needs: 'Cần trợ cấp', assessedOn: rng.pick([today(), '2099-01-01', '2026-02-30']) } }),
        () => ({ type: 'PLAN', data: { goals: 'Đi học', services: rng.pick([[], [{ kind: rng.pick(['health', 'cash']), detail: 'BHYT', grantedOn: today() }]]) } }),
        () => ({ type: 'GRANT_SERVICE', data: { kind: 'education', detail: 'Miễn học phí', grantedOn: today() } }),
        () => ({ type: 'END_SERVICE', data: { service: rng.pick([1, 2, 0, -1]), endedOn: today(), reason: 'Hết' } }),
        () => ({ type: 'REVIEW', data: { reviewedOn: today(), findings: 'Ổn định' } }),
        () => ({ type: 'EXIT', data: { reason: rng.pick(['turned_16', 'bored']), exitedOn: today() } }),
      ])() },
    { route: 'GET /api/v1/cases/{id}/separations', weight: 1, users: [...CASE_STAFF, 'vanson.police'], params: () => ({ id: rng.pick(ctx.caseIds) }) },
    { route: 'GET /api/v1/separations', weight: 1, users: [...CASE_STAFF, 'vanson.police', 'thanhhoa.supervisor'],
      query: () => ({ status: rng.pick(['proposed', 'in_effect', 'all', 'bogus']), page: rng.pick(['1', '2', '0']), pageSize: rng.pick(['20', '201']) }) },
    { route: 'GET /api/v1/separations/{id}', weight: 1, users: [...CASE_STAFF, 'vanson.police'], params: async () => ({ id: await someSeparation() }) },
    { route: 'POST /api/v1/separations/{id}/events', weight: 2, users: ['vanson.chair', 'vanson.social_worker', 'vanson.supervisor'],
      params: async () => ({ id: await someSeparation() }),
      body: () => rng.pick([
        () => ({ type: 'DECIDE_SEPARATION', data: rng.chance(0.2) ? { signerTitle: 'vice_chair' } : {} }),
        () => ({ type: 'REJECT_SEPARATION', data: { reason: 'Chưa đủ căn cứ' } }),
        () => ({ type: 'RECORD_VISIT', data: { visitedOn: rng.pick(['2026-02-30', '2099-01-01', new Date().toISOString().slice(0, 10)]), observations: 'ổn', childCondition: 'khỏe', carerCare: 'tốt' } }),
        () => ({ type: 'EXTEND_SEPARATION', data: { authority: 'TAND', documentRef: '1/QĐ', newEndOn: rng.pick(['2020-01-01', '2099-01-01', 'x']) } }),
        () => ({ type: 'REVOKE_SEPARATION', data: { reason: 'An toàn' } }),
        () => ({ type: rng.pick(['CANCEL_SEPARATION', 'NOPE', '']), data: { reason: 'x' }, expectedVersion: rng.int(5) }),
      ])(), headers: idempotencyKey },
    { route: 'GET /api/v1/directory/communes', weight: 0.5, users: ALL_USERS },
    { route: 'GET /api/v1/directory/agencies', weight: 0.7, users: ALL_USERS, query: () => ({ communeCode: 'van-son' }) },
    { route: 'GET /api/v1/directory/users', weight: 0.7, users: ALL_USERS, query: () => ({ communeCode: 'van-son', role: 'social_worker' }) },
    { route: 'GET /api/v1/workflows', weight: 0.3, users: ALL_USERS },
    { route: 'GET /api/v1/workflows/{name}/{version}', weight: 0.7, users: ALL_USERS,
      params: () => ({ name: rng.pick(['abuse-intervention', 'handoff']), version: '1' }) },
    { route: 'GET /api/v1/holidays', weight: 0.7, users: ALL_USERS, query: () => ({ year: String(2020 + rng.int(12)) }) },
    { route: 'PUT /api/v1/holidays/{day}', weight: 1.5, users: [NATIONAL_ADMIN_USERNAME], params: () => ({ day: day() }),
      body: () => ({ nameVi: 'Ngày nghỉ', nameEn: 'Holiday' }) },
    { route: 'DELETE /api/v1/holidays/{day}', weight: 1, users: [NATIONAL_ADMIN_USERNAME], params: () => ({ day: day() }) },
    { route: 'POST /api/v1/holidays/{day}/preview', weight: 1, users: [NATIONAL_ADMIN_USERNAME], params: () => ({ day: day() }),
      body: () => ({ change: rng.pick(['set', 'remove']) }) },
    { route: 'GET /api/v1/users', weight: 1, users: ADMINS,
      query: () => ({ q: 'van', role: 'social_worker', communeCode: 'van-son', active: 'true', page: '1', pageSize: '20' }) },
    { route: 'POST /api/v1/users', weight: 1, users: ADMINS,
      body: () => ({ username: `fuzz.${rng.uuid().slice(0, 8)}`, fullName: 'Người dùng thử', role: 'education', agencyId: ctx.agencies.school }) },
    { route: 'GET /api/v1/users/{id}', weight: 0.7, users: ADMINS, params: () => ({ id: rng.pick(ctx.adminTargets) }) },
    { route: 'PATCH /api/v1/users/{id}', weight: 1, users: ADMINS, params: () => ({ id: rng.pick(ctx.adminTargets) }),
      body: () => ({ fullName: `Tên mới ${rng.int(1000)}` }) },
    { route: 'POST /api/v1/users/{id}/deactivate', weight: 0.7, users: ADMINS, params: () => ({ id: rng.pick(ctx.adminTargets) }),
      body: () => ({ reason: 'Nghỉ việc' }) },
    { route: 'POST /api/v1/users/{id}/reactivate', weight: 0.7, users: ADMINS, params: () => ({ id: rng.pick(ctx.adminTargets) }) },
    { route: 'POST /api/v1/users/{id}/password-reset', weight: 0.5, users: ADMINS, params: () => ({ id: rng.pick(ctx.adminTargets) }) },
    { route: 'GET /api/v1/agencies', weight: 0.7, users: ADMINS, query: () => ({ type: 'school', communeCode: 'van-son', page: '1' }) },
    { route: 'POST /api/v1/agencies', weight: 0.7, users: ADMINS,
      body: () => ({ type: 'school', name: `Trường thử ${rng.uuid().slice(0, 8)}`, communeCode: 'van-son' }) },
    { route: 'GET /api/v1/agencies/{id}', weight: 0.5, users: ADMINS, params: () => ({ id: ctx.agencies.school }) },
    { route: 'PATCH /api/v1/agencies/{id}', weight: 0.5, users: ADMINS, params: () => ({ id: ctx.agencies.school }),
      body: () => ({ name: `Trường THCS ${rng.int(1000)}` }) },
    { route: 'GET /api/v1/administrative-units/provinces', weight: 0.3, users: ADMINS },
    { route: 'GET /api/v1/administrative-units/communes', weight: 0.5, users: ADMINS, query: () => ({ provinceCode: 'thanh-hoa', q: 'v', page: '1' }) },
    { route: 'POST /api/v1/administrative-units/imports', weight: 0.5, users: [NATIONAL_ADMIN_USERNAME] },
    { route: 'GET /api/v1/notifications', weight: 0.7, users: ALL_USERS, query: () => ({ unread: rng.pick(['true', 'false']), page: '1', pageSize: '20' }) },
    { route: 'POST /api/v1/notifications/{id}/read', weight: 1, users: ['vanson.social_worker'], params: () => ({ id: rng.pick(ctx.notificationIds) }) },
    // Issue 18: the caller's own settings, contacts, push subscriptions; acknowledgements; the delivery log; providers' reports.
    { route: 'GET /api/v1/me/notification-settings', weight: 0.4, users: ALL_USERS },
    { route: 'PUT /api/v1/me/notification-settings', weight: 0.5, users: ALL_USERS,
      body: () => ({ language: rng.pick(['vi', 'en']), quietHours: rng.pick([null, { start: '21:00', end: '06:30' }]),
        channels: { assignment: ['push', 'email'], approval: ['email'], deadline: ['sms', 'push'], update: [], digest: ['email'] } }) },
    { route: 'POST /api/v1/me/contacts/email', weight: 0.3, users: ALL_USERS, body: () => ({ value: 'can.bo@xa.gov.vn' }) },
    { route: 'POST /api/v1/me/contacts/email/verify', weight: 0.3, users: ALL_USERS, body: () => ({ code: '123456' }) },
    { route: 'DELETE /api/v1/me/contacts/email', weight: 0.2, users: ALL_USERS },
    { route: 'POST /api/v1/me/contacts/phone', weight: 0.3, users: ALL_USERS, body: () => ({ value: '0912345678' }) },
    { route: 'POST /api/v1/me/contacts/phone/verify', weight: 0.3, users: ALL_USERS, body: () => ({ code: '123456' }) },
    { route: 'DELETE /api/v1/me/contacts/phone', weight: 0.2, users: ALL_USERS },
    { route: 'POST /api/v1/me/push-subscriptions', weight: 0.3, users: ALL_USERS,
      body: () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/abc', expirationTime: null,
        keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' } }) },
    { route: 'DELETE /api/v1/me/push-subscriptions/{id}', weight: 0.2, users: ALL_USERS, params: () => ({ id: rng.uuid() }) },
    { route: 'GET /api/v1/notifications/vapid-public-key', weight: 0.2, users: ALL_USERS },
    { route: 'GET /api/v1/notifications/deliveries', weight: 0.3, users: ADMINS,
      query: () => ({ status: rng.pick(['failed', 'sent', 'queued']), channel: rng.pick(['sms', 'email', 'push', 'zalo']), page: '1', pageSize: '20' }) },
    { route: 'GET /api/v1/notifications/settings/{userId}', weight: 0.3, users: ADMINS, params: () => ({ userId: rng.pick(ctx.adminTargets) }) },
    { route: 'GET /api/v1/notifications/ack/{token}', weight: 0.3, users: CASE_STAFF, params: () => ({ token: 'AAAAAAAAAAAAAAAAAAAAAA' }) },
    { route: 'POST /api/v1/notifications/ack/{token}', weight: 0.3, users: CASE_STAFF, params: () => ({ token: 'AAAAAAAAAAAAAAAAAAAAAA' }) },
    { route: 'POST /api/v1/notifications/delivery-reports/{channel}', weight: 0.3, users: [''], params: () => ({ channel: rng.pick(['sms', 'zalo']) }),
      headers: () => ({ 'x-callback-token': 'not-the-token-0123456789' }), body: () => ({ dedupeKey: rng.uuid(), status: 'delivered' }) },
    { route: 'GET /api/v1/audit/verify', weight: 0.2, users: ['vanson.auditor', 'vanson.supervisor', 'vanson.admin'] },
    { route: 'GET /api/v1/audit/checkpoints', weight: 0.3, users: ['vanson.auditor', 'vanson.supervisor', 'vanson.admin'],
      query: () => ({ afterSeq: String(rng.int(100)), limit: String(1 + rng.int(50)) }) },
    { route: 'POST /api/v1/audit/verify/full', weight: 0.2, users: ['vanson.auditor', 'vanson.supervisor', 'vanson.admin'] },
    { route: 'GET /api/v1/audit/verify/full/{id}', weight: 0.3, users: ['vanson.auditor', 'vanson.supervisor', 'vanson.admin'], params: () => ({ id: rng.uuid() }) },
    { route: 'GET /api/v1/audit', weight: 1, users: ['vanson.auditor', 'vanson.supervisor'],
      query: () => ({ caseId: rng.pick(ctx.caseIds), page: '1', pageSize: '20' }) },
    { route: 'GET /api/v1/casework/caseload', weight: 1, users: ['vanson.supervisor', 'vanson.chair', 'vanson.auditor', 'thanhhoa.supervisor'],
      query: () => ({ communeCode: 'van-son' }) },
    { route: 'GET /api/v1/casework/agenda', weight: 1, users: ['vanson.supervisor', 'vanson.social_worker', 'vanson.chair', 'thanhhoa.supervisor'],
      query: () => ({ scope: rng.pick(['mine', 'commune']), communeCode: 'van-son' }) },
    { route: 'POST /api/v1/casework/reassign', weight: 1.5, users: ['vanson.supervisor', 'thanhhoa.supervisor'],
      body: async () => ({
        assigneeId: await userIdOf(rng.pick(['vanson.social_worker', 'vanson.supervisor'])),
        cases: await Promise.all([...new Set([rng.pick(ctx.caseIds), rng.pick(ctx.caseIds)])].map(async (id) => ({ id, expectedVersion: await version(id) }))),
      }) },
    { route: 'GET /api/v1/cases/{id}/flags', weight: 1, users: CASE_STAFF, params: () => ({ id: rng.pick(ctx.caseIds) }) },
    { route: 'POST /api/v1/cases/{id}/flags', weight: 1, users: ['vanson.social_worker', 'vanson.supervisor'],
      params: () => ({ id: rng.pick(ctx.caseIds) }),
      body: () => ({ reason: rng.pick(['needs_review', 'safety_concern', 'data_quality', 'stalled', 'other']), note: 'Cần xem lại' }) },
    { route: 'POST /api/v1/cases/{id}/flags/{flagId}/clear', weight: 1, users: ['vanson.social_worker', 'vanson.supervisor'],
      params: async () => {
        const rows: Array<{ case_id: string; id: string }> = await t.ds.query(`SELECT case_id, id FROM case_flags WHERE case_id = ANY($1) ORDER BY flagged_at, id`, [ctx.caseIds]);
        const f = rows.length ? rng.pick(rows) : { case_id: rng.pick(ctx.caseIds), id: rng.uuid() };
        return { id: f.case_id, flagId: f.id };
      },
      body: () => (rng.chance(0.5) ? { note: 'Đã xử lý' } : {}) },
    { route: 'GET /api/v1/oversight/overdue', weight: 1, users: ['vanson.supervisor', 'vanson.chair', 'vanson.auditor', 'thanhhoa.supervisor'],
      query: () => ({ communeCode: 'van-son', stage: 'received', agencyId: ctx.agencies.commune_police, page: '1', pageSize: '20' }) },
    { route: 'GET /api/v1/oversight/sla', weight: 1, users: ['vanson.supervisor', 'vanson.chair', 'vanson.auditor'],
      query: () => ({ from: '2026-01-01', to: '2026-06-30' }) },
    { route: 'GET /api/v1/statistics', weight: 1, users: ['vanson.supervisor', 'vanson.chair', 'vanson.auditor'],
      query: () => ({ period: rng.pick(['2026', '2026-H1', '2026-H2']) }),
      headers: (): Record<string, string> => (rng.chance(0.5) ? { Accept: rng.pick(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']) } : {}) },
    { route: 'GET /api/v1/statistics/cases', weight: 1, users: ['vanson.supervisor', 'vanson.chair', 'vanson.auditor', 'thanhhoa.supervisor'],
      query: () => ({
        period: rng.pick(['2026', '2026-H1', '2026-H3']), figure: rng.pick(['childrenAbused', 'adolescentsAbused', 'reports', 'verifiedOnTime', 'nope']),
        by: rng.pick(['sex', 'ageGroup', 'result', 'notCounted']), value: rng.pick(['female', '11-15', 'late', 'duplicate']), page: '1', pageSize: '20',
      }) },
    { route: 'GET /api/v1/statistics/trends', weight: 1, users: ['vanson.supervisor', 'vanson.chair', 'thanhhoa.supervisor', NATIONAL_ADMIN_USERNAME],
      query: () => ({ from: rng.pick(['2026-01', '2025-13', '2026-06']), to: rng.pick(['2026-06', '2026-02', '2030-01']), provinceCode: rng.pick(['thanh-hoa', 'x']) }) },
    { route: 'GET /api/v1/statistics/communes', weight: 1, users: ['vanson.supervisor', 'thanhhoa.supervisor', NATIONAL_ADMIN_USERNAME],
      query: () => ({ period: rng.pick(['2026', '2026-H1', 'x']), provinceCode: rng.pick(['thanh-hoa', 'ha-noi', '']) }) },
    { route: 'GET /api/v1/report-calendar', weight: 1, users: ['vanson.supervisor', 'vanson.admin', NATIONAL_ADMIN_USERNAME],
      query: () => ({ provinceCode: rng.pick(['thanh-hoa', 'ha-noi', 'x', '']), year: rng.pick(['2026', '1999', 'abc']) }) },
    { route: 'PUT /api/v1/report-calendar/{kind}', weight: 1, users: ['vanson.admin', NATIONAL_ADMIN_USERNAME, 'vanson.supervisor'],
      params: () => ({ kind: rng.pick(['six_month', 'annual', 'quarterly']) }),
      body: () => ({
        periodStart: rng.pick(['01-01', '12-15', '02-30', '']), periodEnd: rng.pick(['06-30', '06-14', '13-01']), due: rng.pick(['07-10', '06-20', 7]),
        recipients: rng.pick(['Sở Y tế', '', 'x'.repeat(600)]), provinceCode: rng.pick(['thanh-hoa', 'ha-noi', undefined]), expectedVersion: rng.pick([1, 0, 'v', undefined]),
      }) },
    { route: 'GET /api/v1/reports', weight: 1, users: ['vanson.supervisor', 'vanson.chair', 'thanhhoa.supervisor'],
      query: () => ({ year: rng.pick(['2026', '2030', '-1', 'x']) }) },
    { route: 'POST /api/v1/reports/{period}/draft', weight: 1, users: ['vanson.supervisor', 'vanson.chair', 'thanhhoa.supervisor'],
      params: () => ({ period: rng.pick(['2026-H1', '2026', '2026-H2', '1999', 'x']) }) },
    { route: 'POST /api/v1/reports/{period}/approve', weight: 1, users: ['vanson.chair', 'vanson.supervisor'],
      params: () => ({ period: rng.pick(['2026-H1', '2026', '2026-Q1']) }) },
    { route: 'POST /api/v1/reports/{period}/send', weight: 1, users: ['vanson.chair', 'vanson.supervisor'],
      params: () => ({ period: rng.pick(['2026-H1', '2026', '9999']) }) },
    { route: 'GET /api/v1/reports/{period}/document', weight: 0.5, users: ['vanson.chair', 'vanson.supervisor', 'thanhhoa.supervisor'],
      params: () => ({ period: rng.pick(['2026-H1', '2026', 'H1']) }) },
    // Attachments: JSON and malformed bodies where multipart is expected (multipart itself is fuzzed in test/attachments.e2e-spec.ts).
    { route: 'POST /api/v1/cases/{id}/attachments', weight: 1, users: CASE_STAFF, params: () => ({ id: rng.pick(ctx.caseIds) }),
      body: () => ({ category: rng.pick(['photo', 'medical_certificate', 'virus']), description: 'Ảnh' }) },
    { route: 'GET /api/v1/cases/{id}/attachments', weight: 1, users: [...CASE_STAFF, 'vanson.police', 'vanson.auditor'], params: () => ({ id: rng.pick(ctx.caseIds) }) },
    { route: 'POST /api/v1/handoffs/{id}/attachments', weight: 1, users: ['vanson.police', 'vanson.health', 'vanson.social_worker'],
      params: async () => ({ id: (await someHandoff()).id }), userFor: handoffUser, body: () => ({ category: 'police_record' }) },
    { route: 'GET /api/v1/handoffs/{id}/attachments', weight: 1, users: ['vanson.social_worker', 'vanson.police'], params: async () => ({ id: (await someHandoff()).id }),
      userFor: handoffUser },
    { route: 'GET /api/v1/attachments/{id}/content', weight: 1, users: ['vanson.social_worker', 'vanson.police', 'namphu.social_worker'],
      params: async () => ({ id: (await t.ds.query(`SELECT id FROM attachments ORDER BY random() LIMIT 1`))[0]?.id ?? rng.uuid() }) },
    { route: 'GET /api/v1/cases/{id}/decisions', weight: 1, users: [...CASE_STAFF, 'vanson.auditor', 'vanson.health', 'namphu.social_worker'],
      params: () => ({ id: rng.pick(ctx.caseIds) }) },
    // Decisions with the fields a decision carries (who signs, when it takes effect), valid and not.
    { route: 'POST /api/v1/cases/{id}/events', weight: 2, users: ['vanson.chair', 'vanson.supervisor'],
      params: () => ({ id: rng.pick(ctx.caseIds) }),
      body: async () => ({
        type: rng.pick(['APPROVE_PLAN', 'APPROVE_CLOSURE']),
        data: {
          ...(rng.chance(0.6) ? { signerTitle: rng.pick(['chair', 'vice_chair', 'supervisor']) } : {}),
          ...(rng.chance(0.5) ? { effectiveOn: rng.pick([new Date().toISOString().slice(0, 10), '2026-02-30', '2099-01-01', '2020-01-01', 'ngày mai']) } : {}),
        },
        expectedVersion: await version(rng.pick(ctx.caseIds)),
      }) },
    // Printed documents (PDF): forms whose step may or may not have happened, unknown forms, partners (403).
    { route: 'GET /api/v1/cases/{id}/documents', weight: 0.5, users: [...CASE_STAFF, 'vanson.auditor', 'vanson.police', 'namphu.social_worker'],
      params: () => ({ id: rng.pick(ctx.caseIds) }) },
    { route: 'GET /api/v1/cases/{id}/documents/{form}', weight: 0.5, users: [...CASE_STAFF, 'vanson.auditor', 'vanson.health'],
      params: () => ({ id: rng.pick(ctx.caseIds), form: rng.pick(['mau-01', 'mau-02', 'mau-03', 'mau-04', 'mau-05', 'mau-06', 'mau-07', 'closure-decision', 'mau-08']) }) },
    { route: 'GET /api/v1/cases/{id}/file', weight: 0.3, users: ['vanson.social_worker', 'vanson.auditor', 'vanson.police'],
      params: () => ({ id: rng.pick(ctx.caseIds) }) },
    { route: 'GET /api/v1/handoffs/{id}/document', weight: 0.3, users: ['vanson.social_worker', 'vanson.police', 'vanson.health'],
      params: async () => ({ id: (await someHandoff()).id }) },
    // Urgent reports (báo cáo đột xuất): opened on cases, listed by the province, acted on by the commune, its chair and the province.
    { route: 'POST /api/v1/cases/{id}/urgent-reports', weight: 1, users: [...CASE_STAFF, 'thanhhoa.supervisor', 'vanson.police'],
      params: () => ({ id: rng.pick(ctx.caseIds) }),
      body: () => ({ kinds: rng.pick([['death'], ['drowning', 'death'], ['serious_abuse'], ['serious_injury']]), ...(rng.chance(0.5) ? { summary: 'Trẻ bị đuối nước' } : {}) }) },
    { route: 'GET /api/v1/cases/{id}/urgent-reports', weight: 0.5, users: [...CASE_STAFF, 'thanhhoa.supervisor', 'vanson.police'],
      params: () => ({ id: rng.pick(ctx.caseIds) }) },
    { route: 'GET /api/v1/urgent-reports', weight: 1, users: ['thanhhoa.supervisor', 'vanson.auditor', 'vanson.social_worker', 'namphu.social_worker', 'vanson.police'],
      query: () => ({ status: rng.pick(['open', 'all', 'drafted', 'sent', 'acknowledged', 'closed']), ...(rng.chance(0.5) ? { communeCode: rng.pick(['van-son', 'ngoc-lien']) } : {}),
        ...(rng.chance(0.3) ? { overdue: rng.pick(['true', 'false']) } : {}), page: String(1 + rng.int(3)), pageSize: '20' }) },
    { route: 'GET /api/v1/urgent-reports/{id}', weight: 0.5, users: ['thanhhoa.supervisor', 'vanson.social_worker', 'vanson.chair', 'vanson.police'],
      params: async () => ({ id: await someUrgentReport() }) },
    { route: 'GET /api/v1/urgent-reports/{id}/document', weight: 0.3, users: ['thanhhoa.supervisor', 'vanson.chair'],
      params: async () => ({ id: await someUrgentReport() }) },
    { route: 'POST /api/v1/urgent-reports/{id}/events', weight: 2, users: [...CASE_STAFF, 'thanhhoa.supervisor', 'vanson.auditor'],
      params: async () => ({ id: await someUrgentReport() }),
      body: () => rng.pick<() => Json>([
        () => ({ type: 'SUBMIT_REPORT', data: { summary: 'Trẻ đuối nước', occurredAt: 'Chiều 25/11', location: 'Suối', children: 'Trẻ A', consequences: 'Tử vong', actionsTaken: 'Thăm hỏi' } }),
        () => ({ type: 'RECEIVE', data: rng.chance(0.5) ? { note: 'Chỉ đạo xác minh' } : {} }),
        () => ({ type: 'ACKNOWLEDGE', data: {} }),
        () => ({ type: 'CLOSE_REPORT', data: { followUp: 'Đã hỗ trợ gia đình' } }),
        () => ({ type: 'WITHDRAW', data: { reason: 'Mở nhầm' } }),
      ])() },
  ];

  interface Sent {
    route: string;
    method: string;
    url: string;
    user: string;
    body?: string;
    contentType?: string;
    headers: Record<string, string>;
    /** Whether anything was mutated (the rest are valid requests, which move the dataset on). */
    hostile: boolean;
  }

  /** A valid request of `target`, then mutated: path parameters, query, body, headers or token. */
  async function generate(target: Target): Promise<Sent> {
    const [method, template] = target.route.split(' ');
    const params = target.params ? await target.params() : {};
    const valid = { ...params };
    let hostileRequest = false;
    for (const name of Object.keys(params)) {
      if (rng.chance(0.12)) {
        hostileRequest = true;
        params[name] = rng.chance(0.8) ? encodeURIComponent(hostileText(rng)) : rng.pick(['%', '%zz', '%E0%A4%A', '..', '%2e%2e', '%00', '%2F', ';', '*']);
      }
    }
    const url = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name]);

    const query: Array<[string, string]> = Object.entries(target.query?.() ?? {});
    if (rng.chance(0.4)) {
      hostileRequest = true;
      const roll = rng.int(4);
      if (roll === 0 && query.length) query[rng.int(query.length)][1] = hostileText(rng);
      else if (roll === 1) query.push([rng.pick(['extra', 'page', 'pageSize', 'q', 'caseId', '__proto__', 'constructor[prototype]', 'a[b]', '']), hostileText(rng)]);
      else if (roll === 2 && query.length) query.push([rng.pick(query)[0], hostileText(rng)]); // the same key twice: an array
      else if (query.length) query.splice(rng.int(query.length), 1);
    }
    const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

    const headers = target.headers?.() ?? {};
    let user = rng.chance(0.85) ? target.users[0] : rng.pick(target.users);
    if (target.userFor && rng.chance(0.85)) user = (await target.userFor(valid)) ?? user;
    if (rng.chance(0.04)) user = rng.pick(ALL_USERS);
    if (rng.chance(0.02)) {
      headers.Authorization = rng.pick(['Bearer', 'Bearer x.y.z', `Bearer ${'a'.repeat(5000)}`, 'Basic dXNlcjpwYXNz', 'bearer  ', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.']);
      hostileRequest = true;
    }

    let body: string | undefined;
    let contentType: string | undefined;
    if (target.body || (method !== 'GET' && rng.chance(0.3))) {
      const roll = rng.next();
      if (roll < 0.08) {
        ({ raw: body, contentType } = malformedBody(rng));
        hostileRequest = true;
      } else {
        const validBody = target.body ? await target.body() : {};
        const validText = serialize(validBody);
        body = roll < 0.15 ? validText : serialize(mutateBody(rng, validBody));
        contentType = 'application/json';
        hostileRequest ||= body !== validText;
      }
    } else if (rng.chance(0.05)) {
      body = serialize(hostile(rng));
      contentType = 'application/json';
      hostileRequest = true;
    }
    return { route: target.route, method, url: qs ? `${url}?${qs}` : url, user, body, contentType, headers, hostile: hostileRequest };
  }

  async function send(r: Sent) {
    let req = t.http[r.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](r.url).timeout({ response: 20_000 });
    if (r.user && !r.headers.Authorization) req = req.set('Authorization', await t.login(r.user));
    for (const [k, v] of Object.entries(r.headers)) req = req.set(k, v);
    if (r.body !== undefined) req = req.set('Content-Type', r.contentType ?? 'application/json').send(r.body);
    return req;
  }

  /** Rows written so far per table, counted by the test's own triggers (see beforeAll). */
  const writes = async (): Promise<Record<string, number>> =>
    (await t.ds.query(`SELECT coalesce(json_object_agg(tbl, n), '{}') AS w FROM fuzz_writes`))[0].w;

  beforeAll(async () => {
    t = await bootTestApp();
    const agencies: Array<{ id: string; type: string }> = await t.ds.query(
      `SELECT id, type FROM agencies WHERE commune_code = 'van-son' OR (commune_code IS NULL AND province_code = 'thanh-hoa')`,
    );
    // A fixed dataset: a fresh hotline report, a case under assessment with emergency handoffs, another commune's case.
    const fresh = await intake(t, 'vanson.hotline_operator');
    const urgent = await intake(t, 'vanson.social_worker', { immediateDanger: true });
    const [{ id: worker }] = await t.ds.query(`SELECT id FROM users WHERE username = 'vanson.social_worker'`);
    await apply(t, 'vanson.supervisor', urgent.id, 'ASSIGN', { assigneeId: worker });
    await apply(t, 'vanson.social_worker', urgent.id, 'START_VERIFICATION');
    await apply(t, 'vanson.social_worker', urgent.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Tạm lánh'], ...EMERGENCY });
    const other = await intake(t, 'namphu.social_worker', { communeCode: 'nam-phu' });
    const [{ id: hotlineAgency }] = await t.ds.query(`SELECT id FROM agencies WHERE type = 'hotline_111' LIMIT 1`);
    ctx = {
      caseIds: [fresh.id, urgent.id, other.id],
      childIds: [fresh.childId as string, urgent.childId as string, other.childId as string],
      agencies: Object.fromEntries(agencies.map((a) => [a.type, a.id])),
      notificationIds: (await t.ds.query(
        `SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'vanson.social_worker'`,
      )).map((n: { id: string }) => n.id),
      adminTargets: (await t.ds.query(
        `SELECT id FROM users WHERE username IN ('ngoclien.chair', 'ngoclien.health', 'ngoclien.education')`,
      )).map((u: { id: string }) => u.id),
      hotlineAgency,
      clientId: (await t.http.post('/api/v1/system-clients').set('Authorization', await t.login(NATIONAL_ADMIN_USERNAME))
        .send({ name: 'Tổng đài 111 (fuzz)', agencyId: hotlineAgency, scopes: ['intake:write'], rateLimitPerMinute: 600 })).body.client.id,
    };
    // Log everyone in now: a login is a write (to the audit log) that must not be counted against a fuzzed request.
    for (const user of new Set([...ALL_USERS, ...TARGETS.flatMap((x) => x.users), ...Object.values(AGENCY_USER)])) if (user) await t.login(user);
    // Every row inserted, updated or deleted in any table is counted by a test-only trigger; in the
    // audit log only inserts count, failed sign-ins and password checks excepted (reads and failed
    // attempts rightly append to it: they are security events, recorded even when refused).
    const tables: Array<{ name: string }> = await t.ds.query(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('audit_log', 'schema_migrations')`,
    );
    await t.ownerDs.query(`CREATE TABLE fuzz_writes (tbl text PRIMARY KEY, n bigint NOT NULL)`);
    await t.ownerDs.query(`CREATE FUNCTION fuzz_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO fuzz_writes VALUES (TG_TABLE_NAME, 1) ON CONFLICT (tbl) DO UPDATE SET n = fuzz_writes.n + 1;
        RETURN NULL;
      END $$`);
    for (const { name } of tables) {
      await t.ownerDs.query(`CREATE TRIGGER fuzz_count_write AFTER INSERT OR UPDATE OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION fuzz_count_write()`);
    }
    await t.ownerDs.query(`CREATE TRIGGER fuzz_count_write AFTER INSERT ON audit_log FOR EACH ROW
      WHEN (NEW.action NOT IN ('auth.login_failed', 'auth.login_throttled', 'auth.password_change_failed', 'auth.client_token_failed',
        'auth.client_token_throttled', 'client.rate_limited', 'client.request_refused', 'read.refused')) EXECUTE FUNCTION fuzz_count_write()`);
  });
  afterAll(() => t.close());

  it('covers every endpoint of the API (from the OpenAPI document)', async () => {
    const doc = await t.http.get('/docs-json');
    const routes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.filter((r) => !TARGETS.some((x) => x.route === r))).toEqual([]);
    expect(TARGETS.map((x) => x.route).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it(`answers ${REQUESTS} hostile requests (and valid ones among them) without a 5xx; a rejected one changes nothing`, async () => {
    const totalWeight = TARGETS.reduce((s, x) => s + x.weight, 0);
    const histogram: Record<string, number> = {};
    const perRoute: Record<string, number> = {};
    const failures: string[] = [];
    const started = Date.now();
    let before = await writes();
    let hostileSent = 0;
    for (let i = 0; hostileSent < REQUESTS; i++) {
      let w = rng.next() * totalWeight;
      const target = TARGETS.find((x) => (w -= x.weight) < 0) ?? TARGETS[TARGETS.length - 1];
      const r = await generate(target);
      const res = await send(r);
      if (r.hostile) hostileSent++;
      histogram[res.status] = (histogram[res.status] ?? 0) + 1;
      perRoute[r.route] = (perRoute[r.route] ?? 0) + 1;
      const after = await writes();
      const what = () => `#${i} ${r.method} ${r.url.slice(0, 200)} as ${r.user || 'nobody'} ${r.contentType ?? ''} ${(r.body ?? '').slice(0, 300)}`;
      if (res.status >= 500) failures.push(`${res.status}: ${what()} → ${JSON.stringify(res.body).slice(0, 200)}`);
      if (res.status >= 400) {
        // 431 (URL or headers over 16 kB) is Node's HTTP parser answering before the application sees the request.
        const shaped = res.status === 431 || (res.body && res.body.statusCode === res.status && typeof res.body.message === 'string');
        if (!shaped) failures.push(`error not in the API's shape: ${res.status} ${what()} → ${res.text.slice(0, 200)}`);
        const written = Object.keys(after).filter((table) => after[table] !== before[table]);
        if (written.length) failures.push(`rejected with ${res.status} but ${written.join(', ')} written: ${what()}`);
      }
      before = after;
      if (failures.length >= 20) break;
    }
    const seconds = (Date.now() - started) / 1000;
    const sent = Object.values(histogram).reduce((a, b) => a + b, 0);
    process.stdout.write(`\nfuzz: seed ${SEED}, ${sent} requests (${hostileSent} hostile) in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(histogram)}\n`);
    expect(failures).toEqual([]);
    expect(hostileSent).toBe(REQUESTS);
    // The fuzzer got past the door: plenty of requests were accepted and plenty reached validation.
    const count = (lo: number, hi: number) => Object.entries(histogram).filter(([s]) => +s >= lo && +s < hi).reduce((a, [, n]) => a + n, 0);
    expect(count(200, 300)).toBeGreaterThan(sent * 0.05);
    expect(histogram['400']).toBeGreaterThan(sent * 0.3);
    if (REQUESTS >= 5000) for (const x of TARGETS) expect([x.route, (perRoute[x.route] ?? 0) > 10]).toEqual([x.route, true]);
    // The write counters saw the accepted requests' writes (so they would have seen a rejected one's).
    const written = await writes();
    for (const table of ['cases', 'case_events', 'handoffs', 'holidays', 'audit_log']) expect([table, written[table] > 0]).toEqual([table, true]);
    // And the audit chain still holds after all of it.
    // A fresh session: a hostile sign-out may have ended the cached one (that is allowed, and audited).
    const fresh = await t.http.post('/api/v1/auth/login').send({ username: 'vanson.auditor', password: DEMO_PASSWORD });
    const verify = await t.http.get('/api/v1/audit/verify').set('Authorization', `Bearer ${fresh.body.accessToken}`);
    expect(verify.body).toMatchObject({ ok: true });
  }, 600_000);
});
