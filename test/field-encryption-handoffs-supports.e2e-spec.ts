/**
 * Field encryption of the free text of handoffs and of the special-circumstances register (README
 * "Data protection"): a handoff's instructions, outcome and refusal reason (and their copies in its
 * workflow context, the police's procedure notes), a transfer's reasons, a support's note,
 * assessment, goals, services, findings and exit note — its events' data too — are ciphertext in
 * SQL and clear through the API (partner inbox, handoff view, case view, transfers, support view,
 * child export); audit rows, notifications and the outbox carry none of it; rows written in clear
 * before are sealed by the backfills at the next start and read the same.
 */
import { HandoffsFieldBackfill } from '../src/handoffs/field-backfill';
import { SupportsFieldBackfill } from '../src/supports/field-backfill';
import { apiAs, apply, intake, userId } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const SEALED = /^enc1:[0-9a-f-]{36}:[A-Za-z0-9_-]+$/;
const WORKER = 'vanson.social_worker';

const INSTRUCTIONS = 'Khám vết bỏng ở lưng trẻ, chụp X-quang cổ tay';
const OUTCOME = 'Trẻ bị gãy xương cổ tay trái, đã bó bột';
const DECLINE_REASON = 'Trường không có giáo viên tâm lý cho trẻ bị xâm hại';
const POLICE_INSTRUCTIONS = 'Bảo vệ trẻ khỏi cha dượng, lấy lời khai hàng xóm';
const PROCEDURE_NOTE = 'Cha dượng thừa nhận đánh trẻ bằng gậy';
const PROCEDURE_REFERENCE = '15/TB-CA-VS';
const TRANSFER_REASON = 'Mẹ trẻ đưa trẻ về nhà ông bà ngoại ở Nam Phú';
const TRANSFER_DECLINE = 'Ông bà ngoại trẻ đã chuyển đi nơi khác';
const HANDOFF_TEXT = [INSTRUCTIONS, OUTCOME, DECLINE_REASON, POLICE_INSTRUCTIONS, PROCEDURE_NOTE, PROCEDURE_REFERENCE, TRANSFER_REASON, TRANSFER_DECLINE];

const NOTE = 'Mẹ mất, bố đi tù, trẻ ở với bà nội 80 tuổi';
const ASSESS = { needs: 'Trẻ cần thẻ bảo hiểm y tế và học bổng', circumstances: 'Bà nội bị bệnh tim, không có thu nhập', assessedOn: '2026-01-05' };
const PLAN = { goals: 'Trẻ đi học đều, được khám bệnh định kỳ', services: [
  { kind: 'health', detail: 'Thẻ BHYT cho trẻ mồ côi mẹ', grantedOn: '2026-01-10' },
  { kind: 'education', detail: 'Miễn học phí tại trường tiểu học Vân Sơn', grantedOn: '2026-01-10' },
] };
const END_REASON = 'Trẻ chuyển sang trường nội trú của tỉnh';
const EXIT_NOTE = 'Trẻ được chú ruột nhận nuôi ở Hà Nội';
const SUPPORT_TEXT = [NOTE, ASSESS.needs, ASSESS.circumstances, PLAN.goals, PLAN.services[0].detail, PLAN.services[1].detail, END_REASON, EXIT_NOTE];

