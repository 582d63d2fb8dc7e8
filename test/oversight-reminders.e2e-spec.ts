import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { Clock } from '../src/common/clock';
import { bullConnection } from '../src/common/bullmq';
import { JobName, QueueName } from '../src/jobs/job-registry';
import { ReportReminders } from '../src/oversight/report-reminders';
import { bootTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

class TestClock extends Clock {
  constructor(public t: Date) {
    super();
  }
  now(): Date {
    return new Date(this.t);
  }
}

describe('report reminders (e2e, BullMQ job scheduler)', () => {
  const clock = new TestClock(new Date('2026-05-05T01:00:00Z'));
  let t: TestApp;
  let queue: Queue;
  let connection: Redis;
  const reminded = async (report: string) => (await t.ds.query(
    `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id
      WHERE n.template = 'report_reminder' AND n.payload->>'report' = $1 ORDER BY u.username`, [report],
  )).map((r: { username: string }) => r.username);

  beforeAll(async () => {
    t = await bootTestApp({ worker: true, clock });
    connection = bullConnection(t.redisUrl);
    queue = new Queue(QueueName.Maintenance, { connection, prefix: t.config.queuePrefix });
  });
  afterAll(async () => {
    await queue.close();
    await connection.quit();
    await t.close();
  });

  it('schedules a run every morning at 08:00 in Vietnam', async () => {
    expect(await queue.getJobScheduler(JobName.RemindReports)).toMatchObject({ pattern: '0 8 * * *', tz: 'Asia/Ho_Chi_Minh' });
  });

  it('reminds the signers of every commune once of the 6-month report in the week before it is due (default: 10 July)', async () => {
    await t.ds.query(`UPDATE users SET active = false WHERE username = 'namphu.chair'`);
    clock.t = new Date('2026-07-03T01:00:00Z');
    await queue.add(JobName.RemindReports, {});
    // The supervisors who draft the report and the chairs who approve it, of every commune; not province staff.
    const expected = ['namphu.supervisor', 'ngoclien.chair', 'ngoclien.supervisor', 'vanson.chair', 'vanson.supervisor'];
    await waitFor('the reminders', async () => (await reminded('2026-H1')).length === expected.length);
    expect(await reminded('2026-H1')).toEqual(expected);
    // Runs again (a retried job, two workers at once, the next morning): nobody hears twice.
    const reminders = t.app.get(ReportReminders);
    expect(await Promise.all([reminders.remind(), reminders.remind()])).toEqual([0, 0]);
    clock.t = new Date('2026-07-10T01:00:00Z');
    expect(await reminders.remind()).toBe(0);
    expect(await reminded('2026-H1')).toEqual(expected);

    const inbox = await t.http.get('/api/v1/notifications').set('Authorization', await t.login('vanson.chair'));
    expect(inbox.body.items).toEqual([expect.objectContaining({
      template: 'report_reminder', caseId: null, payload: { report: '2026-H1', due: '2026-07-10' },
      textVi: 'Sắp đến hạn nộp báo cáo 2026-H1 (2026-07-10)', textEn: 'Report 2026-H1 is due soon (2026-07-10)',
    })]);
  });

  it('stays quiet outside the reminder weeks and reminds of the annual report before 15 January', async () => {
    const reminders = t.app.get(ReportReminders);
    clock.t = new Date('2026-07-11T01:00:00Z');
    expect(await reminders.remind()).toBe(0);
    clock.t = new Date('2027-01-07T16:59:59Z'); // 23:59:59 on 7 January in Vietnam
    expect(await reminders.remind()).toBe(0);
    clock.t = new Date('2027-01-07T17:00:00Z');
    expect(await reminders.remind()).toBe(5);
    expect(await reminded('2026')).toEqual(['namphu.supervisor', 'ngoclien.chair', 'ngoclien.supervisor', 'vanson.chair', 'vanson.supervisor']);
  });

  it('follows each province’s own calendar, and spares a commune whose report is sent', async () => {
    // Thanh Hóa closes its 6-month figures on 14 June and reports by 20 June; Hà Nội keeps the defaults.
    const admin = await t.login('vanson.admin');
    const put = await t.http.put('/api/v1/report-calendar/six_month').set('Authorization', admin)
      .send({ periodStart: '12-15', periodEnd: '06-14', due: '06-20', recipients: 'Sở Y tế tỉnh Thanh Hóa' });
    expect(put.status).toBe(200);
    // Vân Sơn's 2027 6-month report is already sent.
    await t.ds.query(`INSERT INTO report_statuses (commune_code, period, status) VALUES ('van-son', '2027-H1', 'sent')`);
    const reminders = t.app.get(ReportReminders);
    clock.t = new Date('2027-06-14T01:00:00Z');
    expect(await reminders.remind()).toBe(2);
    expect(await reminded('2027-H1')).toEqual(['ngoclien.chair', 'ngoclien.supervisor']);
    clock.t = new Date('2027-07-03T01:00:00Z');
    expect(await reminders.remind()).toBe(1);
    expect(await reminded('2027-H1')).toEqual(['namphu.supervisor', 'ngoclien.chair', 'ngoclien.supervisor']);
  });
});
