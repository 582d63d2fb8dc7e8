/**
 * Retention (src/retention/, README "Data protection"), on a controllable clock: Idempotency-Key
 * answers go after RETENTION_IDEMPOTENCY_HOURS, notifications and ended sessions after their days,
 * a closed case is anonymised RETENTION_ANONYMISE_CLOSED_AFTER_DAYS after its closure unless a legal
 * hold (supervisors and chair of its commune, audited) stops it; every run is idempotent and audited.
 */
import { Clock } from '../src/common/clock';
import { RetentionService } from '../src/retention/retention.service';
import { apply, intake } from './support/fixtures';
import { pdf } from './support/sample-files';
import { bootTestApp, TestApp } from './support/test-app';

class TestClock extends Clock {
  constructor(public t: Date) {
    super();
  }
  now(): Date {
    return new Date(this.t);
  }
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const WORKER = 'vanson.social_worker';

describe('retention (e2e)', () => {
  const clock = new TestClock(new Date());
  let t: TestApp;
  let retention: RetentionService;
  const later = (ms: number) => { clock.t = new Date(clock.t.getTime() + ms); };
  const audits = async (action: string, caseId?: string) => (await t.ds.query(
    `SELECT details FROM audit_log WHERE action = $1 AND ($2::uuid IS NULL OR case_id = $2) ORDER BY id`, [action, caseId ?? null])) as Array<{ details: Record<string, unknown> }>;

  beforeAll(async () => {
    t = await bootTestApp({ clock, env: { RETENTION_ANONYMISE_CLOSED_AFTER_DAYS: '365', RETENTION_NOTIFICATIONS_DAYS: '90', RETENTION_SESSIONS_DAYS: '30', RETENTION_DELIVERIES_DAYS: '30' } });
    retention = t.app.get(RetentionService);
  });
  afterAll(() => t.close());

  it('forgets an Idempotency-Key’s answer after 24 hours, not before', async () => {
    const c = await intake(t, WORKER);
    const auth = await t.login(WORKER);
    const body = { type: 'ADD_NOTE', data: { text: 'gọi điện' }, expectedVersion: 1 };
    const first = await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', auth).set('Idempotency-Key', 'ret-1').send(body);
    expect(first.status).toBe(200);
    await t.ds.query(`UPDATE idempotency_keys SET created_at = $1 WHERE key = 'ret-1'`, [clock.now()]);
    later(23 * HOUR);
    await retention.run();
    expect((await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', auth).set('Idempotency-Key', 'ret-1').send(body)).body).toEqual(first.body);
    later(2 * HOUR);
    expect((await retention.run()).idempotencyKeys).toBeGreaterThanOrEqual(1);
    expect(await t.ds.query(`SELECT 1 FROM idempotency_keys WHERE key = 'ret-1'`)).toEqual([]);
    // Gone: the same request is a new command now, refused on its stale version (not replayed).
    expect((await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', auth).set('Idempotency-Key', 'ret-1').send(body)).status).toBe(409);
    expect((await audits('retention.purged')).length).toBeGreaterThanOrEqual(1);
    // Idempotent: nothing left to purge at the same instant.
    expect((await retention.run()).idempotencyKeys).toBe(0);
  });

  it('purges notifications past their days and sessions ended past theirs, keeping the rest', async () => {
    const [{ id: user }] = await t.ds.query(`SELECT id FROM users WHERE username = $1`, [WORKER]);
    const now = clock.now().getTime();
    const [{ id: old }] = await t.ds.query(`INSERT INTO notifications (user_id, template, payload, created_at) VALUES ($1, 'repeat_report', '{}', $2) RETURNING id`, [user, new Date(now - 91 * DAY)]);
    const [{ id: recent }] = await t.ds.query(`INSERT INTO notifications (user_id, template, payload, created_at) VALUES ($1, 'repeat_report', '{}', $2) RETURNING id`, [user, new Date(now - 89 * DAY)]);
    const session = async (expires: number, revoked: number | null) => (await t.ds.query(
      `INSERT INTO sessions (user_id, expires_at, revoked_at, ip) VALUES ($1, $2, $3, '10.0.0.1') RETURNING id`,
      [user, new Date(expires), revoked === null ? null : new Date(revoked)]))[0].id as string;
    const expiredLongAgo = await session(now - 31 * DAY, null);
    const revokedLongAgo = await session(now + DAY, now - 31 * DAY);
    const expiredRecently = await session(now - 29 * DAY, null);
    const live = await session(now + DAY, null);
    const run = await retention.run();
    expect(run.notifications).toBe(1);
    expect(run.sessions).toBe(2);
    expect((await t.ds.query(`SELECT id FROM notifications WHERE id = ANY($1)`, [[old, recent]])).map((r: { id: string }) => r.id)).toEqual([recent]);
    const kept = (await t.ds.query(`SELECT id FROM sessions WHERE id = ANY($1)`, [[expiredLongAgo, revokedLongAgo, expiredRecently, live]])).map((r: { id: string }) => r.id);
    expect(kept.sort()).toEqual([expiredRecently, live].sort());
  });

  it('purges finished deliveries (their address) after RETENTION_DELIVERIES_DAYS, never one still to send', async () => {
    const [{ id: user }] = await t.ds.query(`SELECT id FROM users WHERE username = $1`, [WORKER]);
    const now = clock.now().getTime();
    const [{ id: note }] = await t.ds.query(`INSERT INTO notifications (user_id, template, payload, created_at) VALUES ($1, 'repeat_report', '{}', $2) RETURNING id`, [user, new Date(now - DAY)]);
    const delivery = async (status: string, ageDays: number) => {
      const at = new Date(now - ageDays * DAY);
      return (await t.ds.query(
        `INSERT INTO notification_deliveries (notification_id, user_id, channel, dedupe_key, address, status, urgent, not_before, created_at, updated_at)
         VALUES ($1, $2, 'sms', $3, '0912345678', $4, false, $5, $5, $5) RETURNING id`, [note, user, `ret-${status}-${ageDays}`, status, at]))[0].id as string;
    };
    const oldSent = await delivery('sent', 31);
    const oldFailed = await delivery('failed', 31);
    const oldQueued = await delivery('queued', 31);
    const recentSent = await delivery('sent', 29);
    const run = await retention.run();
    expect(run.deliveries).toBe(2);
    const kept = (await t.ds.query(`SELECT id FROM notification_deliveries WHERE id = ANY($1)`, [[oldSent, oldFailed, oldQueued, recentSent]])).map((r: { id: string }) => r.id);
    expect(kept.sort()).toEqual([oldQueued, recentSent].sort());
  });

  it('purges urgent alerts’ acknowledgement records after RETENTION_NOTIFICATION_ACKS_DAYS (180 by default), answered or not', async () => {
    const [{ id: user }] = await t.ds.query(`SELECT id FROM users WHERE username = $1`, [WORKER]);
    const now = clock.now().getTime();
    const ack = async (ageDays: number, acknowledged: boolean) => {
      const at = new Date(now - ageDays * DAY);
      return (await t.ds.query(
        `INSERT INTO notification_acks (token, template, created_at, due_at, acknowledged_at, acknowledged_by) VALUES ($1, 'deadline_breached', $2, $2, $3, $4) RETURNING id`,
        [`ret-ack-${ageDays}-${acknowledged}`, at, acknowledged ? at : null, acknowledged ? user : null]))[0].id as string;
    };
    const oldAnswered = await ack(181, true);
    const oldUnanswered = await ack(181, false);
    const recent = await ack(179, true);
    const run = await retention.run();
    expect(run.notificationAcks).toBe(2);
    expect((await t.ds.query(`SELECT id FROM notification_acks WHERE id = ANY($1)`, [[oldAnswered, oldUnanswered, recent]])).map((r: { id: string }) => r.id)).toEqual([recent]);
    expect((await audits('retention.purged')).at(-1)!.details).toMatchObject({ notificationAcks: 2 });
    expect((await retention.run()).notificationAcks).toBe(0);
  });

  it('anonymises a closed case after the configured days unless a legal hold stops it; holding is the commune leaders’, audited', async () => {
    const c = await intake(t, WORKER);
    await apply(t, WORKER, c.id, 'ADD_NOTE', { text: 'Bà ngoại Trần Thị Cúc đón trẻ về nhà' });
    await t.ds.query(`UPDATE cases SET closed_at = $2 WHERE id = $1`, [c.id, clock.now()]);
    const supervisor = await t.login('vanson.supervisor');
    const hold = (as: string, body: unknown = { reason: 'Vụ án đang được điều tra / under police investigation' }) =>
      t.http.put(`/api/v1/cases/${c.id}/legal-hold`).set('Authorization', as).send(body as object);

    expect((await hold(await t.login(WORKER))).status).toBe(403);
    expect((await hold(await t.login('ngoclien.supervisor'))).status).toBe(404);
    const bad = await hold(supervisor, { reason: 'x' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/ký tự.*\/.*characters/);
    const set = await hold(supervisor);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ caseId: c.id, legalHold: { reason: 'Vụ án đang được điều tra / under police investigation' } });
    expect(await audits('case.legal_hold_set', c.id)).toEqual([{ details: { reason: 'Vụ án đang được điều tra / under police investigation' } }]);

    later(366 * DAY);
    await retention.run();
    const [held] = await t.ds.query(`SELECT anonymised_at FROM cases WHERE id = $1`, [c.id]);
    expect(held.anonymised_at).toBeNull();
    const heldView = (await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', supervisor)).body;
    expect(heldView.reporter.name).toBe('Trần Văn Báo');
    // The case shows its hold (the console's legal-hold control reads it).
    expect(heldView.legalHold).toEqual({ reason: 'Vụ án đang được điều tra / under police investigation', since: expect.any(String), setBy: expect.any(String) });

    const badLift = await t.http.delete(`/api/v1/cases/${c.id}/legal-hold`).set('Authorization', supervisor).send({ reason: 'x' });
    expect(badLift.status).toBe(400);
    expect(badLift.body.details.fields.reason[0]).toMatch(/Lý do.*\/ reason/);
    const lifted = await t.http.delete(`/api/v1/cases/${c.id}/legal-hold`).set('Authorization', supervisor).send({ reason: 'Vụ án đã xét xử xong' });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toEqual({ caseId: c.id, legalHold: null });
    expect(await audits('case.legal_hold_lifted', c.id)).toEqual([
      { details: { previousReason: 'Vụ án đang được điều tra / under police investigation', reason: 'Vụ án đã xét xử xong' } },
    ]);
    expect((await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', supervisor)).body.legalHold).toBeNull();
    expect((await retention.run()).anonymisedCases).toBeGreaterThanOrEqual(1);

    const [row] = await t.ds.query(`SELECT anonymised_at, incident FROM cases WHERE id = $1`, [c.id]);
    expect(row.anonymised_at).not.toBeNull();
    expect(Object.keys(row.incident)).not.toContain('description');
    expect(await t.ds.query(`SELECT name, phone, address FROM case_reporters WHERE case_id = $1`, [c.id])).toEqual([{ name: null, phone: null, address: null }]);
    const [child] = await t.ds.query(`SELECT full_name, address, date_of_birth, sex, approx_age_years FROM case_children WHERE case_id = $1`, [c.id]);
    expect(child).toMatchObject({ full_name: null, address: null, date_of_birth: null, sex: 'female' });
    expect(child.approx_age_years).toBeGreaterThan(0);
    const events = JSON.stringify(await t.ds.query(`SELECT data FROM case_events WHERE case_id = $1`, [c.id]));
    expect(events).not.toContain('Trần Thị Cúc');
    expect(await audits('case.anonymised', c.id)).toHaveLength(1);
    // Still readable, without the personal data.
    const view = (await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', supervisor)).body;
    expect(view.reporter).toMatchObject({ name: null, phone: null });
    expect(view.child.fullName).toBeNull();
    // Done once; a hold now is too late.
    expect((await retention.run()).anonymisedCases).toBe(0);
    expect((await hold(supervisor)).status).toBe(409);
  });

  it('exports everything held about a child within the caller’s scope (JSON), audited; leaders only', async () => {
    const c = await intake(t, WORKER, { receivedAt: clock.now().toISOString() });
    await apply(t, WORKER, c.id, 'ADD_NOTE', { text: 'Đã gặp cô giáo chủ nhiệm' });
    const up = await t.http.post(`/api/v1/cases/${c.id}/attachments`).set('Authorization', await t.login(WORKER))
      .field('category', 'school_letter').attach('file', pdf('thu'), { filename: 'thu-nha-truong.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    const [{ child_id: childId }] = await t.ds.query(`SELECT child_id FROM cases WHERE id = $1`, [c.id]);
    // Another case of the same child, in another commune of the province: outside a Vân Sơn caller's scope.
    const other = await intake(t, 'ngoclien.social_worker', {
      receivedAt: clock.now().toISOString(), communeCode: 'ngoc-lien',
      child: { id: childId, fullName: 'Nguyễn Thị Lan', sex: 'female', dateOfBirth: '2015-04-01' },
    });
    const supervisor = await t.login('vanson.supervisor');
    const REASON = 'Công văn số 12/CA của Công an huyện';
    const noReason = await t.http.get(`/api/v1/children/${childId}/export`).set('Authorization', supervisor);
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.fields.reason[0]).toMatch(/Lý do.*\/ reason/);
    const res = await t.http.get(`/api/v1/children/${childId}/export`).query({ reason: REASON }).set('Authorization', supervisor);
    expect(res.status).toBe(200);
    expect(res.body.child).toMatchObject({ id: childId, fullName: 'Nguyễn Thị Lan' });
    const ids = res.body.cases.map((x: { case: { id: string } }) => x.case.id);
    expect(ids).toContain(c.id);
    expect(ids).not.toContain(other.id);
    const mine = res.body.cases.find((x: { case: { id: string } }) => x.case.id === c.id);
    expect(mine.case.reporter.name).toBe('Trần Văn Báo');
    expect(mine.case.incident.description).toBe('Trẻ bị đánh nhiều lần');
    expect(JSON.stringify(mine.timeline.items)).toContain('Đã gặp cô giáo chủ nhiệm');
    expect(mine.attachments).toEqual([expect.objectContaining({ id: up.body.attachment.id, filename: 'thu-nha-truong.pdf', category: 'school_letter' })]);
    expect(JSON.stringify(res.body)).not.toContain('%PDF');
    expect(res.body.supports).toEqual([]);
    expect(await audits('child.exported')).toEqual([{ details: { reason: REASON, cases: ids, attachments: 1, supports: [] } }]);
    expect((await t.http.get(`/api/v1/children/${childId}/export`).query({ reason: REASON }).set('Authorization', await t.login(WORKER))).status).toBe(403);
    expect((await t.http.get(`/api/v1/children/${childId}/export`).query({ reason: REASON }).set('Authorization', await t.login('namphu.supervisor'))).status).toBe(404);
    expect((await t.http.get(`/api/v1/children/not-a-uuid/export`).query({ reason: REASON }).set('Authorization', supervisor)).status).toBe(400);
  });

  it('leaves an open case and a case closed too recently alone', async () => {
    const open = await intake(t, WORKER, { receivedAt: clock.now().toISOString() });
    const recent = await intake(t, WORKER, { receivedAt: clock.now().toISOString() });
    await t.ds.query(`UPDATE cases SET closed_at = $2 WHERE id = $1`, [recent.id, new Date(clock.now().getTime() - 364 * DAY)]);
    await retention.run();
    expect((await t.ds.query(`SELECT anonymised_at FROM cases WHERE id = ANY($1)`, [[open.id, recent.id]])).every((r: { anonymised_at: Date | null }) => r.anonymised_at === null)).toBe(true);
  });
});