describe('field encryption of handoffs and the special-circumstances register (e2e)', () => {
  let t: TestApp;
  let agencies: Record<string, string>;

  const { get, post } = apiAs(() => t);
  /** Every row of `table` holding none of `texts` (the whole row as text), and how many were read. */
  async function clearIn(query: string, params: unknown[], texts: string[]): Promise<{ rows: number; found: string[] }> {
    const rows: Array<{ text: string }> = await t.ownerDs.query(query, params);
    return { rows: rows.length, found: texts.filter((x) => rows.some((r) => r.text.includes(x))) };
  }

  beforeAll(async () => {
    t = await bootTestApp({ worker: true, env: { OUTBOX_POLL_MS: '50' } });
    const rows: Array<{ id: string; type: string }> = await t.ds.query(
      `SELECT id, type FROM agencies WHERE commune_code = 'van-son' OR (commune_code IS NULL AND province_code = 'thanh-hoa')`);
    agencies = Object.fromEntries(rows.map((a) => [a.type, a.id]));
  });
  afterAll(() => t.close());

  /** A Vân Sơn case under verification with three handoffs (completed, declined, police with two procedure notes) and a declined transfer. */
  async function handoffWork() {
    const c = await intake(t, 'vanson.hotline_operator');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, WORKER) });
    await apply(t, WORKER, c.id, 'START_VERIFICATION');
    const create = async (kind: string, agencyType: string, instructions: string) =>
      (await post(WORKER, `/cases/${c.id}/handoffs`, { kind, agencyId: agencies[agencyType], instructions, urgency: 'normal' })).handoff.id as string;
    const medical = await create('medical_care', 'health_station', INSTRUCTIONS);
    await post('vanson.health', `/handoffs/${medical}/accept`);
    await post('vanson.health', `/handoffs/${medical}/complete`, { outcome: OUTCOME });
    const school = await create('school_support', 'school', 'Hỗ trợ trẻ đi học lại');
    await post('vanson.education', `/handoffs/${school}/decline`, { reason: DECLINE_REASON });
    const police = await create('police_protection', 'commune_police', POLICE_INSTRUCTIONS);
    await post('vanson.police', `/handoffs/${police}/accept`);
    await post('vanson.police', `/handoffs/${police}/record_procedure_status`, { status: 'report_received', on: '2026-03-02', reference: PROCEDURE_REFERENCE, note: PROCEDURE_NOTE });
    await post('vanson.police', `/handoffs/${police}/record_procedure_status`, { status: 'prosecution_opened', on: '2026-03-05', note: 'Đã khởi tố vụ án' });
    const transfer = (await post(WORKER, `/cases/${c.id}/transfers`, { kind: 'transfer', toCommuneCode: 'nam-phu', reason: TRANSFER_REASON,
      residence: { village: 'Thôn Phù Yên', address: 'Số 12' } })).transfer.id as string;
    await post('namphu.supervisor', `/transfers/${transfer}/decline`, { reason: TRANSFER_DECLINE });
    return { c, medical, school, police, transfer };
  }

  it('keeps the text of handoffs and transfers as ciphertext in SQL, clear through the API; audit, notifications and outbox carry none of it', async () => {
    const { c, medical, school, police, transfer } = await handoffWork();
    const rows: Array<{ id: string; instructions: string; outcome: string | null; reason: string | null; snapshot: { context: Record<string, any> } }> =
      await t.ownerDs.query(`SELECT id, instructions, outcome, reason, snapshot FROM handoffs WHERE case_id = $1`, [c.id]);
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(r.instructions).toMatch(SEALED);
      for (const v of [r.outcome, r.reason]) if (v !== null) expect(v).toMatch(SEALED);
    }
    expect(row(medical).outcome).toMatch(SEALED);
    expect(row(medical).snapshot.context.outcome).toMatch(SEALED);
    expect([row(school).reason, row(school).snapshot.context.reason]).toEqual([expect.stringMatching(SEALED), expect.stringMatching(SEALED)]);
    // The police's procedure: notes and references sealed, statuses and days clear (a second record keeps the first sealed as it was).
    expect(row(police).snapshot.context.procedure).toEqual([
      expect.objectContaining({ status: 'report_received', on: '2026-03-02', reference: expect.stringMatching(SEALED), note: expect.stringMatching(SEALED) }),
      expect.objectContaining({ status: 'prosecution_opened', reference: null, note: expect.stringMatching(SEALED) }),
    ]);
    expect(row(transfer).snapshot.context).toMatchObject({ outcome: 'declined', reason: expect.stringMatching(SEALED), toCommuneCode: 'nam-phu' });
    expect(await clearIn(`SELECT h::text AS text FROM handoffs h WHERE case_id = $1`, [c.id], HANDOFF_TEXT)).toEqual({ rows: 4, found: [] });
    // What went with the work: audit rows, notifications, the outbox, the case's events.
    expect(await clearIn(`SELECT a::text AS text FROM audit_log a WHERE case_id = $1`, [c.id], HANDOFF_TEXT)).toMatchObject({ found: [] });
    expect(await clearIn(`SELECT n::text AS text FROM notifications n WHERE case_id = $1`, [c.id], HANDOFF_TEXT)).toMatchObject({ found: [] });
    expect(await clearIn(`SELECT o::text AS text FROM outbox o`, [], HANDOFF_TEXT)).toMatchObject({ found: [] });
    expect(await clearIn(`SELECT e::text AS text FROM case_events e WHERE case_id = $1`, [c.id], HANDOFF_TEXT)).toMatchObject({ found: [] });

    // The partner's inbox and handoff view.
    const inbox = await get('vanson.health', '/handoffs/inbox', { status: 'all', pageSize: 100 });
    expect(inbox.body.items.find((h: { id: string }) => h.id === medical)).toMatchObject({ instructions: INSTRUCTIONS, outcome: OUTCOME, state: 'completed' });
    const policeView = (await get('vanson.police', `/handoffs/${police}`)).body;
    expect(policeView).toMatchObject({ instructions: POLICE_INSTRUCTIONS, procedure: [
      { status: 'report_received', reference: PROCEDURE_REFERENCE, note: PROCEDURE_NOTE }, { status: 'prosecution_opened', note: 'Đã khởi tố vụ án' },
    ] });
    // The commune's case view, its transfer, the child's export.
    const view = (await get('vanson.supervisor', `/cases/${c.id}`)).body;
    const byId = (id: string) => view.handoffs.find((h: { id: string }) => h.id === id);
    expect(byId(medical)).toMatchObject({ instructions: INSTRUCTIONS, outcome: OUTCOME, reason: null });
    expect(byId(school)).toMatchObject({ state: 'declined', reason: DECLINE_REASON });
    expect(byId(police).procedure[0].note).toBe(PROCEDURE_NOTE);
    expect(view.transfers).toEqual([expect.objectContaining({ id: transfer, reason: TRANSFER_REASON, outcome: 'declined', decisionReason: TRANSFER_DECLINE })]);
    expect((await get('vanson.supervisor', `/transfers/${transfer}`)).body).toMatchObject({ reason: TRANSFER_REASON, decisionReason: TRANSFER_DECLINE });
    const incoming = await get('namphu.supervisor', '/transfers', { direction: 'incoming', status: 'all' });
    expect(incoming.body.items.find((x: { id: string }) => x.id === transfer)).toMatchObject({ reason: TRANSFER_REASON, decisionReason: TRANSFER_DECLINE });
    const [{ child_id: childId }] = await t.ds.query(`SELECT child_id FROM cases WHERE id = $1`, [c.id]);
    const exported = (await get('vanson.supervisor', `/children/${childId}/export`, { reason: 'Công văn của Công an huyện số 12' })).body;
    const mine = exported.cases.find((x: { case: { id: string } }) => x.case.id === c.id);
    expect(mine.case.handoffs).toEqual(view.handoffs);
    expect(mine.case.transfers[0]).toMatchObject({ reason: TRANSFER_REASON, decisionReason: TRANSFER_DECLINE });
    expect(JSON.stringify(exported)).not.toContain('enc1:');
  });

  /** A Vân Sơn child on the register: assessed, planned with two services, one ended; exited when `exit`. */
  async function supportWork(exit: boolean) {
    const [{ id: child }] = await t.ds.query(
      `INSERT INTO children (full_name, sex, residence_commune_code, province_code) VALUES ('Hà Văn Tú', 'male', 'van-son', 'thanh-hoa') RETURNING id`);
    let s = (await post(WORKER, `/children/${child}/supports`, { groups: ['orphan'], note: NOTE })).support;
    const event = async (type: string, data: Record<string, unknown>) => {
      s = (await post(WORKER, `/supports/${s.id}/events`, { type, data, expectedVersion: s.version })).support;
    };
    await event('ASSESS', ASSESS);
    await event('PLAN', PLAN);
    await event('END_SERVICE', { service: 2, endedOn: '2026-02-01', reason: END_REASON });
    if (exit) await event('EXIT', { reason: 'adopted', note: EXIT_NOTE, exitedOn: '2026-03-01' });
    return s as { id: string; [k: string]: unknown };
  }

  it('keeps the register’s free text as ciphertext in SQL, clear through the API; audit and notifications carry none of it', async () => {
    const s = await supportWork(true);
    const [row] = await t.ownerDs.query(`SELECT snapshot, exit_reason FROM child_supports WHERE id = $1`, [s.id]);
    const ctx = row.snapshot.context;
    expect(ctx).toMatchObject({
      note: expect.stringMatching(SEALED), groups: ['orphan'],
      assessment: { needs: expect.stringMatching(SEALED), circumstances: expect.stringMatching(SEALED), assessedOn: ASSESS.assessedOn },
      plan: { goals: expect.stringMatching(SEALED) },
      exit: { reason: 'adopted', note: expect.stringMatching(SEALED), exitedOn: '2026-03-01' },
    });
    expect(ctx.services.map((v: { kind: string; detail: string; endedOn: string }) => [v.kind, v.detail, v.endedOn]))
      .toEqual([['health', expect.stringMatching(SEALED), '2026-03-01'], ['education', expect.stringMatching(SEALED), '2026-02-01']]);
    expect(row.exit_reason).toBe('adopted');
    const services = await t.ownerDs.query(`SELECT seq, kind, detail, end_reason FROM child_support_services WHERE support_id = $1 ORDER BY seq`, [s.id]);
    expect(services).toEqual([
      { seq: 1, kind: 'health', detail: expect.stringMatching(SEALED), end_reason: expect.stringMatching(SEALED) },
      { seq: 2, kind: 'education', detail: expect.stringMatching(SEALED), end_reason: expect.stringMatching(SEALED) },
    ]);
    const events = await t.ownerDs.query(`SELECT type, data FROM child_support_events WHERE support_id = $1 ORDER BY seq`, [s.id]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['REGISTER', 'ASSESS', 'PLAN', 'END_SERVICE', 'EXIT']);
    expect(events[0].data).toEqual({ groups: ['orphan'], note: expect.stringMatching(SEALED) });
    expect(events[2].data.services[0]).toMatchObject({ kind: 'health', detail: expect.stringMatching(SEALED), grantedOn: '2026-01-10' });
    expect(events[4].data).toMatchObject({ reason: 'adopted', note: expect.stringMatching(SEALED) });
    const tables = `SELECT s::text AS text FROM child_supports s WHERE id = $1 UNION ALL SELECT e::text FROM child_support_events e WHERE support_id = $1
      UNION ALL SELECT v::text FROM child_support_services v WHERE support_id = $1`;
    expect(await clearIn(tables, [s.id], SUPPORT_TEXT)).toEqual({ rows: 8, found: [] });
    expect(await clearIn(`SELECT a::text AS text FROM audit_log a WHERE entity_id = $1`, [s.id], SUPPORT_TEXT)).toMatchObject({ found: [] });
    expect(await clearIn(`SELECT n::text AS text FROM notifications n WHERE payload->>'supportId' = $1`, [s.id], SUPPORT_TEXT)).toMatchObject({ found: [] });
    expect(await clearIn(`SELECT o::text AS text FROM outbox o`, [], SUPPORT_TEXT)).toMatchObject({ found: [] });

    const view = (await get('vanson.supervisor', `/supports/${s.id}`)).body;
    expect(view).toMatchObject({
      note: NOTE, assessment: { needs: ASSESS.needs, circumstances: ASSESS.circumstances }, planGoals: PLAN.goals,
      services: [{ seq: 1, detail: PLAN.services[0].detail, endReason: 'exit' }, { seq: 2, detail: PLAN.services[1].detail, endReason: END_REASON }],
      exit: { reason: 'adopted', note: EXIT_NOTE },
    });
    const data = (type: string) => view.timeline.find((e: { type: string }) => e.type === type).data;
    expect(data('REGISTER')).toEqual({ groups: ['orphan'], note: NOTE });
    expect(data('ASSESS')).toMatchObject(ASSESS);
    expect(data('PLAN')).toMatchObject(PLAN);
    expect(data('END_SERVICE')).toMatchObject({ service: 2, reason: END_REASON });
    expect(data('EXIT')).toMatchObject({ note: EXIT_NOTE });
    const list = await get(WORKER, '/supports', { status: 'all', childId: view.child.id });
    expect(list.body.items).toEqual([expect.objectContaining({ id: s.id, note: NOTE, planGoals: PLAN.goals })]);
    expect(JSON.stringify([view, list.body])).not.toContain('enc1:');
    // The child's export holds the register entry as its view shows it (read and audited as such).
    const exported = (await get('vanson.supervisor', `/children/${view.child.id}/export`, { reason: 'Công văn của Sở Lao động số 7' })).body;
    expect(exported.supports).toEqual([(await get('vanson.supervisor', `/supports/${s.id}`)).body]);
    const [audit] = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'child.exported' AND entity_id = $1`, [view.child.id]);
    expect(audit.details.supports).toEqual([s.id]);
    expect(JSON.stringify(exported)).not.toContain('enc1:');
  });

  it('seals at start the handoffs and the register written in clear before, and reads them the same', async () => {
    const { c, medical, police, transfer } = await handoffWork();
    const s = await supportWork(false);
    const read = async () => ({
      handoff: (await get('vanson.health', `/handoffs/${medical}`)).body,
      police: (await get('vanson.police', `/handoffs/${police}`)).body,
      transfer: (await get('vanson.supervisor', `/transfers/${transfer}`)).body,
      support: (await get(WORKER, `/supports/${s.id}`)).body,
    });
    const before = await read();
    // As rows written before their text was sealed: every column and member clear.
    await t.ownerDs.query(`UPDATE handoffs SET instructions = $2, outcome = $3, snapshot = jsonb_set(snapshot, '{context,outcome}', to_jsonb($3::text)) WHERE id = $1`,
      [medical, INSTRUCTIONS, OUTCOME]);
    await t.ownerDs.query(`UPDATE handoffs SET snapshot = jsonb_set(snapshot, '{context,procedure}', $2::jsonb) WHERE id = $1`,
      [police, JSON.stringify(before.police.procedure.map((p: Record<string, unknown>) => ({ ...p })))]);
    await t.ownerDs.query(`UPDATE handoffs SET instructions = $2, reason = $3, snapshot = jsonb_set(snapshot, '{context,reason}', to_jsonb($3::text)) WHERE id = $1`,
      [transfer, TRANSFER_REASON, TRANSFER_DECLINE]);
    await t.ownerDs.query(`UPDATE child_supports SET snapshot = jsonb_set(jsonb_set(jsonb_set(snapshot, '{context,note}', to_jsonb($2::text)),
        '{context,assessment}', $3::jsonb), '{context,services}', $4::jsonb) WHERE id = $1`,
      [s.id, NOTE, JSON.stringify({ ...before.support.assessment, by: await userId(t, WORKER) }), JSON.stringify(before.support.services)]);
    await t.ownerDs.query(`UPDATE child_support_events SET data = jsonb_set(data, '{note}', to_jsonb($2::text)) WHERE support_id = $1 AND type = 'REGISTER'`, [s.id, NOTE]);
    await t.ownerDs.query(`UPDATE child_support_events SET data = $2 WHERE support_id = $1 AND type = 'ASSESS'`, [s.id, JSON.stringify(before.support.timeline.find((e: { type: string }) => e.type === 'ASSESS').data)]);
    await t.ownerDs.query(`UPDATE child_support_services SET detail = $2, end_reason = $3 WHERE support_id = $1 AND seq = 2`, [s.id, PLAN.services[1].detail, END_REASON]);
    const handoffsText = `SELECT h::text AS text FROM handoffs h WHERE case_id = $1`;
    const supportText = `SELECT s::text AS text FROM child_supports s WHERE id = $1 UNION ALL SELECT e::text FROM child_support_events e WHERE support_id = $1
      UNION ALL SELECT v::text FROM child_support_services v WHERE support_id = $1`;
    expect((await clearIn(handoffsText, [c.id], HANDOFF_TEXT)).found.length).toBeGreaterThan(0);
    expect((await clearIn(supportText, [s.id], SUPPORT_TEXT)).found.length).toBeGreaterThan(0);
    // Clear rows read as they did.
    const clear = await read();
    expect(clear.handoff).toEqual(before.handoff);
    expect(clear.police.procedure).toEqual(before.police.procedure);
    expect(clear.transfer).toEqual(before.transfer);
    expect(clear.support).toMatchObject({ note: NOTE, assessment: before.support.assessment, services: before.support.services });
    expect(clear.support.timeline.find((e: { type: string }) => e.type === 'ASSESS').data).toMatchObject(ASSESS);

    // The backfills ran once at start (recorded); a database before them had no record.
    const backfills = `SELECT name FROM field_backfills WHERE name IN ('handoffs', 'support_events') ORDER BY name`;
    expect(await t.ownerDs.query(backfills)).toEqual([{ name: 'handoffs' }, { name: 'support_events' }]);
    await t.ownerDs.query(`DELETE FROM field_backfills WHERE name IN ('handoffs', 'support_events')`);
    await t.app.get(HandoffsFieldBackfill).onApplicationBootstrap();
    await t.app.get(SupportsFieldBackfill).onApplicationBootstrap();
    expect(await t.ownerDs.query(backfills)).toEqual([{ name: 'handoffs' }, { name: 'support_events' }]);

    expect(await clearIn(handoffsText, [c.id], HANDOFF_TEXT)).toEqual({ rows: 4, found: [] });
    expect(await clearIn(supportText, [s.id], SUPPORT_TEXT)).toMatchObject({ found: [] });
    const [h] = await t.ownerDs.query(`SELECT instructions, outcome, snapshot->'context'->>'outcome' AS ctx FROM handoffs WHERE id = $1`, [medical]);
    expect(Object.values(h)).toEqual([expect.stringMatching(SEALED), expect.stringMatching(SEALED), expect.stringMatching(SEALED)]);
    const [v] = await t.ownerDs.query(`SELECT detail, end_reason FROM child_support_services WHERE support_id = $1 AND seq = 2`, [s.id]);
    expect(Object.values(v)).toEqual([expect.stringMatching(SEALED), expect.stringMatching(SEALED)]);
    expect(await read()).toEqual(before);
  });
});
