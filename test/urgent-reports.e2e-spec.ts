/**
 * Urgent upward reports (báo cáo đột xuất, workflow `urgent-report`): a drowning death reported at
 * intake opens the report at once, addressed to the province's Department of Health; the commune
 * completes and sends it; the chair receives it and the province acknowledges it; both deadlines
 * breach and climb their ladders through the production firing path; each province's own hours;
 * the province sees every report of its communes and no other province's; commune staff elsewhere
 * and partners see nothing; the PDF read back with pdftotext; reads audited.
 */
import { Writable } from 'node:stream';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { DeadlineFiringService } from '../src/timers/deadline-firing.service';
import { apply, intake, userId } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

type Report = { id: string; state: string; version: number; allowedActions: string[]; [k: string]: unknown };

const DROWNING = {
  child: { fullName: 'Lò Văn Đức', sex: 'male', dateOfBirth: '2017-06-02', address: 'Bản Nà Ổ, xã Vân Sơn' },
  incident: {
    types: [], injuryTypes: ['drowning'], outcome: 'death', description: 'Trẻ bị đuối nước khi tắm suối cùng bạn',
    occurredAt: new Date(Date.now() - 3 * 3_600_000).toISOString(), location: 'Suối Nậm Khòa, bản Nà Ổ',
    childCondition: 'Trẻ đã tử vong trước khi đến trạm y tế',
  },
};

