/**
 * Transfer of a case when the child moves (workflow `commune-transfer`): requested by the commune
 * leading the case, accepted (ownership, scope and assignee move; history and audit stay whole),
 * declined or withdrawn; the decision deadline breaches and climbs its ladder through the
 * production firing path; both communes are told.
 */
import { DeadlineFiringService } from '../src/timers/deadline-firing.service';
import { apply, intake, send, userId } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

describe('transfers between communes (e2e)', () => {
  let t: TestApp;
  let vansonWorker: string;
  let namphuWorker: string;

  const get = async (as: string, path: string, query: Record<string, unknown> = {}) =>
    t.http.get(`/api/v1${path}`).query(query).set('Authorization', await t.login(as));
  const post = async (as: string, path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set('Authorization', await t.login(as)).send(body);
  const notified = async (caseId: string, template: string): Promise<string[]> => (await t.ds.query(
    `SELECT DISTINCT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.case_id = $1 AND n.template = $2 ORDER BY 1`,
    [caseId, template])).map((r: { username: string }) => r.username);
  const transferBody = { kind: 'transfer', toCommuneCode: 'nam-phu', reason: 'Gia đình chuyển về Hà Nội sinh sống', residence: { village: 'Thôn Phù Yên', address: 'Số 12' } };

  /** A Vân Sơn case, assigned and under verification. */
  async function takenUp() {
    const c = await intake(t, 'vanson.hotline_operator');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: vansonWorker });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    return c;
  }

  async function requested() {
    const c = await takenUp();
    const res = await post('vanson.social_worker', `/cases/${c.id}/transfers`, transferBody);
    if (res.status !== 201) throw new Error(`transfer: ${res.status} ${JSON.stringify(res.body)}`);
    return { c, transfer: res.body.transfer as { id: string; [k: string]: unknown } };
  }

  beforeAll(async () => {
    t = await bootTestApp({ worker: true });
    vansonWorker = await userId(t, 'vanson.social_worker');
    namphuWorker = await userId(t, 'namphu.social_worker');
  });
  afterAll(() => t.close());

  it('a transfer to a commune of another province is offered to it with a one-working-day decision', async () => {
    const { c, transfer } = await requested();
    expect(transfer).toMatchObject({
      kind: 'transfer', caseId: c.id, caseCode: c.code, state: 'requested', workflow: 'commune-transfer', workflowVersion: 1,
      fromCommune: { code: 'van-son', name: 'Xã Vân Sơn' }, toCommune: { code: 'nam-phu', name: 'Xã Nam Phù' },
      reason: transferBody.reason, residence: transferBody.residence, requestedBy: { id: vansonWorker }, overdue: false,
      decidedAt: null, outcome: null, allowedActions: ['CANCEL_TRANSFER'],
    });
    expect(new Date(String(transfer.dueAt)).getTime()).toBeGreaterThan(Date.now());
    const [deadline] = await t.ds.query(`SELECT key, status, legal_basis FROM deadlines WHERE handoff_id = $1`, [transfer.id]);
    expect(deadline).toMatchObject({ key: 'transfer_decision', status: 'pending' });
    expect(deadline.legal_basis).toContain('product default');
    expect(await notified(c.id, 'transfer_requested')).toEqual(['namphu.social_worker', 'namphu.supervisor']);

    // The receiving commune sees the case to decide, but does not act on it.
    const receiving = await get('namphu.supervisor', `/cases/${c.id}`);
    expect(receiving.status).toBe(200);
    expect(receiving.body.allowedEvents).toEqual([]);
    expect(receiving.body.communes.pending).toEqual({ code: 'nam-phu', name: 'Xã Nam Phù' });
    expect(receiving.body.transfers.map((x: { id: string; allowedActions: string[] }) => [x.id, x.allowedActions]))
      .toEqual([[transfer.id, ['ACCEPT_TRANSFER', 'DECLINE_TRANSFER']]]);
    expect(receiving.body.handoffs).toEqual([]);
    expect((await send(t, 'namphu.supervisor', c.id, 'ADD_NOTE', { text: 'x' })).status).toBe(403);
    const incoming = await get('namphu.social_worker', '/transfers', { direction: 'incoming', status: 'open' });
    expect(incoming.body.items.map((x: { id: string }) => x.id)).toContain(transfer.id);
    const outgoing = await get('vanson.supervisor', '/transfers', { direction: 'outgoing' });
    expect(outgoing.body.items.map((x: { id: string }) => x.id)).toContain(transfer.id);
    expect((await get('vanson.supervisor', '/transfers', { direction: 'incoming' })).body.items.map((x: { id: string }) => x.id)).not.toContain(transfer.id);
    expect((await get('ngoclien.supervisor', `/transfers/${transfer.id}`)).status).toBe(404);
    expect((await get('vanson.police', '/transfers')).body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    // It is no agency's work: not in the handoff inbox, not reachable as a handoff.
    const inbox = await get('namphu.social_worker', '/handoffs/inbox');
    expect(inbox.body.items.map((h: { id: string }) => h.id)).not.toContain(transfer.id);
    expect((await get('namphu.social_worker', `/handoffs/${transfer.id}`)).status).toBe(404);
    expect((await post('namphu.social_worker', `/handoffs/${transfer.id}/decline`, { reason: 'x' })).status).toBe(404);
    const [audited] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'transfer.request' AND entity_id = $1`, [transfer.id]);
    expect(audited.n).toBe(1);
  });

  it('refuses a second pending transfer, the leading commune itself, unknown communes, and bad bodies', async () => {
    const { c } = await requested();
    const again = await post('vanson.social_worker', `/cases/${c.id}/transfers`, { ...transferBody, toCommuneCode: 'ngoc-lien' });
    expect(again.status).toBe(409);
    const other = await takenUp();
    const self = await post('vanson.social_worker', `/cases/${other.id}/transfers`, { ...transferBody, toCommuneCode: 'van-son' });
    expect([self.status, Object.keys(self.body.details.fields)]).toEqual([400, ['toCommuneCode']]);
    const unknown = await post('vanson.social_worker', `/cases/${other.id}/transfers`, { ...transferBody, toCommuneCode: 'khong-co' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.fields.toCommuneCode[0]).toContain('Unknown commune');
    for (const body of [{}, { ...transferBody, kind: 'move' }, { ...transferBody, reason: '' }, { ...transferBody, residence: ['x'] },
      { ...transferBody, residence: { village: 5 } }, { ...transferBody, extra: 1 }]) {
      const res = await post('vanson.social_worker', `/cases/${other.id}/transfers`, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    expect((await post('vanson.chair', `/cases/${other.id}/transfers`, transferBody)).status).toBe(403);
    expect((await post('vanson.social_worker', `/cases/not-a-uuid/transfers`, transferBody)).status).toBe(400);
    expect((await post('vanson.social_worker', `/cases/00000000-0000-4000-8000-000000000000/transfers`, transferBody)).status).toBe(404);
  });

  it('refuses a closed case and a case awaiting a decision (422 with the reason)', async () => {
    const awaiting = await takenUp();
    await apply(t, 'vanson.social_worker', awaiting.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'low', substantiated: false, summary: 'Không có căn cứ' });
    await apply(t, 'vanson.social_worker', awaiting.id, 'CLOSE_UNFOUNDED', { reason: 'Tin báo sai' });
    const refused = await post('vanson.social_worker', `/cases/${awaiting.id}/transfers`, transferBody);
    expect([refused.status, refused.body.details.reason]).toEqual([422, 'awaiting_decision']);
    const original = await intake(t, 'vanson.social_worker');
    const duplicate = await intake(t, 'vanson.social_worker');
    await apply(t, 'vanson.social_worker', duplicate.id, 'MARK_DUPLICATE', { ofCaseId: original.id });
    const closed = await post('vanson.social_worker', `/cases/${duplicate.id}/transfers`, transferBody);
    expect([closed.status, closed.body.details.reason]).toEqual([422, 'case_closed']);
  });

  it('acceptance moves ownership, scope and assignee; history and the audit chain stay whole; both communes are told', async () => {
    const { c, transfer } = await requested();
    const wrongAssignee = await post('namphu.supervisor', `/transfers/${transfer.id}/accept`, { assigneeId: vansonWorker });
    expect([wrongAssignee.status, Object.keys(wrongAssignee.body.details.fields)]).toEqual([400, ['assigneeId']]);
    expect((await post('namphu.supervisor', `/transfers/${transfer.id}/accept`, {})).status).toBe(400);
    expect((await post('vanson.supervisor', `/transfers/${transfer.id}/accept`, { assigneeId: namphuWorker })).status).toBe(403);
    expect((await post('namphu.police', `/transfers/${transfer.id}/accept`, { assigneeId: namphuWorker })).status).toBe(404);
    const before = (await get('vanson.social_worker', `/cases/${c.id}/timeline`)).body.items.filter((i: { kind: string }) => i.kind === 'event');

    const accepted = await post('namphu.chair', `/transfers/${transfer.id}/accept`, { assigneeId: namphuWorker });
    expect(accepted.status).toBe(200);
    expect(accepted.body.transfer).toMatchObject({ state: 'accepted', outcome: 'accepted', assigneeId: namphuWorker, allowedActions: [] });
    expect(accepted.body.transfer.decidedAt).not.toBeNull();

    const moved = (await get('namphu.social_worker', `/cases/${c.id}`)).body;
    expect(moved).toMatchObject({ code: c.code, communeCode: 'nam-phu', state: 'verifying', assignee: { id: namphuWorker } });
    expect(moved.communes).toMatchObject({
      lead: { code: 'nam-phu' }, incident: { code: 'van-son' }, residence: { code: 'nam-phu' }, partner: null, pending: null,
    });
    expect(moved.allowedEvents).toContain('RECORD_INITIAL_ASSESSMENT');
    expect(moved.deadlines.find((d: { key: string; handoffId: string | null }) => d.handoffId === transfer.id).status).toBe('met');
    // The commune that gave the case up no longer sees it, but still sees its own request.
    expect((await get('vanson.social_worker', `/cases/${c.id}`)).status).toBe(404);
    expect((await get('vanson.social_worker', `/transfers/${transfer.id}`)).body.state).toBe('accepted');
    expect((await get('namphu.supervisor', '/cases', { pageSize: 200 })).body.items.map((i: { id: string }) => i.id)).toContain(c.id);

    // The history is whole: every earlier event, then the transfer's, the assignment by the accepting user.
    const timeline = (await get('namphu.social_worker', `/cases/${c.id}/timeline`)).body.items.filter((i: { kind: string }) => i.kind === 'event');
    expect(timeline.slice(0, before.length)).toEqual(before);
    expect(timeline.slice(before.length).map((e: { type: string; data: { status?: string }; actor: { role: string } }) => [e.type, e.data.status ?? null, e.actor.role]))
      .toEqual([['ASSIGN', null, 'chair'], ['HANDOFF_UPDATED', 'transfer_accepted', 'system']]);
    expect(before.map((e: { type: string; data: { status?: string } }) => [e.type, e.data.status ?? null]))
      .toEqual([['CASE_RECEIVED', null], ['ASSIGN', null], ['START_VERIFICATION', null], ['HANDOFF_UPDATED', 'transfer_requested']]);
    const [move] = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'case.commune_moved' AND case_id = $1`, [c.id]);
    expect(move.details).toMatchObject({ kind: 'transfer', from: 'van-son', to: 'nam-phu', transferId: transfer.id });

    expect(await notified(c.id, 'transfer_accepted')).toEqual(['namphu.social_worker', 'namphu.supervisor', 'vanson.social_worker', 'vanson.supervisor']);
    expect(await notified(c.id, 'case_assigned')).toEqual(['namphu.social_worker', 'vanson.social_worker']);
    expect(await notified(c.id, 'handoff_needs_attention')).toEqual([]);

    const auth = await t.login('namphu.supervisor');
    const verified = await waitFor('every audit row sealed', async () => {
      const res = await t.http.get('/api/v1/audit/verify').set('Authorization', auth);
      expect(res.status).toBe(200);
      return res.body.unsealed === 0 ? res.body : null;
    }, 60_000, 200);
    expect(verified.ok).toBe(true);
    // A transfer decided is decided.
    expect((await post('namphu.supervisor', `/transfers/${transfer.id}/decline`, { reason: 'x' })).status).toBe(422);
  });

  it('a decline keeps the case where it was and tells the requesting commune; the receiving commune loses sight', async () => {
    const { c, transfer } = await requested();
    expect((await post('namphu.social_worker', `/transfers/${transfer.id}/decline`, {})).status).toBe(400);
    const declined = await post('namphu.social_worker', `/transfers/${transfer.id}/decline`, { reason: 'Gia đình không cư trú tại xã' });
    expect(declined.status).toBe(200);
    expect(declined.body.transfer).toMatchObject({ state: 'declined', outcome: 'declined', decisionReason: 'Gia đình không cư trú tại xã' });
    const view = (await get('vanson.social_worker', `/cases/${c.id}`)).body;
    expect(view.communes).toMatchObject({ lead: { code: 'van-son' }, pending: null });
    expect(view.allowedEvents).toContain('RECORD_INITIAL_ASSESSMENT');
    expect((await get('namphu.social_worker', `/cases/${c.id}`)).status).toBe(404);
    expect(await notified(c.id, 'transfer_declined')).toEqual(['vanson.social_worker', 'vanson.supervisor']);
    expect(await notified(c.id, 'handoff_needs_attention')).toEqual([]);
    // Declined: another commune may be asked.
    expect((await post('vanson.supervisor', `/cases/${c.id}/transfers`, { ...transferBody, toCommuneCode: 'ngoc-lien' })).status).toBe(201);
  });

  it('the requesting commune withdraws; the receiving commune is told and can no longer decide', async () => {
    const { c, transfer } = await requested();
    expect((await post('namphu.social_worker', `/transfers/${transfer.id}/cancel`, { reason: 'x' })).status).toBe(403);
    const cancelled = await post('vanson.social_worker', `/transfers/${transfer.id}/cancel`, { reason: 'Gia đình ở lại' });
    expect(cancelled.body.transfer).toMatchObject({ state: 'cancelled', outcome: 'cancelled', decisionReason: 'Gia đình ở lại' });
    expect(await notified(c.id, 'transfer_cancelled')).toEqual(['namphu.social_worker', 'namphu.supervisor']);
    const late = await post('namphu.social_worker', `/transfers/${transfer.id}/accept`, { assigneeId: namphuWorker });
    expect(late.status).toBe(422);
    expect((await get('vanson.social_worker', `/cases/${c.id}`)).body.communes.pending).toBeNull();
  });

  it('a case closed as a duplicate withdraws its pending transfer', async () => {
    const original = await intake(t, 'vanson.social_worker');
    const { c, transfer } = await requested();
    await apply(t, 'vanson.social_worker', c.id, 'MARK_DUPLICATE', { ofCaseId: original.id });
    const view = (await get('vanson.social_worker', `/transfers/${transfer.id}`)).body;
    expect(view).toMatchObject({ state: 'cancelled', decisionReason: 'Hồ sơ đã đóng / The case was closed' });
    expect((await get('vanson.social_worker', `/cases/${c.id}`)).body.communes.pending).toBeNull();
  });

  it('a missed decision breaches, escalates to the receiving office, then to the leading commune’s supervisors and chair', async () => {
    const { c, transfer } = await requested();
    const firing = t.app.get(DeadlineFiringService);
    const [{ id: deadlineId }] = await t.ds.query(`SELECT id FROM deadlines WHERE handoff_id = $1 AND key = 'transfer_decision'`, [transfer.id]);
    await t.ds.query(`UPDATE deadlines SET due_at = now() - interval '1 minute' WHERE id = $1`, [deadlineId]);
    expect((await firing.fire(deadlineId)).result).toBe('fired');
    const [breached] = await t.ds.query(`SELECT status, escalation_level FROM deadlines WHERE id = $1`, [deadlineId]);
    expect(breached).toEqual({ status: 'breached', escalation_level: 1 });
    expect(await notified(c.id, 'deadline_breached')).toEqual(['namphu.social_worker', 'namphu.supervisor']);
    expect(await notified(c.id, 'handoff_needs_attention')).toEqual([]);
    expect((await get('namphu.supervisor', `/transfers/${transfer.id}`)).body).toMatchObject({ state: 'requested', overdue: true });
    const events = (await get('vanson.social_worker', `/cases/${c.id}/timeline`)).body.items
      .filter((i: { kind: string; type?: string }) => i.type === 'HANDOFF_UPDATED').map((i: { data: { status: string } }) => i.data.status);
    expect(events).toEqual(['transfer_requested', 'transfer_overdue']);
    const board = (await get('vanson.supervisor', '/oversight/overdue', { pageSize: 200 })).body.items;
    expect(board.find((i: { handoffId?: string }) => i.handoffId === transfer.id)).toMatchObject({ kind: 'handoff', handoffKind: 'commune_transfer' });

    // The next rung: a day after the missed decision.
    await t.ds.query(`UPDATE deadlines SET next_escalation_at = now() - interval '1 minute' WHERE id = $1`, [deadlineId]);
    expect((await firing.fire(deadlineId)).result).toBe('fired');
    expect((await t.ds.query(`SELECT escalation_level FROM deadlines WHERE id = $1`, [deadlineId]))[0].escalation_level).toBe(2);
    expect(await notified(c.id, 'deadline_escalated')).toEqual(['namphu.social_worker', 'namphu.supervisor', 'vanson.chair', 'vanson.supervisor']);

    // Still open to decide: accepted late.
    const accepted = await post('namphu.supervisor', `/transfers/${transfer.id}/accept`, { assigneeId: namphuWorker });
    expect(accepted.status).toBe(200);
    const [settled] = await t.ds.query(`SELECT status FROM deadlines WHERE id = $1`, [deadlineId]);
    expect(settled.status).toBe('met_late');
  });

  it('reads are audited', async () => {
    const { transfer } = await requested();
    await get('namphu.supervisor', `/transfers/${transfer.id}`);
    await get('namphu.supervisor', '/transfers', { status: 'all' });
    const rows = await t.ds.query(
      `SELECT l.action FROM audit_log l JOIN users u ON u.id = l.actor_id WHERE u.username = 'namphu.supervisor' AND l.action LIKE 'transfer.%' ORDER BY l.id`);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(['transfer.read', 'transfer.list']));
  });
});
