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

  it('reminds every active supervisor once of the 6-month report in the week before 10 May', async () => {
    await t.ds.query(`UPDATE users SET active = false WHERE username = 'namphu.supervisor'`);
    await queue.add(JobName.RemindReports, {});
    const expected = ['hanoi.supervisor', 'ngoclien.supervisor', 'thanhhoa.supervisor', 'vanson.supervisor'];
    await waitFor('the reminders', async () => (await reminded('2026-H1')).length === expected.length);
    expect(await reminded('2026-H1')).toEqual(expected);
    // Runs again (a retried job, two workers at once, the next morning): nobody hears twice.
    const reminders = t.app.get(ReportReminders);
    expect(await Promise.all([reminders.remind(), reminders.remind()])).toEqual([0, 0]);
    clock.t = new Date('2026-05-10T01:00:00Z');
    expect(await reminders.remind()).toBe(0);
    expect(await reminded('2026-H1')).toEqual(expected);

    const inbox = await t.http.get('/api/v1/notifications').set('Authorization', await t.login('vanson.supervisor'));
    expect(inbox.body.items).toEqual([expect.objectContaining({
      template: 'report_reminder', caseId: null, payload: { report: '2026-H1', due: '2026-05-10' },
      textVi: 'Sắp đến hạn nộp báo cáo 2026-H1 (2026-05-10)', textEn: 'Report 2026-H1 is due soon (2026-05-10)',
    })]);
  });

  it('stays quiet outside the reminder weeks and reminds of the annual report before 10 November', async () => {
    const reminders = t.app.get(ReportReminders);
    clock.t = new Date('2026-05-11T01:00:00Z');
    expect(await reminders.remind()).toBe(0);
    clock.t = new Date('2026-11-02T16:59:59Z'); // 23:59:59 on 2 November in Vietnam
    expect(await reminders.remind()).toBe(0);
    clock.t = new Date('2026-11-02T17:00:00Z');
    expect(await reminders.remind()).toBe(4);
    expect(await reminded('2026')).toEqual(['hanoi.supervisor', 'ngoclien.supervisor', 'thanhhoa.supervisor', 'vanson.supervisor']);
  });
});