describe('urgent reports (e2e)', () => {
  let t: TestApp;
  let vansonWorker: string;

  const auth = (as: string) => t.login(as);
  const get = async (as: string, path: string, query: Record<string, unknown> = {}) =>
    t.http.get(`/api/v1${path}`).query(query).set('Authorization', await auth(as));
  const post = async (as: string, path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set('Authorization', await auth(as)).send(body);
  const event = (as: string, id: string, type: string, data: object = {}) => post(as, `/urgent-reports/${id}/events`, { type, data });
  const notified = async (caseId: string, template: string): Promise<string[]> => (await t.ds.query(
    `SELECT DISTINCT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.case_id = $1 AND n.template = $2 ORDER BY 1`,
    [caseId, template])).map((r: { username: string }) => r.username);
  const reportsOf = async (caseId: string, as = 'vanson.social_worker'): Promise<Report[]> => (await get(as, `/cases/${caseId}/urgent-reports`)).body.items;
  const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);

  /** A drowning death reported to a commune's hotline: the case and the report it opened. */
  async function drowning(commune = 'van-son', as = 'vanson.hotline_operator') {
    const c = await intake(t, as, { ...DROWNING, communeCode: commune });
    const [report] = await reportsOf(c.id, `${commune.replace('-', '')}.social_worker`);
    return { c, report };
  }

  const SUBMIT = {
    summary: 'Khoảng 16 giờ, cháu Đức cùng hai bạn tắm suối; cháu bị nước cuốn, người dân vớt lên thì đã tử vong',
    occurredAt: '16 giờ 10 ngày 25/11/2026', location: 'Suối Nậm Khòa, bản Nà Ổ',
    children: 'Lò Văn Đức, nam, 9 tuổi, bản Nà Ổ', consequences: 'Cháu Đức tử vong',
    actionsTaken: 'UBND xã đã đến thăm hỏi, hỗ trợ gia đình mai táng', cause: 'Không có người lớn giám sát; suối không có biển cảnh báo',
    proposals: 'Đề nghị Sở Y tế hỗ trợ kinh phí truyền thông phòng chống đuối nước',
  };

  const logged: string[] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { logged.push(chunk.toString('utf8')); done(); } });
  const logs = () => logged.join('');
  beforeAll(async () => {
    // `atlantis` is no province of the database: said at start (a typo would leave a province on the default).
    t = await bootTestApp({ worker: true, logDestination: sink, env: { LOG_LEVEL: 'warn', URGENT_REPORT_HOURS_BY_PROVINCE: 'ha-noi:6,atlantis:3' } });
    vansonWorker = await userId(t, 'vanson.social_worker');
  });
  afterAll(() => t.close());

  it('warns at start of province codes in URGENT_REPORT_HOURS_BY_PROVINCE the database does not hold', () => {
    const warning = logs().split('\n').find((l) => l.includes('URGENT_REPORT_HOURS_BY_PROVINCE names provinces'));
    expect(warning).toBeDefined();
    expect(JSON.parse(warning!)).toMatchObject({ level: 40, unknown: ['atlantis'], defaultHours: 24 });
  });

  it('a drowning death at intake opens the report at once, addressed to the province’s Department of Health', async () => {
    const period = String(new Date(Date.now() + 7 * 3_600_000).getUTCFullYear());
    const abused = async () => {
      const { body } = await get('vanson.supervisor', '/statistics', { period });
      return (body.childrenAbused.total as number) + (body.adolescentsAbused.total as number);
    };
    const before = await abused();
    const { c, report } = await drowning();
    // A drowning alone is no abuse: the abuse statistics (Thông tư 13/2021 indicator 0101) do not count it.
    expect(await abused()).toBe(before);
    expect(report).toMatchObject({
      caseId: c.id, caseCode: c.code, state: 'drafted', kinds: ['death', 'drowning'], openedAt: 'intake', hours: 24,
      commune: { code: 'van-son', name: 'Xã Vân Sơn' }, provinceCode: 'thanh-hoa', addressedTo: { name: 'Sở Y tế Thanh Hóa' },
      overdue: false, outcome: null, allowedActions: ['SUBMIT_REPORT', 'WITHDRAW'],
      content: { summary: DROWNING.incident.description, location: DROWNING.incident.location, consequences: DROWNING.incident.childCondition },
    });
    expect(String((report.content as { children: string }).children)).toContain('Lò Văn Đức');
    const deadlines = report.deadlines as Array<{ key: string; status: string; dueAt: string }>;
    expect(deadlines.map((d) => [d.key, d.status])).toEqual([['urgent_report_chair', 'pending'], ['urgent_report_province', 'pending']]);
    const hours = (new Date(deadlines[0].dueAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const [basis] = await t.ds.query(`SELECT legal_basis FROM deadlines WHERE handoff_id = $1 LIMIT 1`, [report.id]);
    expect(basis.legal_basis).toContain('product default');
    expect(await notified(c.id, 'urgent_report_opened')).toEqual(['vanson.chair', 'vanson.supervisor']);
    // The case keeps the injury and its outcome; a drowning alone is no abuse (no abuse type, not in the abuse statistics).
    const view = (await get('vanson.social_worker', `/cases/${c.id}`)).body;
    expect(view.incident).toMatchObject({ types: [], injuryTypes: ['drowning'], outcome: 'death' });
    expect(view.handoffs).toEqual([]);
    // No agency's work: not in any inbox, not a handoff.
    expect(ids((await get('thanhhoa.supervisor', '/handoffs/inbox')).body.items)).not.toContain(report.id);
    expect((await get('thanhhoa.supervisor', `/handoffs/${report.id}`)).status).toBe(404);
    const [audited] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'urgent_report.open' AND entity_id = $1`, [report.id]);
    expect(audited.n).toBe(1);
  });

  it('an abuse report without a death or serious injury opens none; the intake refuses a report naming no abuse nor injury', async () => {
    const c = await intake(t, 'vanson.hotline_operator');
    expect(await reportsOf(c.id)).toEqual([]);
    const none = await post('vanson.hotline_operator', '/intake', { ...DROWNING, incident: { ...DROWNING.incident, injuryTypes: [] }, communeCode: 'van-son',
      channel: 'hotline_111', receivedAt: new Date().toISOString(), reporter: { anonymous: true }, immediateDanger: false });
    expect([none.status, Object.keys(none.body.details.fields)]).toEqual([400, ['incident.types']]);
    const bad = await post('vanson.hotline_operator', '/intake', { ...DROWNING, incident: { ...DROWNING.incident, outcome: 'dead', injuryTypes: ['swimming'] },
      communeCode: 'van-son', channel: 'hotline_111', receivedAt: new Date().toISOString(), reporter: { anonymous: true }, immediateDanger: false });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details.fields)).toContain('Choose');
  });

  it('the commune sends it; the chair receives it and the province acknowledges it; the commune closes it with the follow-up', async () => {
    const { c, report } = await drowning();
    const missing = await event('vanson.social_worker', report.id, 'SUBMIT_REPORT', { ...SUBMIT, summary: undefined });
    expect(missing.status).toBe(400);
    expect((await event('thanhhoa.supervisor', report.id, 'SUBMIT_REPORT', SUBMIT)).status).toBe(403);
    expect((await event('vanson.chair', report.id, 'RECEIVE')).status).toBe(422);
    const sent = await event('vanson.social_worker', report.id, 'SUBMIT_REPORT', SUBMIT);
    expect(sent.status).toBe(200);
    expect(sent.body.urgentReport).toMatchObject({ state: 'sent', content: SUBMIT, submittedBy: { id: vansonWorker }, allowedActions: ['WITHDRAW'] });
    expect(await notified(c.id, 'urgent_report_sent')).toEqual(expect.arrayContaining(['vanson.chair', 'thanhhoa.supervisor']));
    expect((await get('vanson.chair', `/urgent-reports/${report.id}`)).body.allowedActions).toEqual(['RECEIVE']);
    expect((await get('thanhhoa.supervisor', `/urgent-reports/${report.id}`)).body.allowedActions).toEqual(['ACKNOWLEDGE']);
    // Only the department it is addressed to acknowledges; only the commune's chair receives.
    expect((await event('vanson.supervisor', report.id, 'ACKNOWLEDGE')).status).toBe(403);
    expect((await event('hanoi.supervisor', report.id, 'ACKNOWLEDGE')).status).toBe(404);
    expect((await event('ngoclien.chair', report.id, 'RECEIVE')).status).toBe(404);
    const received = await event('vanson.chair', report.id, 'RECEIVE', { note: 'Giao Phòng VH-XH xác minh, hỗ trợ gia đình' });
    expect(received.body.urgentReport).toMatchObject({ state: 'chair_received', chairNote: 'Giao Phòng VH-XH xác minh, hỗ trợ gia đình' });
    expect(received.body.urgentReport.chairReceivedAt).not.toBeNull();
    const acknowledged = await event('thanhhoa.supervisor', report.id, 'ACKNOWLEDGE', { note: 'Đã nhận, đề nghị báo cáo kết quả' });
    expect(acknowledged.body.urgentReport).toMatchObject({ state: 'acknowledged', provinceNote: 'Đã nhận, đề nghị báo cáo kết quả', overdue: false });
    expect(acknowledged.body.urgentReport.deadlines.map((d: { status: string }) => d.status)).toEqual(['met', 'met']);
    expect(await notified(c.id, 'urgent_report_acknowledged')).toEqual(expect.arrayContaining(['vanson.supervisor']));
    const closed = await event('vanson.supervisor', report.id, 'CLOSE_REPORT', { followUp: 'Gia đình đã được hỗ trợ; xã lắp biển cảnh báo tại suối' });
    expect(closed.body.urgentReport).toMatchObject({ state: 'closed', outcome: 'closed', reason: 'Gia đình đã được hỗ trợ; xã lắp biển cảnh báo tại suối', allowedActions: [] });
    const statuses = (await get('vanson.social_worker', `/cases/${c.id}/timeline`)).body.items
      .filter((i: { type?: string }) => i.type === 'HANDOFF_UPDATED').map((i: { data: { status: string } }) => i.data.status);
    expect(statuses).toEqual(['urgent_report_drafted', 'urgent_report_sent', 'urgent_report_chair_received', 'urgent_report_acknowledged', 'urgent_report_closed']);
  });

  it('the commune opens one on a case later (serious abuse); one at a time; scope and bad bodies refused', async () => {
    const c = await intake(t, 'vanson.hotline_operator');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: vansonWorker });
    const opened = await post('vanson.social_worker', `/cases/${c.id}/urgent-reports`, { kinds: ['serious_abuse'], summary: 'Trẻ bị xâm hại nghiêm trọng' });
    expect(opened.status).toBe(201);
    expect(opened.body.urgentReport).toMatchObject({ kinds: ['serious_abuse'], openedAt: 'case', state: 'drafted', content: { summary: 'Trẻ bị xâm hại nghiêm trọng' } });
    expect(await notified(c.id, 'urgent_report_opened')).toEqual(['vanson.chair', 'vanson.social_worker', 'vanson.supervisor']);
    expect((await post('vanson.chair', `/cases/${c.id}/urgent-reports`, { kinds: ['serious_abuse'] })).status).toBe(409);
    expect((await post('ngoclien.social_worker', `/cases/${c.id}/urgent-reports`, { kinds: ['death'] })).status).toBe(404);
    expect((await post('vanson.police', `/cases/${c.id}/urgent-reports`, { kinds: ['death'] })).status).toBe(404);
    expect((await post('vanson.auditor', `/cases/${c.id}/urgent-reports`, { kinds: ['death'] })).status).toBe(403);
    expect((await post('ngoclien.chair', `/cases/${c.id}/urgent-reports`, { kinds: ['death'] })).status).toBe(404);
    for (const body of [{}, { kinds: [] }, { kinds: ['fire'] }, { kinds: 'death' }, { kinds: ['death', 'death'] }, { kinds: ['death'], extra: 1 }, { kinds: ['death'], summary: '' }]) {
      const res = await post('vanson.social_worker', `/cases/${c.id}/urgent-reports`, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    expect((await post('vanson.social_worker', '/cases/not-a-uuid/urgent-reports', { kinds: ['death'] })).status).toBe(400);
    expect((await post('vanson.social_worker', '/cases/00000000-0000-4000-8000-000000000000/urgent-reports', { kinds: ['death'] })).status).toBe(404);
    // Withdrawn: the deadlines stop.
    const id = opened.body.urgentReport.id;
    const withdrawn = await event('vanson.social_worker', id, 'WITHDRAW', { reason: 'Mở nhầm hồ sơ' });
    expect(withdrawn.body.urgentReport).toMatchObject({ state: 'withdrawn', reason: 'Mở nhầm hồ sơ' });
    expect(withdrawn.body.urgentReport.deadlines.map((d: { status: string }) => d.status)).toEqual(['cancelled', 'cancelled']);
    expect((await post('vanson.social_worker', '/urgent-reports/' + id + '/events', { type: 'FLY' })).status).toBe(400);
  });

  it('missed deadlines breach and escalate: the commune and its chair, then the department and its head', async () => {
    const { c, report } = await drowning();
    const firing = t.app.get(DeadlineFiringService);
    const deadline = async (key: string) => (await t.ds.query(`SELECT id FROM deadlines WHERE handoff_id = $1 AND key = $2`, [report.id, key]))[0].id as string;
    const chairId = await deadline('urgent_report_chair');
    const provinceId = await deadline('urgent_report_province');
    await t.ds.query(`UPDATE deadlines SET due_at = now() - interval '1 minute' WHERE handoff_id = $1`, [report.id]);
    expect((await firing.fire(chairId)).result).toBe('fired');
    expect(await notified(c.id, 'deadline_breached')).toEqual(['vanson.chair', 'vanson.supervisor']);
    expect((await firing.fire(provinceId)).result).toBe('fired');
    const breached = await notified(c.id, 'deadline_breached');
    expect(breached).toEqual(expect.arrayContaining(['thanhhoa.supervisor', 'vanson.auditor', 'vanson.chair', 'vanson.supervisor']));
    expect(breached.filter((u) => u.startsWith('hanoi') || u.startsWith('namphu'))).toEqual([]);
    const view = (await get('thanhhoa.supervisor', `/urgent-reports/${report.id}`)).body;
    expect(view).toMatchObject({ state: 'drafted', overdue: true });
    expect(view.deadlines.map((d: { status: string; escalationLevel: number }) => [d.status, d.escalationLevel])).toEqual([['breached', 1], ['breached', 1]]);
    expect(ids((await get('thanhhoa.supervisor', '/urgent-reports', { overdue: 'true', pageSize: 200 })).body.items)).toContain(report.id);
    expect(ids((await get('thanhhoa.supervisor', '/urgent-reports', { overdue: 'false', pageSize: 200 })).body.items)).not.toContain(report.id);
    const board = (await get('vanson.supervisor', '/oversight/overdue', { pageSize: 200 })).body.items;
    expect(board.find((i: { handoffId?: string }) => i.handoffId === report.id)).toMatchObject({ kind: 'handoff', handoffKind: 'urgent_report' });

    // The next rung, 12 hours on: the department's head and the chair.
    await t.ds.query(`UPDATE deadlines SET next_escalation_at = now() - interval '1 minute' WHERE id = $1`, [provinceId]);
    expect((await firing.fire(provinceId)).result).toBe('fired');
    expect((await t.ds.query(`SELECT escalation_level FROM deadlines WHERE id = $1`, [provinceId]))[0].escalation_level).toBe(2);
    expect(await notified(c.id, 'deadline_escalated')).toContain('vanson.chair');

    // Still open: sent and acknowledged late.
    await event('vanson.social_worker', report.id, 'SUBMIT_REPORT', SUBMIT);
    expect((await event('vanson.auditor', report.id, 'ACKNOWLEDGE')).status).toBe(200);
    expect((await t.ds.query(`SELECT status FROM deadlines WHERE id = $1`, [provinceId]))[0].status).toBe('met_late');
  });

  it('each province’s own hours (URGENT_REPORT_HOURS_BY_PROVINCE)', async () => {
    const { report } = await drowning('nam-phu', 'namphu.hotline_operator');
    expect(report).toMatchObject({ hours: 6, provinceCode: 'ha-noi', addressedTo: { name: 'Sở Y tế Hà Nội' } });
    const hours = (new Date((report.deadlines as Array<{ dueAt: string }>)[0].dueAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(5.9);
    expect(hours).toBeLessThanOrEqual(6);
  });

  it('the province sees every report of its communes and no other province’s; commune staff only theirs; partners nothing', async () => {
    const vanson = (await drowning()).report;
    const ngoclien = (await drowning('ngoc-lien', 'ngoclien.hotline_operator')).report;
    const namphu = (await drowning('nam-phu', 'namphu.hotline_operator')).report;
    const province = (await get('thanhhoa.supervisor', '/urgent-reports', { pageSize: 200 })).body;
    expect(Object.keys(province).sort()).toEqual(['items', 'page', 'pageSize', 'total']);
    expect(ids(province.items)).toEqual(expect.arrayContaining([vanson.id, ngoclien.id]));
    expect(ids(province.items)).not.toContain(namphu.id);
    expect(province.items.every((i: { provinceCode: string }) => i.provinceCode === 'thanh-hoa')).toBe(true);
    expect(JSON.stringify(province.items)).not.toContain('Trần Văn Báo'); // the case's reporter is never in a report
    const filtered = (await get('vanson.auditor', '/urgent-reports', { communeCode: 'ngoc-lien', status: 'open', pageSize: 200 })).body.items;
    expect(filtered.every((i: { commune: { code: string } }) => i.commune.code === 'ngoc-lien')).toBe(true);
    expect(ids(filtered)).toContain(ngoclien.id);
    const paged = (await get('thanhhoa.supervisor', '/urgent-reports', { pageSize: 1, page: 2 })).body;
    expect([paged.items.length, paged.page, paged.pageSize, paged.total]).toEqual([1, 2, 1, province.total]);
    expect(ids((await get('hanoi.supervisor', '/urgent-reports', { pageSize: 200 })).body.items)).toContain(namphu.id);
    expect((await get('hanoi.supervisor', `/urgent-reports/${vanson.id}`)).status).toBe(404);
    // Commune staff: their own commune's reports only.
    const mine = ids((await get('vanson.social_worker', '/urgent-reports', { pageSize: 200 })).body.items);
    expect(mine).toContain(vanson.id);
    expect(mine).not.toContain(ngoclien.id);
    expect((await get('ngoclien.supervisor', `/urgent-reports/${vanson.id}`)).status).toBe(404);
    expect((await get('ngoclien.supervisor', `/cases/${vanson.caseId}/urgent-reports`)).status).toBe(404);
    expect((await get('ngoclien.supervisor', `/urgent-reports/${vanson.id}/document`)).status).toBe(404);
    // Partners, the hotline and administrators: nothing.
    for (const who of ['vanson.police', 'vanson.health', 'vanson.education', 'vanson.legal_aid', 'vanson.social_work_center', 'vanson.hotline_operator', 'vanson.admin']) {
      expect([who, (await get(who, '/urgent-reports')).status]).toEqual([who, 403]);
      expect([who, (await get(who, `/urgent-reports/${vanson.id}`)).status]).toEqual([who, 404]);
      expect([who, (await get(who, `/urgent-reports/${vanson.id}/document`)).status]).toEqual([who, 404]);
      expect([who, (await event(who, vanson.id, 'ACKNOWLEDGE')).status]).toEqual([who, 404]);
    }
    expect((await get('vanson.social_worker', '/urgent-reports', { status: 'nope' })).status).toBe(400);
    expect((await get('vanson.social_worker', '/urgent-reports/not-a-uuid')).status).toBe(400);
  });

  it('the PDF: BÁO CÁO ĐỘT XUẤT to Sở Y tế, every field with its diacritics, signed by the chair; audited', async () => {
    const { report } = await drowning();
    await event('vanson.social_worker', report.id, 'SUBMIT_REPORT', SUBMIT);
    const res = await t.http.get(`/api/v1/urgent-reports/${report.id}/document`).set('Authorization', await auth('thanhhoa.supervisor'))
      .buffer(true).parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (d: Buffer) => chunks.push(d)); r.on('end', () => cb(null, Buffer.concat(chunks))); });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    const dir = mkdtempSync(join(tmpdir(), 'baove-urgent-'));
    try {
      const file = join(dir, 'r.pdf');
      writeFileSync(file, (res as Response).body as Buffer);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const s of ['ỦY BAN NHÂN DÂN', 'XÃ VÂN SƠN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO ĐỘT XUẤT',
        'Về vụ việc trẻ em tử vong, đuối nước', 'Kính gửi: Sở Y tế Thanh Hóa', SUBMIT.summary, SUBMIT.occurredAt, SUBMIT.location, SUBMIT.children,
        SUBMIT.consequences, SUBMIT.actionsTaken, SUBMIT.cause, SUBMIT.proposals, 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Demo chair Xã Vân Sơn', 'Nơi nhận']) {
        expect([s, text.includes(s)]).toEqual([s, true]);
      }
      expect(text).not.toContain('Trần Văn Báo');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await get('thanhhoa.supervisor', `/urgent-reports/${report.id}`);
    await get('thanhhoa.supervisor', '/urgent-reports');
    const rows = await t.ds.query(`SELECT DISTINCT action FROM audit_log WHERE action LIKE 'urgent_report.%' ORDER BY 1`);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(
      ['urgent_report.document', 'urgent_report.list', 'urgent_report.list_case', 'urgent_report.open', 'urgent_report.read']));
  });

  it('a case marked duplicate withdraws its open report', async () => {
    const original = await intake(t, 'vanson.hotline_operator');
    const { c, report } = await drowning();
    await apply(t, 'vanson.social_worker', c.id, 'MARK_DUPLICATE', { ofCaseId: original.id });
    expect((await get('vanson.social_worker', `/urgent-reports/${report.id}`)).body).toMatchObject({ state: 'withdrawn', outcome: 'withdrawn' });
  });
});
