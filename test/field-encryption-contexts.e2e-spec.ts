/**
 * Field encryption of the free text workflow contexts copy (README "Data protection"): a case's
 * plan and closure reason in `cases.snapshot`, a separation's and an urgent report's text in their
 * `handoffs.snapshot`, an emergency handoff's protection details. Ciphertext in SQL (read as the
 * owner), clear through the API; a plan approval copies clear instructions into its handoffs; rows
 * written in clear before are sealed by the backfills at the next start; anonymisation removes it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FieldBackfill } from '../src/cases/field-backfill';
import { HandoffsFieldBackfill } from '../src/handoffs/field-backfill';
import { RetentionService } from '../src/retention/retention.service';
import { apiAs, apply, EMERGENCY, intake, userId } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const SEALED = /^enc1:[0-9a-f-]{36}:[A-Za-z0-9_-]+$/;
const WORKER = 'vanson.social_worker';
const YEAR = 365 * 24 * 3600 * 1000;

const PLAN = {
  goals: 'Trẻ được an toàn ở nhà bà ngoại, đi học trở lại',
  objectives: ['Khám vết bỏng trong 5 ngày'],
  actions: [{
    kind: 'medical_care', agencyType: 'health_station', dueInDays: 5, instructions: 'Khám vết bỏng ở lưng, thay băng mỗi ngày',
    activity: 'Khám và điều trị vết bỏng', responsible: 'Y sĩ Hà Thị Dịu', budget: 'Quỹ BHYT của trẻ',
  }],
  reviewOn: '2027-01-15',
};
const CLOSURE_REASON = 'Vết bỏng đã lành, trẻ ở ổn định với bà ngoại';
const SEPARATION = {
  separatedFrom: 'father', separatedFromName: 'Lò Văn Thắng', reason: 'Cha say rượu đánh trẻ gãy tay, trẻ không an toàn ở nhà',
  placement: { kind: 'facility', carerName: 'Làng trẻ SOS Thanh Hóa', address: 'Số 9 phố Hải Thượng, TP Thanh Hóa', phone: '0237385111' },
  consent: { given: true, method: 'in_person', note: 'Trẻ nói muốn ở làng SOS cùng chị gái' },
  plannedDays: 15,
};
const VISIT = { observations: 'Trẻ ngủ chung phòng với chị gái ở nhà số 4', childCondition: 'Vết gãy tay đã tháo bột', carerCare: 'Mẹ SOS Hoàng Thị Nụ chăm sóc tốt' };
const REVOKE_REASON = 'Cha đã cai rượu, cam kết không đánh trẻ';
const SEPARATION_TEXT = [SEPARATION.separatedFromName, SEPARATION.reason, SEPARATION.placement.carerName, SEPARATION.placement.address,
  SEPARATION.placement.phone, SEPARATION.consent.note, VISIT.observations, VISIT.childCondition, VISIT.carerCare, REVOKE_REASON];
const REPORT = {
  summary: 'Cháu Hà Thị Mai bị người dượng xâm hại tình dục nhiều lần trong tháng',
  occurredAt: 'Đêm 20 và 24/11/2026', location: 'Nhà ông Lường Văn Pấng, bản Khoa',
  children: 'Hà Thị Mai, nữ, 12 tuổi, bản Khoa', consequences: 'Cháu Mai hoảng loạn, phải nằm viện huyện',
  actionsTaken: 'Công an xã đã tạm giữ người dượng', cause: 'Mẹ đi làm xa, trẻ ở với dượng', proposals: 'Đề nghị Sở Y tế hỗ trợ tâm lý cho trẻ',
};
const CHAIR_NOTE = 'Giao bà Lò Thị Xuân theo dõi sát cháu Mai';
const PROVINCE_NOTE = 'Cử bác sĩ tâm lý Bệnh viện tỉnh xuống bản Khoa';
const FOLLOW_UP = 'Cháu Mai đã về ở với bà ngoại, đi học lại';
const REPORT_TEXT = [...Object.values(REPORT), CHAIR_NOTE, PROVINCE_NOTE, FOLLOW_UP];
const PLAN_TEXT = [PLAN.goals, PLAN.actions[0].instructions, PLAN.actions[0].activity, PLAN.actions[0].responsible, PLAN.actions[0].budget];

describe('field encryption of workflow contexts (e2e)', () => {
  let t: TestApp;

  const { get, post } = apiAs(() => t);
  /** Which of `texts` the rows of `query` (each as text, read as the owner) hold. */
  async function clearIn(query: string, params: unknown[], texts: string[]): Promise<string[]> {
    const rows: Array<{ text: string }> = await t.ownerDs.query(query, params);
    return texts.filter((x) => rows.some((r) => r.text.includes(x)));
  }

  /** A PDF's text as poppler reads it, whitespace folded. */
  const pdfText = (pdf: Buffer): string => {
    const file = join(mkdtempSync(join(tmpdir(), 'baove-contexts-')), 'form.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  };

  beforeAll(async () => {
    t = await bootTestApp({ worker: true, env: { OUTBOX_POLL_MS: '50' } });
  });
  afterAll(() => t.close());

  /** A Vân Sơn case with an approved plan (one handoff to the health station). */
  async function plannedCase() {
    const c = await intake(t, 'vanson.hotline_operator');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, WORKER) });
    await apply(t, WORKER, c.id, 'START_VERIFICATION');
    await apply(t, WORKER, c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'high', substantiated: true, summary: 'Có vết bỏng' });
    await apply(t, WORKER, c.id, 'RECORD_ASSESSMENT', { needs: ['khám vết bỏng'], summary: 'Cần chăm sóc y tế' });
    await apply(t, WORKER, c.id, 'SUBMIT_PLAN', PLAN);
    await apply(t, 'vanson.chair', c.id, 'APPROVE_PLAN');
    return c;
  }
  const context = async (id: string) => (await t.ownerDs.query(`SELECT snapshot FROM cases WHERE id = $1`, [id]))[0].snapshot.context;

  it('keeps the plan and the closure reason of a case’s context sealed; the plan’s handoffs get clear instructions, sealed for themselves', async () => {
    const c = await plannedCase();
    const ctx = await context(c.id);
    expect(ctx.plan).toMatchObject({ goals: expect.stringMatching(SEALED), authorId: expect.any(String) });
    expect(ctx.plan.actions).toEqual([expect.objectContaining({
      kind: 'medical_care', agencyType: 'health_station', dueInDays: 5, instructions: expect.stringMatching(SEALED), activity: expect.stringMatching(SEALED),
    })]);
    expect(await clearIn(`SELECT snapshot::text AS text FROM cases WHERE id = $1`, [c.id], PLAN_TEXT)).toEqual([]);
    // The handoff the approval started: its column sealed for itself, opened through the API.
    const [h] = await t.ownerDs.query(`SELECT id, instructions FROM handoffs WHERE case_id = $1`, [c.id]);
    expect(h.instructions).toMatch(SEALED);
    expect(h.instructions).not.toBe(ctx.plan.actions[0].instructions);
    const view = (await get('vanson.supervisor', `/cases/${c.id}`)).body;
    expect(view.handoffs).toEqual([expect.objectContaining({ id: h.id, instructions: PLAN.actions[0].instructions })]);
    const inbox = (await get('vanson.health', '/handoffs/inbox', { status: 'all', pageSize: 100 })).body;
    expect(inbox.items.find((x: { id: string }) => x.id === h.id)).toMatchObject({ instructions: PLAN.actions[0].instructions });
    expect((await get('vanson.health', `/handoffs/${h.id}`)).body).toMatchObject({ instructions: PLAN.actions[0].instructions });
    // The decision and the printed Mẫu 05 quote the plan.
    expect(view.decisions[0].body.plan).toMatchObject(PLAN);
    expect((await get(WORKER, `/cases/${c.id}/documents/mau-05`)).status).toBe(200);

    // The work done, the closure proposed: its reason sealed in the context, the chair closes the case.
    await post('vanson.health', `/handoffs/${h.id}/accept`);
    await post('vanson.health', `/handoffs/${h.id}/complete`, { outcome: 'Đã thay băng, vết bỏng lành' });
    await apply(t, WORKER, c.id, 'PROPOSE_CLOSURE', { reason: CLOSURE_REASON });
    expect((await context(c.id)).closure).toMatchObject({ kind: 'resolved', reason: expect.stringMatching(SEALED) });
    await apply(t, 'vanson.chair', c.id, 'APPROVE_CLOSURE');
    const closed = await context(c.id);
    expect(closed.closure.reason).toMatch(SEALED);
    expect(closed.plan.goals).toMatch(SEALED);
    expect(await clearIn(`SELECT snapshot::text AS text FROM cases WHERE id = $1`, [c.id], [...PLAN_TEXT, CLOSURE_REASON])).toEqual([]);
    const decisions = (await get('vanson.supervisor', `/cases/${c.id}/decisions`)).body;
    expect(decisions[1].body.proposal).toMatchObject({ reason: CLOSURE_REASON, kind: 'resolved' });
    const [{ child_id: childId }] = await t.ds.query(`SELECT child_id FROM cases WHERE id = $1`, [c.id]);
    const exported = (await get('vanson.supervisor', `/children/${childId}/export`, { reason: 'Công văn của Công an huyện số 12' })).body;
    expect(JSON.stringify(exported)).not.toContain('enc1:');
  });

  it('seals at the next start a case context written in clear before; a transition reads it the same', async () => {
    const c = await plannedCase();
    const before = (await get('vanson.supervisor', `/cases/${c.id}`)).body;
    // As written before: clear.
    await t.ownerDs.query(
      `UPDATE cases SET snapshot = jsonb_set(jsonb_set(snapshot, '{context,plan,goals}', to_jsonb($2::text)), '{context,plan,actions,0,instructions}', to_jsonb($3::text))
        WHERE id = $1`, [c.id, PLAN.goals, PLAN.actions[0].instructions]);
    expect(await clearIn(`SELECT snapshot::text AS text FROM cases WHERE id = $1`, [c.id], PLAN_TEXT)).toEqual([PLAN.goals, PLAN.actions[0].instructions]);
    await t.ownerDs.query(`DELETE FROM field_backfills WHERE name = 'cases_snapshot'`);
    await t.app.get(FieldBackfill).onApplicationBootstrap();
    expect(await t.ownerDs.query(`SELECT name FROM field_backfills WHERE name = 'cases_snapshot'`)).toEqual([{ name: 'cases_snapshot' }]);
    const ctx = await context(c.id);
    expect([ctx.plan.goals, ctx.plan.actions[0].instructions]).toEqual([expect.stringMatching(SEALED), expect.stringMatching(SEALED)]);
    expect(await clearIn(`SELECT snapshot::text AS text FROM cases WHERE id = $1`, [c.id], PLAN_TEXT)).toEqual([]);
    expect((await get('vanson.supervisor', `/cases/${c.id}`)).body).toEqual(before);
    // A transition restores the context opened and writes it sealed again.
    await apply(t, WORKER, c.id, 'RECORD_REVIEW', { childSafe: false, summary: 'Vết bỏng đang lành' });
    expect((await context(c.id)).plan.goals).toMatch(SEALED);
  });

  it('anonymisation removes the case context’s plan, its handoffs’ text and its child’s ended register entries’ text; an open entry stays', async () => {
    const c = await plannedCase();
    await post(WORKER, `/cases/${c.id}/separations`, SEPARATION);
    const [{ child_id: child }] = await t.ds.query(`SELECT child_id FROM cases WHERE id = $1`, [c.id]);
    await t.ownerDs.query(`UPDATE children SET residence_commune_code = 'van-son', province_code = 'thanh-hoa' WHERE id = $1`, [child]);
    const REGISTER_TEXT = ['Bố mẹ ly hôn, trẻ ở với bà', 'Trẻ cần học bổng', 'Trẻ được nhận làm con nuôi'];
    let s = (await post(WORKER, `/children/${child}/supports`, { groups: ['orphan'], note: REGISTER_TEXT[0] })).support;
    const event = async (type: string, data: Record<string, unknown>) => {
      s = (await post(WORKER, `/supports/${s.id}/events`, { type, data, expectedVersion: s.version })).support;
    };
    await event('ASSESS', { needs: REGISTER_TEXT[1], circumstances: 'Bà 80 tuổi', assessedOn: '2026-01-05' });
    await event('PLAN', { goals: 'Đi học đều', services: [{ kind: 'education', detail: 'Học bổng của xã', grantedOn: '2026-01-10' }] });
    await event('EXIT', { reason: 'adopted', note: REGISTER_TEXT[2], exitedOn: '2026-03-01' });
    const ended = s.id as string;
    const open = (await post(WORKER, `/children/${child}/supports`, { groups: ['orphan'], note: 'Trẻ lại về ở với bà' })).support.id as string;
    await t.ownerDs.query(`UPDATE child_supports SET exited_at = $2 WHERE id = $1`, [ended, new Date(Date.now() - 6 * YEAR)]);
    await t.ownerDs.query(`UPDATE cases SET closed_at = $2 WHERE id = $1`, [c.id, new Date(Date.now() - 6 * YEAR)]);
    await t.app.get(RetentionService).anonymiseClosed(new Date());

    const ctx = await context(c.id);
    expect(ctx.plan).toEqual({ authorId: expect.any(String), actions: [{ kind: 'medical_care', agencyType: 'health_station', dueInDays: 5 }] });
    expect(ctx.closure).toBeNull();
    // The handoffs: the plan's and the separation, their columns blanked, their context's text gone, their codes kept.
    const handoffs: Array<{ workflow: string; instructions: string; outcome: string | null; reason: string | null; snapshot: { context: Record<string, any> } }> =
      await t.ownerDs.query(`SELECT workflow, instructions, outcome, reason, snapshot FROM handoffs WHERE case_id = $1 ORDER BY workflow`, [c.id]);
    expect(handoffs.map((h) => [h.workflow, h.instructions, h.outcome, h.reason])).toEqual([['handoff', '', null, null], ['temporary-separation', '', null, null]]);
    expect(handoffs[1].snapshot.context).toMatchObject({ separatedFrom: 'father', placement: { kind: 'facility' }, consent: { given: true, method: 'in_person' }, plannedDays: 15 });
    for (const k of ['reason', 'separatedFromName']) expect(handoffs[1].snapshot.context).not.toHaveProperty(k);
    expect(handoffs[1].snapshot.context.placement).toEqual({ kind: 'facility' });
    expect(await clearIn(`SELECT h::text AS text FROM handoffs h WHERE case_id = $1`, [c.id], [...SEPARATION_TEXT, PLAN.actions[0].instructions])).toEqual([]);
    expect(JSON.stringify(handoffs)).not.toContain('enc1:');
    // The ended register entry: its text gone everywhere; the open one as it was.
    const register = (id: string) => t.ownerDs.query(`SELECT s::text AS text FROM child_supports s WHERE id = $1 UNION ALL SELECT e::text FROM child_support_events e
      WHERE support_id = $1 UNION ALL SELECT v::text FROM child_support_services v WHERE support_id = $1`, [id]);
    expect(JSON.stringify(await register(ended))).not.toContain('enc1:');
    const [{ snapshot: kept }] = await t.ownerDs.query(`SELECT snapshot FROM child_supports WHERE id = $1`, [ended]);
    expect(kept.context).toMatchObject({ groups: ['orphan'], exit: { reason: 'adopted', exitedOn: '2026-03-01' } });
    expect(kept.context).not.toHaveProperty('note');
    expect((await t.ownerDs.query(`SELECT snapshot FROM child_supports WHERE id = $1`, [open]))[0].snapshot.context.note).toMatch(SEALED);
    const [audit] = await t.ownerDs.query(`SELECT details FROM audit_log WHERE case_id = $1 AND action = 'case.anonymised'`, [c.id]);
    expect(audit.details).toMatchObject({ handoffs: 2, supports: 1 });
  });

  /** A Vân Sơn case under verification with a separation decided (a facility's), a visit recorded, revoked when `revoke`. */
  async function separated(revoke: boolean) {
    const c = await intake(t, 'vanson.hotline_operator');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, WORKER) });
    await apply(t, WORKER, c.id, 'START_VERIFICATION');
    let sep = (await post(WORKER, `/cases/${c.id}/separations`, SEPARATION)).separation;
    const event = async (as: string, type: string, data: Record<string, unknown> = {}) =>
      (sep = (await post(as, `/separations/${sep.id}/events`, { type, data, expectedVersion: sep.version })).separation);
    await event('vanson.chair', 'DECIDE_SEPARATION');
    await event(WORKER, 'RECORD_VISIT', { visitedOn: sep.startOn, ...VISIT });
    if (revoke) await event('vanson.chair', 'REVOKE_SEPARATION', { reason: REVOKE_REASON });
    return { c, sep };
  }

  it('keeps a separation’s text sealed in its context and in its decisions, clear in its view, its decisions, Mẫu 07 and the facility’s handoff', async () => {
    const { c, sep } = await separated(true);
    const [row] = await t.ownerDs.query(`SELECT snapshot, reason FROM handoffs WHERE id = $1`, [sep.id]);
    const ctx = row.snapshot.context;
    for (const v of [ctx.reason, ctx.separatedFromName, ctx.outcomeReason, ctx.placement.carerName, ctx.placement.address, ctx.placement.phone,
      ctx.consent.note, ctx.visitLog[0].observations, ctx.visitLog[0].childCondition, ctx.visitLog[0].carerCare, row.reason]) expect(v).toMatch(SEALED);
    expect(ctx).toMatchObject({ separatedFrom: 'father', placement: { kind: 'facility' }, consent: { given: true, method: 'in_person' }, outcome: 'revoked' });
    expect(await clearIn(`SELECT h::text AS text FROM handoffs h WHERE case_id = $1`, [c.id], SEPARATION_TEXT)).toEqual([]);
    expect(await clearIn(`SELECT d::text AS text FROM decisions d WHERE case_id = $1`, [c.id], SEPARATION_TEXT)).toEqual([]);
    for (const table of ['audit_log', 'notifications', 'case_events']) {
      expect({ table, found: await clearIn(`SELECT x::text AS text FROM ${table} x WHERE case_id = $1`, [c.id], SEPARATION_TEXT) }).toEqual({ table, found: [] });
    }

    // The view, the decisions quoting the proposal and the revocation, the printed Mẫu 07.
    const view = (await get(WORKER, `/separations/${sep.id}`)).body;
    expect(view).toMatchObject({
      separatedFromName: SEPARATION.separatedFromName, reason: SEPARATION.reason, placement: SEPARATION.placement,
      consent: SEPARATION.consent, visits: [expect.objectContaining(VISIT)], outcome: 'revoked',
    });
    const decisions = (await get(WORKER, `/cases/${c.id}/decisions`)).body;
    expect(decisions.map((d: { kind: string }) => d.kind)).toEqual(['separation', 'separation_revocation']);
    expect(decisions[0].body.separation).toMatchObject({
      separatedFromName: SEPARATION.separatedFromName, reason: SEPARATION.reason, placement: SEPARATION.placement, consent: SEPARATION.consent,
    });
    expect(decisions[1].body.revocation).toEqual({ reason: REVOKE_REASON });
    expect((await get('vanson.supervisor', `/cases/${c.id}`)).body.decisions).toEqual(decisions);
    const printed = await t.http.get(`/api/v1/cases/${c.id}/documents/mau-07`).set('Authorization', await t.login(WORKER))
      .buffer(true).parse((res, done) => { const chunks: Buffer[] = []; res.on('data', (b: Buffer) => chunks.push(b)); res.on('end', () => done(null, Buffer.concat(chunks))); });
    expect(printed.status).toBe(200);
    const text = pdfText(printed.body as Buffer);
    for (const x of [SEPARATION.separatedFromName, SEPARATION.reason, SEPARATION.placement.carerName]) expect({ x, printed: text.includes(x) }).toEqual({ x, printed: true });
    // The facility's handoff: the placement copied into its instructions clear, sealed for the column.
    const [facility] = await t.ownerDs.query(`SELECT id, instructions FROM handoffs WHERE case_id = $1 AND kind = 'alternative_care'`, [c.id]);
    expect(facility.instructions).toMatch(SEALED);
    const handoffs = (await get('vanson.supervisor', `/cases/${c.id}`)).body.handoffs;
    expect(handoffs.find((h: { id: string }) => h.id === facility.id).instructions).toContain(`${SEPARATION.placement.carerName} (${SEPARATION.placement.address})`);
  });

  it('seals at the next start a separation’s context written in clear before', async () => {
    const { sep } = await separated(false);
    const before = (await get(WORKER, `/separations/${sep.id}`)).body;
    await t.ownerDs.query(
      `UPDATE handoffs SET snapshot = jsonb_set(jsonb_set(snapshot, '{context,reason}', to_jsonb($2::text)), '{context,placement,carerName}', to_jsonb($3::text))
        WHERE id = $1`, [sep.id, SEPARATION.reason, SEPARATION.placement.carerName]);
    expect(await clearIn(`SELECT snapshot::text AS text FROM handoffs WHERE id = $1`, [sep.id], SEPARATION_TEXT)).toEqual([SEPARATION.reason, SEPARATION.placement.carerName]);
    await t.ownerDs.query(`DELETE FROM field_backfills WHERE name = 'handoff_contexts_v2'`);
    await t.app.get(HandoffsFieldBackfill).onApplicationBootstrap();
    expect(await t.ownerDs.query(`SELECT name FROM field_backfills WHERE name = 'handoff_contexts_v2'`)).toEqual([{ name: 'handoff_contexts_v2' }]);
    expect(await clearIn(`SELECT snapshot::text AS text FROM handoffs WHERE id = $1`, [sep.id], SEPARATION_TEXT)).toEqual([]);
    expect((await get(WORKER, `/separations/${sep.id}`)).body).toEqual(before);
  });

  it('keeps an urgent report’s content and notes sealed in its context, clear in its views, the province’s list and its printed report', async () => {
    const c = await intake(t, 'vanson.hotline_operator');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, WORKER) });
    const id = (await post(WORKER, `/cases/${c.id}/urgent-reports`, { kinds: ['serious_abuse'], summary: 'Trẻ bị xâm hại' })).urgentReport.id as string;
    const event = (as: string, type: string, data: object = {}) => post(as, `/urgent-reports/${id}/events`, { type, data });
    await event(WORKER, 'SUBMIT_REPORT', REPORT);
    await event('vanson.chair', 'RECEIVE', { note: CHAIR_NOTE });
    await event('thanhhoa.supervisor', 'ACKNOWLEDGE', { note: PROVINCE_NOTE });
    await event('vanson.supervisor', 'CLOSE_REPORT', { followUp: FOLLOW_UP });
    const [row] = await t.ownerDs.query(`SELECT snapshot, reason FROM handoffs WHERE id = $1`, [id]);
    const ctx = row.snapshot.context;
    for (const v of [...Object.values(ctx.content), ctx.chairNote, ctx.provinceNote, ctx.reason, row.reason]) expect(v).toMatch(SEALED);
    expect(ctx).toMatchObject({ kinds: ['serious_abuse'], communeCode: 'van-son', outcome: 'closed' });
    expect(await clearIn(`SELECT h::text AS text FROM handoffs h WHERE case_id = $1`, [c.id], REPORT_TEXT)).toEqual([]);
    for (const table of ['audit_log', 'notifications', 'case_events']) {
      expect({ table, found: await clearIn(`SELECT x::text AS text FROM ${table} x WHERE case_id = $1`, [c.id], REPORT_TEXT) }).toEqual({ table, found: [] });
    }
    const clear = { content: REPORT, chairNote: CHAIR_NOTE, provinceNote: PROVINCE_NOTE, reason: FOLLOW_UP, outcome: 'closed' };
    expect((await get('vanson.chair', `/urgent-reports/${id}`)).body).toMatchObject(clear);
    expect((await get(WORKER, `/cases/${c.id}/urgent-reports`)).body.items).toEqual([expect.objectContaining(clear)]);
    const province = (await get('thanhhoa.supervisor', '/urgent-reports', { pageSize: 100 })).body.items;
    expect(province.find((r: { id: string }) => r.id === id)).toMatchObject(clear);
    const printed = await t.http.get(`/api/v1/urgent-reports/${id}/document`).set('Authorization', await t.login('thanhhoa.supervisor'))
      .buffer(true).parse((res, done) => { const chunks: Buffer[] = []; res.on('data', (b: Buffer) => chunks.push(b)); res.on('end', () => done(null, Buffer.concat(chunks))); });
    expect(printed.status).toBe(200);
    const text = pdfText(printed.body as Buffer);
    for (const x of [REPORT.summary, REPORT.children, REPORT.proposals]) expect({ x, printed: text.includes(x) }).toEqual({ x, printed: true });
  });

  it('keeps an emergency handoff’s protection details sealed in its context, clear to its agency and the commune', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, WORKER) });
    await apply(t, WORKER, c.id, 'START_VERIFICATION');
    await apply(t, WORKER, c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Tạm lánh'], ...EMERGENCY });
    const protection = { childLocation: EMERGENCY.childLocation, workerName: EMERGENCY.workerName, workerPhone: EMERGENCY.workerPhone };
    const rows: Array<{ id: string; kind: string; snapshot: { context: { protection: Record<string, string> } } }> =
      await t.ownerDs.query(`SELECT id, kind, snapshot FROM handoffs WHERE case_id = $1 ORDER BY kind`, [c.id]);
    expect(rows.map((r) => r.kind)).toEqual(['medical_care', 'police_protection']);
    for (const r of rows) expect(r.snapshot.context.protection).toEqual({ childLocation: expect.stringMatching(SEALED), workerName: expect.stringMatching(SEALED), workerPhone: expect.stringMatching(SEALED) });
    expect(await clearIn(`SELECT h::text AS text FROM handoffs h WHERE case_id = $1`, [c.id], Object.values(protection))).toEqual([]);
    const police = rows.find((r) => r.kind === 'police_protection')!.id;
    expect((await get('vanson.police', `/handoffs/${police}`)).body).toMatchObject({ instructions: EMERGENCY.instructions, protection });
    const inbox = (await get('vanson.police', '/handoffs/inbox', { status: 'all', pageSize: 100 })).body.items;
    expect(inbox.find((h: { id: string }) => h.id === police)).toMatchObject({ protection });
    expect((await get('vanson.police', `/cases/${c.id}`)).body.handoffs).toEqual([expect.objectContaining({ id: police, protection })]);
    // The agency's work goes on on the opened context, sealed again on write.
    await post('vanson.police', `/handoffs/${police}/accept`);
    const [after] = await t.ownerDs.query(`SELECT snapshot FROM handoffs WHERE id = $1`, [police]);
    expect(after.snapshot.context.protection.childLocation).toMatch(SEALED);
    expect((await get(WORKER, `/cases/${c.id}`)).body.handoffs).toEqual(expect.arrayContaining([expect.objectContaining({ id: police, state: 'accepted', protection })]));
  });
});
