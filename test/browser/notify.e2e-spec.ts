/**
 * Issue 18 in the console: the notification settings page (an e-mail verified by the code the SMTP
 * server received, channels per kind, quiet hours; push unavailable without a service worker),
 * the `/ack/:token` page, and the administrators' delivery log.
 */
import webpush from 'web-push';
import { startSmtp } from '../support/notify-peers';
import type { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, expectText, screenshot, signIn } from './browser';

const LONG = 120_000;

describeInBrowser('notifications in the console (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const vapid = webpush.generateVAPIDKeys();

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await bootConsole({ env: { SMTP_URL: smtp.url, VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: 'mailto:ops@baove.test' } });
    ({ t, browser, base } = app);
  }, LONG);
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('verifies an e-mail by its code, saves channels and quiet hours, and says when push is unavailable on this device', async () => {
    const { page, problems } = await signIn(browser, base, 'vanson.supervisor');
    await page.goto(`${base}/notifications/settings`);
    await page.getByRole('heading', { name: 'Thông báo / Notifications', exact: true }).waitFor();
    await page.getByTestId('push-unavailable').waitFor();
    await page.locator('#f-email-value').fill('giamsat@vanson.test');
    await page.getByRole('button', { name: 'Gửi mã xác nhận', exact: true }).first().click();
    const mail = await waitFor('the code', async () => smtp.mails.find((m) => m.to.includes('giamsat@vanson.test')));
    await page.locator('#f-email-code').fill(/(\d{6})/.exec(mail.text)![1]);
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await expectText(page.locator('#contact-email'), 'Đã xác nhận');
    await page.getByRole('checkbox', { name: 'Chờ phê duyệt: E-mail', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Không gửi thông báo thường trong khoảng giờ này', exact: true }).check();
    await page.getByLabel('Ngôn ngữ của tin nhắn').selectOption('en');
    await screenshot(page, 'notification-settings');
    await page.getByRole('button', { name: 'Lưu cài đặt', exact: true }).click();
    await expectText(page.locator('main'), 'Đã lưu cài đặt thông báo.');
    const [s] = await t.ds.query(`SELECT s.language, s.quiet_start, s.channels FROM notification_settings s JOIN users u ON u.id = s.user_id WHERE u.username = 'vanson.supervisor'`);
    expect(s).toMatchObject({ language: 'en', quiet_start: 21 * 60 });
    expect(s.channels.approval).toContain('email');
    expect(problems).toEqual([]);
  }, LONG);

  it('acknowledges an urgent alert from its link, and the administrator sees the delivery log', async () => {
    const [{ id: chair }] = await t.ds.query(`SELECT id FROM users WHERE username = 'vanson.chair'`);
    const token = 'BBBBBBBBBBBBBBBBBBBBBB';
    await t.ds.query(`INSERT INTO notification_acks (token, template, created_at, due_at) VALUES ($1, 'deadline_escalated', now(), now() + interval '30 minutes')`, [token]);
    const [{ id: notification }] = await t.ds.query(`INSERT INTO notifications (user_id, template, payload, created_at) VALUES ($1, 'deadline_escalated', $2, now()) RETURNING id`,
      [chair, JSON.stringify({ code: 'VS-2026-000999', ackToken: token })]);
    // What a refused SMS leaves in the log (this app runs no worker).
    await t.ds.query(`INSERT INTO notification_deliveries (notification_id, user_id, channel, dedupe_key, address, status, urgent, attempts, last_error, not_before, created_at, updated_at)
      VALUES ($1::uuid, $2, 'sms', $1::text || '-sms', '+84912000003', 'failed', true, 1, 'http 400: number not reachable', now(), now(), now())`, [notification, chair]);
    const { page, problems } = await signIn(browser, base, 'vanson.chair');
    await page.goto(`${base}/ack/${token}`);
    await page.getByRole('heading', { name: 'Xác nhận đã nhận cảnh báo khẩn', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Tôi đã nhận và đang xử lý', exact: true }).click();
    await expectText(page.locator('main'), 'Đã xác nhận bởi');
    await screenshot(page, 'ack');
    expect(problems).toEqual([]);

    const admin = await signIn(browser, base, 'vanson.admin');
    await admin.page.goto(`${base}/admin/deliveries`);
    await admin.page.getByRole('heading', { name: 'Nhật ký gửi thông báo', exact: true }).waitFor();
    await expectText(admin.page.locator('main'), 'vanson.chair');
    await expectText(admin.page.locator('main'), 'http 400: number not reachable');
    await screenshot(admin.page, 'delivery-log');
    expect(admin.problems).toEqual([]);
  }, LONG);
});
