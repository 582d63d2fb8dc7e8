/**
 * Issue 18: notifications that reach people, against real peers the test starts — an SMTP server,
 * an HTTP SMS gateway stand-in and a Web Push endpoint that checks VAPID and decrypts.
 */
import webpush from 'web-push';
import { EscalationService } from '../src/delivery/escalation.service';
import { SMS_SEGMENT } from '../src/notifications/messages';
import { apply, intake, userId } from './support/fixtures';
import { startGateway, startPushService, startSmtp } from './support/notify-peers';
import { bootTestApp, TestApp } from './support/test-app';
import { sleep, waitFor } from './support/wait';

const HOUR = 3_600_000;
const API = '/api/v1';
const CHILD = ['Nguyễn Thị Lan', 'Nguyen Thi Lan', 'Thôn Đông', 'Thon Dong', 'Trần Văn Báo', 'Tran Van Bao', '0912345678'];

describe('notifications on e-mail, SMS and Web Push (e2e, real peers)', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let gw: Awaited<ReturnType<typeof startGateway>>;
  let push: Awaited<ReturnType<typeof startPushService>>;
  const vapid = webpush.generateVAPIDKeys();
  const callbackToken = 'callback-token-0123456789';

  beforeAll(async () => {
    smtp = await startSmtp();
    gw = await startGateway();
    push = await startPushService(vapid.publicKey);
    t = await bootTestApp({
      worker: true,
      env: {
        SMTP_URL: smtp.url, SMTP_FROM: 'baove <no-reply@baove.test>', SMS_PROVIDER: 'http', SMS_URL: gw.url, SMS_TOKEN: 'sms-token',
        VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: 'mailto:ops@baove.test',
        NOTIFY_CALLBACK_TOKEN: callbackToken, NOTIFY_BACKOFF_MS: '200', NOTIFY_SEND_TIMEOUT_MS: '1000', NOTIFY_SEND_ATTEMPTS: '4',
        NOTIFY_PUBLIC_URL: 'https://baove.example.vn', OUTBOX_POLL_MS: '50',
      },
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await Promise.all([smtp?.close(), gw?.close(), push?.close()]);
  });

  const as = async (user: string) => ({ Authorization: await t.login(user) });

  /** Sets and verifies a user's e-mail (the code read from the SMTP server) and phone (from the gateway). */
  async function verifyContacts(user: string, email: string | null, phone: string | null) {
    if (email) {
      const res = await t.http.post(`${API}/me/contacts/email`).set(await as(user)).send({ value: email });
      expect(res.status).toBe(200);
      const mail = await waitFor('the code e-mail', async () => smtp.mails.find((m) => m.to.includes(email) && /\d{6}/.test(m.text)));
      const code = /(\d{6})/.exec(mail.text)![1];
      expect((await t.http.post(`${API}/me/contacts/email/verify`).set(await as(user)).send({ code: code === '000000' ? '111111' : '000000' })).status).toBe(400);
      const ok = await t.http.post(`${API}/me/contacts/email/verify`).set(await as(user)).send({ code });
      expect(ok.status).toBe(200);
    }
    if (phone) {
      const res = await t.http.post(`${API}/me/contacts/phone`).set(await as(user)).send({ value: phone });
      expect(res.status).toBe(200);
      const e164 = phone.replace(/^0/, '+84');
      const sms = gw.requests.filter((r) => r.body.to === e164).pop()!;
      const code = /(\d{6})/.exec(String(sms.body.text))![1];
      expect(String(sms.body.text)).toMatch(/^[\x20-\x7e]+$/);
      expect((await t.http.post(`${API}/me/contacts/phone/verify`).set(await as(user)).send({ code })).status).toBe(200);
    }
  }

  const deliveries = (userName: string): Promise<Array<{ channel: string; status: string; template: string; attempts: number; last_error: string | null; not_before: Date; dedupe_key: string }>> =>
    t.ds.query(
      `SELECT d.channel, d.status, n.template, d.attempts, d.last_error, d.not_before, d.dedupe_key FROM notification_deliveries d
         JOIN notifications n ON n.id = d.notification_id JOIN users u ON u.id = d.user_id WHERE u.username = $1 ORDER BY d.created_at`, [userName],
    );

  it('verifies contacts by a code sent through them, and saves preferences', async () => {
    await verifyContacts('vanson.supervisor', 'sup@vanson.test', '0912000001');
    await verifyContacts('vanson.chair', 'chair@vanson.test', null);
    const sub = push.subscribe();
    const subscribed = await t.http.post(`${API}/me/push-subscriptions`).set(await as('vanson.supervisor')).send({ endpoint: sub.endpoint, keys: sub.keys, expirationTime: null });
    expect(subscribed.status).toBe(200);
    const put = await t.http.put(`${API}/me/notification-settings`).set(await as('vanson.supervisor')).send({
      language: 'en', quietHours: null, channels: { assignment: ['sms', 'email'], approval: ['email'], deadline: ['push', 'email'], update: [], digest: ['email'] },
    });
    expect(put.status).toBe(200);
    const got = await t.http.get(`${API}/me/notification-settings`).set(await as('vanson.supervisor'));
    expect(got.body).toMatchObject({
      language: 'en', quietHours: null, availableChannels: ['email', 'sms', 'push'],
      contacts: [{ kind: 'email', value: 'sup@vanson.test', verified: true }, { kind: 'phone', value: '+84912000001', verified: true }],
      pushSubscriptions: [{ service: expect.stringMatching(/^127\.0\.0\.1:\d+$/) }],
    });
    expect((await t.http.get(`${API}/notifications/vapid-public-key`).set(await as('vanson.social_worker'))).body).toEqual({ publicKey: vapid.publicKey });
    // A bad DTO: bilingual field errors, no 500.
    const bad = await t.http.put(`${API}/me/notification-settings`).set(await as('vanson.supervisor')).send({ language: 'fr', channels: { assignment: ['fax'] } });
    expect(bad.status).toBe(400);
  });

  it('sends an urgent breach on every verified channel at once, each once, with an ack link and no child data; SMS fits one GSM-7 segment', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true, receivedAt: new Date(Date.now() - 12 * HOUR + 1500).toISOString() });
    const mail = await waitFor('the breach e-mail', async () => smtp.mails.find((m) => m.to.includes('sup@vanson.test') && m.subject.includes(`OVERDUE: case ${c.code}`)), 30_000);
    const sms = await waitFor('the breach SMS', async () => gw.requests.find((r) => r.body.to === '+84912000001' && String(r.body.text).includes(`OVERDUE: case ${c.code}`)), 30_000);
    const received = await waitFor('the breach push', async () => push.received.find((p) => String(p.payload.body).includes(`OVERDUE: case ${c.code}`)), 30_000);
    // English, as the supervisor chose; the link is the acknowledgement page.
    expect(mail.subject).toContain(`OVERDUE: case ${c.code}`);
    expect(mail.text).toMatch(/Acknowledge: https:\/\/baove\.example\.vn\/ack\/[A-Za-z0-9_-]{22}/);
    expect(mail.messageId).toContain(mail.dedupeKey);
    const text = String(sms.body.text);
    expect(text.length).toBeLessThanOrEqual(SMS_SEGMENT);
    expect(text).toMatch(/^[\x20-\x7e]+$/);
    expect(text).toMatch(/https:\/\/baove\.example\.vn\/ack\/[A-Za-z0-9_-]{22}$/);
    expect(sms.headers['idempotency-key']).toBe(sms.body.dedupeKey);
    expect(received.payload).toEqual({
      title: 'baove — URGENT', body: expect.stringContaining(c.code), url: `/cases/${c.id}`, tag: expect.any(String), urgent: true,
      ackUrl: expect.stringMatching(/^\/ack\/[A-Za-z0-9_-]{22}$/),
    });
    expect(received.urgency).toBe('high');
    expect(received.jwt.sub).toBe('mailto:ops@baove.test');
    expect(push.failures).toEqual([]);
    for (const body of [mail.subject, mail.text, text, JSON.stringify(received.payload)]) for (const s of CHILD) expect(body).not.toContain(s);
    await sleep(1000);
    const rows = (await deliveries('vanson.supervisor')).filter((d) => d.template === 'deadline_breached');
    expect(rows.map((d) => d.channel).sort()).toEqual(['email', 'push', 'sms']);
    expect(smtp.mails.filter((m) => m.subject.includes(`OVERDUE: case ${c.code}`) && m.to.includes('sup@vanson.test')).length).toBe(1);
    // A delivery report marks the SMS delivered.
    const report = await t.http.post(`${API}/notifications/delivery-reports/sms`).set('x-callback-token', callbackToken).send({ dedupeKey: sms.body.dedupeKey, status: 'delivered' });
    expect(report.body).toEqual({ matched: 1 });
    expect((await t.http.post(`${API}/notifications/delivery-reports/sms`).set('x-callback-token', 'wrong-token-0123456789').send({})).status).toBe(404);
    const [{ status }] = await t.ds.query(`SELECT status FROM notification_deliveries WHERE dedupe_key = $1`, [sms.body.dedupeKey]);
    expect(status).toBe('delivered');
  }, 60_000);

  it('alerts the next rung at once when nobody acknowledges, and not when someone does (on the timeline)', async () => {
    // Both alerts wait 4 s for an acknowledgement (NOTIFY_ACK_MINUTES is whole minutes; the test shortens it).
    t.config.notify.ackMinutes = 4 / 60;
    const ignored = await intake(t, 'vanson.hotline_operator', { immediateDanger: true, receivedAt: new Date(Date.now() - 12 * HOUR + 1000).toISOString() });
    const answered = await intake(t, 'vanson.hotline_operator', { immediateDanger: true, receivedAt: new Date(Date.now() - 12 * HOUR + 1000).toISOString() });
    const tokenOf = async (caseId: string) => waitFor('the alert', async () => {
      const [n] = await t.ds.query(`SELECT n.payload->>'ackToken' AS token FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE u.username = 'vanson.supervisor' AND n.case_id = $1 AND n.template = 'deadline_breached'`, [caseId]);
      return n?.token as string | undefined;
    }, 20_000);
    const token = await tokenOf(answered.id);
    await tokenOf(ignored.id);
    const ack = await t.http.post(`${API}/notifications/ack/${token}`).set(await as('vanson.supervisor'));
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ caseCode: answered.code, acknowledgedBy: expect.any(String), acknowledgedAt: expect.any(String) });
    // Someone who did not receive it cannot see or acknowledge it.
    expect((await t.http.post(`${API}/notifications/ack/${token}`).set(await as('vanson.police'))).status).toBe(404);
    // The ignored case's chair is alerted (level 2) by e-mail within seconds, not 24 hours.
    await waitFor('the early level-2 e-mail', async () => smtp.mails.find((m) => m.to.includes('chair@vanson.test') && m.subject.includes(ignored.code) && /CHUYỂN CẤP 2/.test(m.subject)), 30_000);
    await sleep(2000);
    expect(smtp.mails.some((m) => m.to.includes('chair@vanson.test') && m.subject.includes(answered.code) && /CHUYỂN CẤP/.test(m.subject))).toBe(false);
    const [{ level }] = await t.ds.query(`SELECT escalation_level AS level FROM deadlines WHERE case_id = $1 AND key = 'emergency_response'`, [answered.id]);
    expect(level).toBe(1);
    const timeline = await t.http.get(`${API}/cases/${answered.id}/timeline`).set(await as('vanson.supervisor'));
    expect(timeline.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'alert_acknowledged', template: 'deadline_breached', actor: expect.objectContaining({ role: 'supervisor' }) })]));
    t.config.notify.ackMinutes = 30;
  }, 60_000);

  it('retries a time-out with the same key (the gateway drops the repeat), and falls back to the next channel on a refusal', async () => {
    const worker = await userId(t, 'vanson.social_worker');
    await verifyContacts('vanson.social_worker', 'worker@vanson.test', '0912000002');
    await t.http.put(`${API}/me/notification-settings`).set(await as('vanson.social_worker')).send({
      language: 'vi', quietHours: null, channels: { assignment: ['sms', 'email'], approval: [], deadline: [], update: [], digest: [] },
    });
    // First: the gateway takes the SMS but answers after the client's 1 s time-out, once.
    gw.behaviour.set('+84912000002', { kind: 'hang', times: 1, ms: 1500 });
    const first = await intake(t, 'vanson.hotline_operator');
    await apply(t, 'vanson.supervisor', first.id, 'ASSIGN', { assigneeId: worker });
    await waitFor('the assignment SMS sent', async () => (await deliveries('vanson.social_worker')).find((d) => d.template === 'case_assigned' && d.status === 'sent' && d.attempts === 2), 30_000);
    const sent = gw.requests.filter((r) => r.body.to === '+84912000002' && String(r.body.text).includes(`phan cong xu ly ho so ${first.code}`));
    expect(sent.length).toBe(2);
    expect(new Set(sent.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect([...gw.accepted.values()].filter((r) => String(r.body.text).includes(`phan cong xu ly ho so ${first.code}`)).length).toBe(1);
    // Vietnamese without diacritics, one segment.
    expect(String(sent[0].body.text)).toContain(`Ban duoc phan cong xu ly ho so ${first.code}`);
    // Then: the gateway refuses the number for good: the e-mail carries it.
    gw.behaviour.set('+84912000002', { kind: 'refuse' });
    const second = await intake(t, 'vanson.hotline_operator');
    await apply(t, 'vanson.supervisor', second.id, 'ASSIGN', { assigneeId: worker });
    const mail = await waitFor('the fallback e-mail', async () => smtp.mails.find((m) => m.to.includes('worker@vanson.test') && m.subject.includes(`phân công xử lý hồ sơ ${second.code}`)), 30_000);
    expect(mail.subject).toContain(`Bạn được phân công xử lý hồ sơ ${second.code}`);
    // The SMTP peer has the mail before the worker marks its delivery sent: wait for the row.
    const rows = await waitFor('the e-mail delivery marked sent', async () => {
      const all = (await deliveries('vanson.social_worker')).filter((d) => d.dedupe_key.startsWith((mail.dedupeKey.split('-email')[0])));
      return all.some((d) => d.channel === 'email' && d.status === 'sending') ? undefined : all;
    });
    expect(rows.map((d) => [d.channel, d.status])).toEqual([['sms', 'failed'], ['email', 'sent']]);
    expect(rows[0].last_error).toContain('http 400');
    // The admin's delivery log lists the failure.
    const log = await t.http.get(`${API}/notifications/deliveries?status=failed&channel=sms`).set(await as('vanson.admin'));
    expect(log.status).toBe(200);
    expect(log.body.items.some((d: { username: string; lastError: string }) => d.username === 'vanson.social_worker' && d.lastError.includes('http 400'))).toBe(true);
    gw.behaviour.delete('+84912000002');
  }, 60_000);

  it('holds a non-urgent message through quiet hours, but never an urgent one', async () => {
    const local = (Date.now() / 60_000 + 7 * 60) % 1440;
    const hhmm = (m: number) => `${String(Math.floor(((m + 1440) % 1440) / 60)).padStart(2, '0')}:${String(Math.floor((m + 1440) % 1440) % 60).padStart(2, '0')}`;
    await t.http.put(`${API}/me/notification-settings`).set(await as('vanson.social_worker')).send({
      language: 'vi', quietHours: { start: hhmm(local - 60), end: hhmm(local + 60) }, channels: { assignment: ['email'], approval: [], deadline: [], update: [], digest: [] },
    });
    const c = await intake(t, 'vanson.hotline_operator');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    const row = await waitFor('the queued delivery', async () => (await deliveries('vanson.social_worker')).find((d) => d.template === 'case_assigned' && d.status === 'queued'), 20_000);
    expect(row.not_before.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    await sleep(1500);
    expect(smtp.mails.some((m) => m.subject.includes(`phân công xử lý hồ sơ ${c.code}`))).toBe(false);
  }, 60_000);

  it('writes the 07:00 digest once a day, with counts and case codes only', async () => {
    const escalation = t.app.get(EscalationService);
    const n = await escalation.digest();
    expect(n).toBeGreaterThan(0);
    expect(await escalation.digest()).toBe(0);
    const [digest] = await t.ds.query(`SELECT n.payload FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'vanson.supervisor' AND n.template = 'daily_digest'`);
    expect(digest.payload).toMatchObject({ today: expect.any(Number), week: expect.any(Number), overdue: expect.any(Number), approvals: expect.any(Number) });
    expect(digest.payload.overdue).toBeGreaterThan(0);
    const mail = await waitFor('the digest e-mail', async () => smtp.mails.find((m) => m.to.includes('sup@vanson.test') && m.subject.includes('Work for')), 20_000);
    expect(mail.subject).toMatch(/Work for \d{4}-\d{2}-\d{2}: \d+ due today, \d+ due within 7 days, \d+ overdue \(VS-/);
    for (const s of CHILD) expect(mail.text).not.toContain(s);
  }, 30_000);
});
