/**
 * Two-step verification in a real browser: a supervisor whose role requires it signs in, is held on
 * the enrolment screen, scans (here: reads) the key, confirms with a code, keeps the recovery codes
 * and carries on; the next sign-in asks for a code. Screenshots in test-artifacts/screenshots/two-step-*.png.
 */
import { generateSync } from 'otplib';
import { DEMO_PASSWORD } from '../../src/schema/seed';
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, screenshot } from './browser';

const LONG = 120_000;

describeInBrowser('two-step verification (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    app = await bootConsole({ env: { MFA_REQUIRED_ROLES: 'supervisor' } });
    ({ t, browser, base } = app);
  }, LONG);

  afterAll(() => app?.close());

  it('holds a required role on enrolment until it is done, then asks for a code at the next sign-in', async () => {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 780 }, locale: 'vi-VN', timezoneId: 'UTC' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const signIn = async () => {
      await page.goto('/');
      await page.getByLabel('Tên đăng nhập').fill('vanson.supervisor');
      await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
    };
    await signIn();
    await page.getByRole('heading', { name: 'Xác thực hai bước' }).waitFor();
    await page.getByText('Vai trò của bạn bắt buộc xác thực hai bước').waitFor();
    await page.getByRole('button', { name: 'Bật xác thực hai bước' }).click();
    await page.getByRole('img', { name: 'Mã QR để thêm baove vào ứng dụng xác thực' }).waitFor();
    await screenshot(page, 'two-step-scan');
    const secret = ((await page.locator('code.secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('Mã 6 số').fill(generateSync({ secret }));
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    await page.getByRole('heading', { name: 'Mã khôi phục' }).waitFor();
    expect(await page.locator('.recovery-codes li').count()).toBe(10);
    await screenshot(page, 'two-step-codes');
    await page.getByRole('button', { name: 'Tôi đã cất giữ các mã' }).click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();

    // Signed out and in again: the password alone is not enough any more.
    await page.getByRole('button', { name: 'Đăng xuất' }).first().click();
    await signIn();
    const code = page.getByLabel(/Mã 6 số|mã xác thực/i).first();
    await code.waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, LONG);
});
