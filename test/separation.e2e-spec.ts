/**
 * Temporary separation and alternative care (workflow `temporary-separation`, Luật Trẻ em 2016
 * Điều 52, 62–63; NĐ 56/2017/NĐ-CP Điều 32, 43–46; Mẫu số 07): proposed by the case's workers,
 * decided by the chair only (not the proposer) within 12 hours, printed as Mẫu 07; the 15 days end
 * it, with a warning two days before; monitoring visits are deadlines the workers' records settle;
 * extension and revocation are decisions of their own. Deadlines fire through the production path.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadlineFiringService } from '../src/timers/deadline-firing.service';
import { apply, intake, userId } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

describe('temporary separation (e2e)', () => {
  let t: TestApp;
  let vansonWorker: string;

  const get = async (as: string, path: string) => t.http.get(`/api/v1${path}`).set('Authorization', await t.login(as));
  const post = async (as: string, path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set('Authorization', await t.login(as)).send(body);
  const notified = async (caseId: string, template: string): Promise<string[]> => (await t.ds.query(
    `SELECT DISTINCT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.case_id = $1 AND n.template = $2 ORDER BY 1`,
    [caseId, template])).map((r: { username: string }) => r.username);
  const proposal = {
    separatedFrom: 'father', separatedFromName: 'Nguyễn Văn Bình', reason: 'Cha bạo lực với trẻ, trẻ không an toàn tại nhà',
    placement: { kind: 'relative', carerName: 'Trần Thị Cúc', address: 'Thôn Tây, xã Vân Sơn', phone: '0912345678', relation: 'bà ngoại' },
    consent: { given: true, method: 'in_person', note: 'Trẻ đồng ý ở với bà ngoại' },
    plannedDays: 15,
  };
  type Sep = { id: string; version: number; state: string; [k: string]: unknown };

  async function verifying(overrides: Record<string, unknown> = {}) {
    const c = await intake(t, 'vanson.hotline_operator', overrides);
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: vansonWorker });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    return c;
  }
  async function proposed(body: object = proposal) {
    const c = await verifying();
    const res = await post('vanson.social_worker', `/cases/${c.id}/separations`, body);
    if (res.status !== 201) throw new Error(`propose: ${res.status} ${JSON.stringify(res.body)}`);
    return { c, sep: res.body.separation as Sep };
  }
  const event = (as: string, s: Sep, type: string, data: Record<string, unknown> = {}) =>
    post(as, `/separations/${s.id}/events`, { type, data, expectedVersion: s.version });
  async function decided(body: object = proposal) {
    const { c, sep } = await proposed(body);
    const res = await event('vanson.chair', sep, 'DECIDE_SEPARATION');
    if (res.status !== 200) throw new Error(`decide: ${res.status} ${JSON.stringify(res.body)}`);
    return { c, sep: res.body.separation as Sep };
  }
  const deadline = async (sepId: string, key: string) =>
    (await t.ds.query(`SELECT id, status, due_at, escalation_level FROM deadlines WHERE handoff_id = $1 AND key = $2 ORDER BY created_at DESC`, [sepId, key]))[0];
  async function fireNow(sepId: string, key: string) {
    const d = await deadline(sepId, key);
    await t.ds.query(`UPDATE deadlines SET due_at = now() - interval '1 minute' WHERE id = $1`, [d.id]);
    expect((await t.app.get(DeadlineFiringService).fire(d.id)).result).toBe('fired');
    return d.id as string;
  }

  beforeAll(async () => {
    t = await bootTestApp({ worker: true });
    vansonWorker = await userId(t, 'vanson.social_worker');
  });
  afterAll(() => t.close());

  it('a proposal awaits the chair’s decision within 12 hours', async () => {
    const { c, sep } = await proposed();
    expect(sep).toMatchObject({
      caseId: c.id, state: 'proposed', workflow: 'temporary-separation', workflowVersion: 1, separatedFrom: 'father',
      placement: proposal.placement, consent: { given: true, method: 'in_person' }, plannedDays: 15, proposedBy: vansonWorker,
      startOn: null, endOn: null, daysLeft: null, allowedActions: ['CANCEL_SEPARATION'],
    });
    const due = new Date(String(sep.decisionDueAt)).getTime() - new Date(String(sep.proposedAt)).getTime();
    expect(due).toBe(12 * 3600_000);
    expect(await notified(c.id, 'separation_proposed')).toEqual(['vanson.chair', 'vanson.supervisor']);
    const chairView = await get('vanson.chair', `/separations/${sep.id}`);
    expect(chairView.body.allowedActions).toEqual(['DECIDE_SEPARATION', 'REJECT_SEPARATION', 'CANCEL_SEPARATION']);
    // A second proposal while one is open: 409.
    expect((await post('vanson.social_worker', `/cases/${c.id}/separations`, proposal)).status).toBe(409);
    // It is not a partner agency's work: not among the case's handoffs; the case lists it among its separations.
    const view = (await get('vanson.social_worker', `/cases/${c.id}`)).body;
    expect(view.handoffs).toEqual([]);
    expect(view.separations).toEqual([{ id: sep.id, state: 'proposed', placementKind: 'relative', startOn: null, endOn: null, proposedAt: expect.any(String) }]);
    // An open separation is open work: the case's closure waits for it, as the engine's fact says.
    expect(view.allowedEvents).not.toContain('PROPOSE_CLOSURE');
  });

  it('only the chair decides, and not whoever proposed it', async () => {
    const { sep } = await proposed();
    for (const who of ['vanson.social_worker', 'vanson.supervisor']) {
      const res = await event(who, sep, 'DECIDE_SEPARATION');
      expect(res.status).toBe(403);
      expect(res.body.message).toContain('Only the commune chair decides');
    }
    // The chair proposing a separation cannot decide it too.
    const c2 = await verifying();
    const own = await post('vanson.chair', `/cases/${c2.id}/separations`, proposal);
    expect(own.status).toBe(403); // the chair is no case worker: proposals are the workers'
    // Another commune's chair: the separation does not exist for them.
    expect((await event('ngoclien.chair', sep, 'DECIDE_SEPARATION')).status).toBe(404);
  });

  it('the decision is numbered and prints as Mẫu 07 with the child, whom from, dates, placement and carer', async () => {
    const { c, sep } = await decided();
    expect(sep).toMatchObject({ state: 'in_effect', daysLeft: 15 });
    expect(sep.startOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const decisions = (await get('vanson.social_worker', `/cases/${c.id}/decisions`)).body;
    const d = decisions.find((x: { kind: string }) => x.kind === 'separation');
    expect(d).toMatchObject({ kind: 'separation', signer: { title: 'chair' } });
    expect(d.number).toBeGreaterThan(0);
    expect(d.body.separation).toMatchObject({ separatedFrom: 'father', startOn: sep.startOn, endOn: sep.endOn, placement: { kind: 'relative', carerName: 'Trần Thị Cúc' } });
    const [row] = await t.ds.query(`SELECT handoff_id FROM decisions WHERE id = $1`, [d.id]);
    expect(row.handoff_id).toBe(sep.id);

    const pdf = await t.http.get(`/api/v1/cases/${c.id}/documents/mau-07`).set('Authorization', await t.login('vanson.social_worker')).buffer(true)
      .parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (x: Buffer) => chunks.push(x)); res.on('end', () => cb(null, Buffer.concat(chunks))); });
    expect(pdf.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'mau07-'));
    writeFileSync(join(dir, 'f.pdf'), pdf.body as Buffer);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Nguyễn Thị Lan');
    expect(text).toContain('Trần Thị Cúc');
    expect(text).toContain('Nguyễn Văn Bình');
    // The proposer's line: the social worker who proposed it (the decision quotes them).
    const [{ full_name: proposer }] = await t.ds.query(`SELECT full_name FROM users WHERE username = 'vanson.social_worker'`);
    expect(d.body.quoted.by).toMatchObject({ name: proposer });
    expect(text).toContain(`Xét đề nghị của công chức Văn hóa - Xã hội ${proposer}`);
    expect(text).toContain(`${d.number}/QĐ-UBND`);
    const [y, m, day] = String(sep.endOn).split('-');
    expect(text).toContain(`${day}/${m}/${y}`);
    // The decision deadline is met; the end, its warning and the first visit are pending.
    expect((await deadline(sep.id, 'separation_decision')).status).toBe('met');
    const pending = (sep.deadlines as Array<{ key: string; status: string }>).map((x) => x.key).sort();
    expect(pending).toEqual(['monitoring_visit', 'separation_end', 'separation_end_warning']);
    const end = await deadline(sep.id, 'separation_end');
    const warn = await deadline(sep.id, 'separation_end_warning');
    expect(new Date(end.due_at).getTime() - new Date(warn.due_at).getTime()).toBe(2 * 86_400_000);
  });

  it('the 12-hour decision deadline breaches and escalates; the proposal stays open to decide', async () => {
    const { c, sep } = await proposed();
    const id = await fireNow(sep.id, 'separation_decision');
    const [breached] = await t.ds.query(`SELECT status, escalation_level FROM deadlines WHERE id = $1`, [id]);
    expect(breached).toMatchObject({ status: 'breached', escalation_level: 1 });
    expect(await notified(c.id, 'deadline_breached')).toEqual(expect.arrayContaining(['vanson.chair', 'vanson.supervisor', 'vanson.social_worker']));
    const now = (await get('vanson.chair', `/separations/${sep.id}`)).body;
    expect(now).toMatchObject({ state: 'proposed', overdue: true });
    expect((await event('vanson.chair', now, 'DECIDE_SEPARATION')).status).toBe(200);
  });

  it('monitoring visits are scheduled and settled by the worker’s record, which schedules the next', async () => {
    const { sep } = await decided();
    const first = await deadline(sep.id, 'monitoring_visit');
    expect(first.status).toBe('pending');
    expect(new Date(first.due_at).getTime() - Date.now()).toBeGreaterThan(3 * 86_400_000 - 120_000);
    // A missed visit escalates to the assignee and the supervisors.
    await fireNow(sep.id, 'monitoring_visit');
    const s1 = (await get('vanson.social_worker', `/separations/${sep.id}`)).body;
    const res = await event('vanson.social_worker', s1, 'RECORD_VISIT', {
      visitedOn: s1.startOn, observations: 'Trẻ ở nhà bà ngoại, sinh hoạt bình thường', childCondition: 'Khỏe, ăn ngủ tốt', carerCare: 'Bà chăm sóc chu đáo',
    });
    expect(res.status).toBe(200);
    expect(res.body.separation.visits).toEqual([expect.objectContaining({ visitedOn: s1.startOn, childCondition: 'Khỏe, ăn ngủ tốt', byId: vansonWorker })]);
    const visits = await t.ds.query(`SELECT status FROM deadlines WHERE handoff_id = $1 AND key = 'monitoring_visit' ORDER BY created_at`, [sep.id]);
    expect(visits.map((v: { status: string }) => v.status)).toEqual(['met_late', 'pending']);
    // The chair records no visit.
    expect((await event('vanson.chair', res.body.separation, 'RECORD_VISIT', { visitedOn: s1.startOn, observations: 'x', childCondition: 'x', carerCare: 'x' })).status).toBe(403);
  });

  it('the early warning fires two days before the end, and the end ends it', async () => {
    const { c, sep } = await decided();
    await fireNow(sep.id, 'separation_end_warning');
    expect((await deadline(sep.id, 'separation_end_warning')).status).toBe('breached');
    expect(await notified(c.id, 'deadline_breached')).toEqual(expect.arrayContaining(['vanson.chair', 'vanson.supervisor']));
    expect((await get('vanson.chair', `/separations/${sep.id}`)).body.state).toBe('in_effect');
    await fireNow(sep.id, 'separation_end');
    const ended = (await get('vanson.chair', `/separations/${sep.id}`)).body;
    expect(ended).toMatchObject({ state: 'ended', outcome: 'expired', allowedActions: [], nextVisitAt: null });
    expect((await deadline(sep.id, 'monitoring_visit')).status).toBe('cancelled');
    expect(await notified(c.id, 'separation_ended')).toEqual(expect.arrayContaining(['vanson.chair', 'vanson.social_worker']));
  });

  it('an extension by a competent authority moves the end and is its own decision', async () => {
    const { c, sep } = await decided();
    const endBefore = new Date((await deadline(sep.id, 'separation_end')).due_at).getTime();
    const newEndOn = (() => { const d = new Date(`${String(sep.endOn)}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 10); return d.toISOString().slice(0, 10); })();
    const data = { authority: 'Tòa án nhân dân huyện', documentRef: '05/2026/QĐ-TA', newEndOn };
    expect((await event('vanson.supervisor', sep, 'EXTEND_SEPARATION', data)).status).toBe(403);
    expect((await event('vanson.chair', sep, 'EXTEND_SEPARATION', { ...data, newEndOn: sep.startOn })).status).toBe(400);
    const res = await event('vanson.chair', sep, 'EXTEND_SEPARATION', data);
    expect(res.status).toBe(200);
    expect(res.body.separation).toMatchObject({ endOn: newEndOn, extensions: 1, state: 'in_effect' });
    const endAfter = new Date((await deadline(sep.id, 'separation_end')).due_at).getTime();
    expect(endAfter - endBefore).toBe(10 * 86_400_000);
    const decisions = (await get('vanson.social_worker', `/cases/${c.id}/decisions`)).body;
    expect(decisions.map((d: { kind: string }) => d.kind)).toEqual(['separation', 'separation_extension']);
    expect(decisions[1].body.extension).toMatchObject(data);
    expect(decisions[1].number).toBe(decisions[0].number + 1);
  });

  it('a revocation (the home is safe) ends it and is a decision', async () => {
    const { c, sep } = await decided();
    const res = await event('vanson.chair', sep, 'REVOKE_SEPARATION', { reason: 'Cha đã cam kết, gia đình an toàn' });
    expect(res.status).toBe(200);
    expect(res.body.separation).toMatchObject({ state: 'revoked', outcome: 'revoked', daysLeft: null });
    const decisions = (await get('vanson.social_worker', `/cases/${c.id}/decisions`)).body;
    expect(decisions.map((d: { kind: string }) => d.kind)).toEqual(['separation', 'separation_revocation']);
    const open = await t.ds.query(`SELECT count(*)::int AS n FROM deadlines WHERE handoff_id = $1 AND status = 'pending'`, [sep.id]);
    expect(open[0].n).toBe(0);
  });

  it('a placement in a facility hands the child to the social work centre serving the commune', async () => {
    const { c, sep } = await decided({ ...proposal, placement: { kind: 'facility', carerName: 'Trung tâm Công tác xã hội tỉnh', address: 'TP Thanh Hóa' } });
    expect(sep.state).toBe('in_effect');
    const [h] = await t.ds.query(
      `SELECT h.kind, h.urgency, a.type FROM handoffs h JOIN agencies a ON a.id = h.agency_id WHERE h.case_id = $1 AND h.workflow = 'handoff'`, [c.id]);
    expect(h).toEqual({ kind: 'alternative_care', urgency: 'urgent', type: 'social_work_center' });
    // The centre sees its own handoff, never the separation.
    const inbox = await get('vanson.social_work_center', '/handoffs/inbox');
    expect(inbox.body.items.some((x: { kind: string; caseId?: string }) => x.kind === 'alternative_care')).toBe(true);
    expect((await get('vanson.social_work_center', `/separations/${sep.id}`)).status).toBe(404);
    expect((await get('vanson.social_work_center', `/cases/${c.id}/separations`)).status).toBe(403);
  });

  it('the consent of a child aged 7 or more is required; a younger child’s is not asked', async () => {
    const c = await verifying();
    const { consent: _omit, ...noConsent } = proposal;
    const res = await post('vanson.social_worker', `/cases/${c.id}/separations`, noConsent);
    expect(res.status).toBe(400);
    expect(res.body.details.fields.consent[0]).toMatch(/7 tuổi.*\/.*aged 7 or more/);
    const young = await verifying({ child: { fullName: 'Nguyễn Văn Tí', sex: 'male', dateOfBirth: '2022-01-10', address: 'Thôn Đông, xã Vân Sơn' } });
    const ok = await post('vanson.social_worker', `/cases/${young.id}/separations`, noConsent);
    expect(ok.status).toBe(201);
    expect(ok.body.separation.consent).toEqual({ given: null, method: null, note: null });
  });

  it('is proposed only while the case is verified, assessed or under intervention', async () => {
    const c = await intake(t, 'vanson.hotline_operator');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: vansonWorker });
    const res = await post('vanson.social_worker', `/cases/${c.id}/separations`, proposal);
    expect(res.status).toBe(422);
    expect(res.body.details.reason).toBe('separation_not_due');
    expect((await post('vanson.social_worker', `/cases/${c.id}/separations`, { ...proposal, plannedDays: 16 })).status).toBe(400);
  });

  it('another commune’s staff and partner agencies see nothing of it', async () => {
    const { c, sep } = await decided();
    expect((await get('ngoclien.supervisor', `/cases/${c.id}/separations`)).status).toBe(404);
    expect((await get('ngoclien.supervisor', `/separations/${sep.id}`)).status).toBe(404);
    expect((await post('ngoclien.social_worker', `/cases/${c.id}/separations`, proposal)).status).toBe(404);
    expect((await get('vanson.police', `/separations/${sep.id}`)).status).toBe(404);
    // A partner with sight of the case (a handoff of its own) is still refused its separations.
    const list = await get('vanson.police', `/cases/${c.id}/separations`);
    expect([403, 404]).toContain(list.status);
    const mine = await get('vanson.social_worker', `/cases/${c.id}/separations`);
    expect(mine.body.items.map((s: { id: string }) => s.id)).toEqual([sep.id]);
  });
});
