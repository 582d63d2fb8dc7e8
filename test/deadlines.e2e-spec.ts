import { dueAt, nthWorkingDayAfter } from '../src/deadlines/business-calendar';
import { DeadlineFiringService } from '../src/timers/deadline-firing.service';
import { bootTestApp, deleteRedisPrefix, TestApp } from './support/test-app';
import { apply, intake, userId, EMERGENCY } from './support/fixtures';
import { sleep, waitFor } from './support/wait';

const HOUR = 3_600_000;

async function deadline(t: TestApp, caseId: string, key: string) {
  const [row] = await t.ds.query(`SELECT * FROM deadlines WHERE case_id = $1 AND key = $2 AND handoff_id IS NULL ORDER BY created_at DESC LIMIT 1`, [caseId, key]);
  return row as { id: string; status: string; escalation_level: number; due_at: Date; breached_at: Date | null };
}

async function expiredEvents(t: TestApp, caseId: string): Promise<number> {
  const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'DEADLINE_EXPIRED'`, [caseId]);
  return n;
}

describe('legal deadlines that fire (e2e, real PostgreSQL + Redis + BullMQ)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ worker: true, env: { RECONCILE_INTERVAL_MS: '2000', OUTBOX_POLL_MS: '50' } });
  });
  afterAll(() => t.close());

  it('a report received 13 hours ago with immediate danger breaches its 12-hour deadline within seconds', async () => {
    const started = Date.now();
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true, receivedAt: new Date(Date.now() - 13 * HOUR).toISOString() });
    const row = await waitFor('the 12-hour deadline to breach', async () => {
      const d = await deadline(t, c.id, 'emergency_response');
      return d.status === 'breached' ? d : null;
    }, 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(row.escalation_level).toBe(1);
    const view = await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', await t.login('vanson.supervisor'));
    expect(view.body.overdue).toBe(true);
    expect(view.body.escalationLevel).toBe(1);
    const notified = await t.ds.query(
      `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.case_id = $1 AND n.template = 'deadline_breached'`, [c.id]);
    expect(notified.map((r: { username: string }) => r.username)).toEqual(['vanson.supervisor']);
    const inbox = await t.http.get('/api/v1/notifications').query({ unread: true }).set('Authorization', await t.login('vanson.supervisor'));
    const breach = inbox.body.items.find((n: { caseId: string; template: string }) => n.caseId === c.id && n.template === 'deadline_breached');
    expect(breach.textVi).toBe(`QUÁ HẠN: hồ sơ ${c.code} — Xác minh, đánh giá nguy cơ và áp dụng biện pháp khẩn cấp trong 12 giờ`);
    const pastEnd = await t.http.get('/api/v1/notifications').query({ page: 999 }).set('Authorization', await t.login('vanson.supervisor'));
    expect(pastEnd.body).toMatchObject({ items: [], page: 999, total: inbox.body.total });
    const read = await t.http.post(`/api/v1/notifications/${breach.id}/read`).set('Authorization', await t.login('vanson.supervisor'));
    expect(read.status).toBe(200);
    const [audited] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'notification.read' AND entity_id = $1`, [breach.id]);
    expect(audited.n).toBe(1);
    expect((await t.http.post(`/api/v1/notifications/${breach.id}/read`).set('Authorization', await t.login('vanson.chair'))).status).toBe(404);
    expect(await expiredEvents(t, c.id)).toBe(1);
  });

  it('a deadline still unsettled a day after it was due escalates to the chair, and the case shows the level', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true, receivedAt: new Date(Date.now() - 40 * HOUR).toISOString() });
    await waitFor('escalation to level 2', async () => (await deadline(t, c.id, 'emergency_response')).escalation_level === 2, 10_000);
    const chair = await t.ds.query(
      `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.case_id = $1 AND n.template = 'deadline_escalated' AND u.username = 'vanson.chair'`, [c.id]);
    expect(chair[0].n).toBe(1);
    const [caseRow] = await t.ds.query(`SELECT escalation_level FROM cases WHERE id = $1`, [c.id]);
    expect(caseRow.escalation_level).toBe(2);
    // Settling it (late) clears the case's overdue flag.
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    const after = await apply(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Cách ly'], ...EMERGENCY });
    expect(after.deadlines.find((d: { key: string }) => d.key === 'emergency_response').status).toBe('met_late');
    expect(after.escalationLevel).toBe(0);
    expect(after.overdue).toBe(false);
  });

  it('a settled deadline never fires', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true, receivedAt: new Date(Date.now() - 12 * HOUR + 2500).toISOString() });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    await apply(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Cách ly'], ...EMERGENCY });
    await sleep(4000);
    expect((await deadline(t, c.id, 'emergency_response')).status).toBe('met');
    expect(await expiredEvents(t, c.id)).toBe(0);
  });

  it('a duplicate firing changes the case once', async () => {
    const c = await intake(t, 'vanson.social_worker', { immediateDanger: true, receivedAt: new Date(Date.now() - 13 * HOUR).toISOString() });
    const d = await deadline(t, c.id, 'emergency_response');
    const firing = t.app.get(DeadlineFiringService);
    const results = await Promise.all([firing.fire(d.id), firing.fire(d.id), firing.fire(d.id)]);
    await waitFor('the breach', async () => (await deadline(t, c.id, 'emergency_response')).status === 'breached');
    await sleep(500); // let the worker's own job run too
    expect(results.filter((r) => r.result === 'fired').length).toBeLessThanOrEqual(1);
    expect(await expiredEvents(t, c.id)).toBe(1);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE case_id = $1 AND template = 'deadline_breached'`, [c.id]);
    expect(n).toBe(1);
  });

  it('after Redis loses every key, pending deadlines are re-armed and still fire', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true, receivedAt: new Date(Date.now() - 12 * HOUR + 3000).toISOString() });
    await waitFor('the timer job', async () => {
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`);
      return n === 0;
    });
    const lost = await deleteRedisPrefix(t.redisUrl, t.config.queuePrefix);
    expect(lost).toBeGreaterThan(0);
    await waitFor('the deadline to breach after Redis was lost', async () => (await deadline(t, c.id, 'emergency_response')).status === 'breached', 20_000);
    expect(await expiredEvents(t, c.id)).toBe(1);
  });

  it('computes the 5-working-day plan deadline across a weekend and the 30/4–1/5 holidays', async () => {
    // Wednesday 29 April 2026, 10:00 in Vietnam → Mon 4, Tue 5, Wed 6, Thu 7, Fri 8 May → due at 24:00 on Friday 8 May.
    const c = await intake(t, 'vanson.social_worker', { receivedAt: '2026-04-29T10:00:00+07:00' });
    const d = await deadline(t, c.id, 'plan_submission');
    expect(d.due_at.toISOString()).toBe(new Date('2026-05-09T00:00:00+07:00').toISOString());
  });

  it('a holiday announced by the national admin moves pending working-day deadlines; only the national admin may edit holidays', async () => {
    const receivedAt = new Date();
    const c = await intake(t, 'vanson.social_worker', { receivedAt: receivedAt.toISOString() });
    const before = await deadline(t, c.id, 'plan_submission');
    const known = new Set<string>((await t.ds.query(`SELECT to_char(day, 'YYYY-MM-DD') AS d FROM holidays`)).map((r: { d: string }) => r.d));
    const day = nthWorkingDayAfter(receivedAt, 2, known);
    const admin = await t.login('national.admin');
    const worker = await t.login('vanson.social_worker');
    expect((await t.http.put(`/api/v1/holidays/${day}`).set('Authorization', worker).send({ nameVi: 'x', nameEn: 'x' })).status).toBe(403);
    const provincialAdmin = await t.login('vanson.admin');
    expect((await t.http.put(`/api/v1/holidays/${day}`).set('Authorization', provincialAdmin).send({ nameVi: 'x', nameEn: 'x' })).status).toBe(403);
    expect((await t.http.put('/api/v1/holidays/2026-02-30').set('Authorization', admin).send({ nameVi: 'x', nameEn: 'x' })).status).toBe(400);
    const set = await t.http.put(`/api/v1/holidays/${day}`).set('Authorization', admin).send({ nameVi: 'Nghỉ bù', nameEn: 'Day in lieu' });
    expect(set.status).toBe(200);
    expect(set.body.rescheduled).toBeGreaterThanOrEqual(1);
    const after = await deadline(t, c.id, 'plan_submission');
    expect(after.due_at.toISOString()).toBe(dueAt(receivedAt, { workingDays: 5 }, new Set([...known, day])).toISOString());
    expect(after.due_at.getTime()).toBeGreaterThan(before.due_at.getTime());
    const list = await t.http.get('/api/v1/holidays').query({ year: Number(day.slice(0, 4)) }).set('Authorization', worker);
    expect(list.body.items).toContainEqual({ day, nameVi: 'Nghỉ bù', nameEn: 'Day in lieu' });
    expect((await t.http.delete(`/api/v1/holidays/${day}`).set('Authorization', admin)).status).toBe(200);
    expect((await deadline(t, c.id, 'plan_submission')).due_at.toISOString()).toBe(before.due_at.toISOString());
    expect((await t.http.delete(`/api/v1/holidays/${day}`).set('Authorization', admin)).status).toBe(404);
  });
});
