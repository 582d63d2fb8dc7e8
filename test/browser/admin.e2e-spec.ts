/**
 * The administration screens in a real browser: a provincial admin on a 360 px phone creates a
 * user (the temporary password shown once) and deactivates them; the national admin on a desktop
 * imports the administrative units CSV, changes a holiday after its preview and creates, then
 * revokes, the 111 hotline's system client (its secret shown once). Navigation shows
 * administration only to administrators. Screenshots in test-artifacts/screenshots/admin-*.png.
 */
import { join } from 'node:path';
import { nthWorkingDayAfter } from '../../src/deadlines/business-calendar';
import { intake } from '../support/fixtures';
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, Page, screenshot, signIn } from './browser';

const LONG = 120_000;
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

describeInBrowser('administration screens (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;
  const pages: Page[] = [];

  beforeAll(async () => {
    app = await bootConsole();
    ({ t, browser, base } = app);
  }, LONG);

  afterAll(() => app?.close());

  const navLinks = async (page: Page) =>
    (await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').allTextContents()).map((s) => s.trim());

  it('a provincial admin on a phone creates a user (temporary password shown once) and deactivates them', async () => {
    const { page, problems } = await signIn(browser, base, 'vanson.admin', PHONE);
    pages.push(page);
    await page.getByRole('heading', { name: 'Người dùng' }).waitFor();
    expect(await navLinks(page)).toEqual(['Người dùng', 'Cơ quan', 'Đơn vị hành chính', 'Nhật ký gửi thông báo', 'Lịch và trạng thái báo cáo', 'Quy trình', 'Cài đặt thông báo']);

    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const form = page.locator('form[aria-labelledby="new-user-h"]');
    await form.getByLabel('Tên đăng nhập').fill('vanson.worker3');
    await form.getByLabel('Họ và tên').fill('Phạm Thị Thu');
    await form.getByLabel('Vai trò').selectOption('social_worker');
    await form.getByLabel(/^Xã\/phường/).selectOption('van-son');
    await form.getByLabel('Cơ quan').selectOption({ label: 'Phòng Văn hóa - Xã hội xã Vân Sơn (Phòng Văn hóa - Xã hội)' });
    await form.getByRole('button', { name: 'Tạo' }).click();
    const shown = page.getByTestId('temporary-password');
    await shown.waitFor();
    const temporary = ((await shown.locator('code').textContent()) ?? '').trim();
    expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    await screenshot(page, 'admin-user-created-phone');
    const signedIn = await t.http.post('/api/v1/auth/login').send({ username: 'vanson.worker3', password: temporary });
    expect(signedIn.status).toBe(200);
    await shown.getByRole('button', { name: 'Đã ghi lại, đóng' }).click();
    expect(await page.getByText(temporary).count()).toBe(0); // shown once

    const card = page.locator('li[data-username="vanson.worker3"]');
    await card.getByText('Phải đổi mật khẩu').waitFor();
    await card.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await card.getByText(/Mọi phiên đăng nhập của người này sẽ kết thúc/).waitFor();
    await card.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await card.getByText('Đã khóa').waitFor();
    expect((await t.http.post('/api/v1/auth/login').send({ username: 'vanson.worker3', password: temporary })).status).toBe(401);
    await screenshot(page, 'admin-users-phone');

    await page.getByRole('link', { name: 'Cơ quan' }).click();
    await page.getByRole('heading', { name: 'Cơ quan', exact: true, level: 1 }).waitFor();
    await page.getByText('Trường THCS xã Vân Sơn').first().waitFor();
    expect(await page.getByText('xã Nam Phù').count()).toBe(0); // another province's agencies are not listed
    await screenshot(page, 'admin-agencies-phone');

    const supervisor = await signIn(browser, base, 'vanson.supervisor', PHONE);
    pages.push(supervisor.page);
    expect((await navLinks(supervisor.page)).some((l) => /Người dùng|Đơn vị hành chính|Ngày nghỉ/.test(l))).toBe(false);
    expect([...problems, ...supervisor.problems]).toEqual([]);
  }, LONG);

  it('the national admin imports administrative units and changes a holiday after seeing the deadlines it moves', async () => {
    const { page, problems } = await signIn(browser, base, 'national.admin', DESKTOP);
    pages.push(page);
    expect(await navLinks(page)).toEqual(['Người dùng', 'Cơ quan', 'Đơn vị hành chính', 'Ngày nghỉ lễ', 'Hệ thống kết nối', 'Nhật ký gửi thông báo', 'Thống kê, báo cáo', 'Lịch và trạng thái báo cáo', 'Quy trình', 'Cài đặt thông báo']);

    await page.getByRole('link', { name: 'Đơn vị hành chính' }).click();
    await page.getByLabel('Tệp CSV (UTF-8)').setInputFiles(join(__dirname, '..', '..', 'data', 'administrative-units.sample.csv'));
    await page.getByRole('button', { name: 'Nhập', exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.getByText(/xã\/phường tạo mới 3, cập nhật 0, không đổi 3, từ chối 0/).waitFor();
    await page.getByText('Tỉnh Thái Nguyên').waitFor();
    await screenshot(page, 'admin-units-import-desktop');

    const receivedAt = new Date();
    await intake(t, 'vanson.social_worker', { receivedAt: receivedAt.toISOString() });
    const known = new Set<string>((await t.ds.query(`SELECT to_char(day, 'YYYY-MM-DD') AS d FROM holidays`)).map((r: { d: string }) => r.d));
    const day = nthWorkingDayAfter(receivedAt, 2, known);

    await page.getByRole('link', { name: 'Ngày nghỉ lễ' }).click();
    await page.getByRole('heading', { name: 'Ngày nghỉ lễ' }).waitFor();
    await page.getByLabel('Ngày', { exact: true }).fill(day);
    await page.getByLabel('Tên (tiếng Việt)').fill('Nghỉ bù');
    await page.getByLabel('Tên (tiếng Anh)').fill('Day in lieu');
    await page.getByRole('button', { name: 'Xem ảnh hưởng' }).click();
    const preview = page.getByTestId('holiday-preview');
    await preview.getByText(/Thay đổi này dời \d+ thời hạn đang chạy của \d+ hồ sơ/).waitFor();
    const moved = Number(/dời (\d+) thời hạn/.exec((await preview.textContent()) ?? '')![1]);
    expect(moved).toBeGreaterThanOrEqual(1);
    await preview.getByText(/Xã Vân Sơn/).waitFor();
    await screenshot(page, 'admin-holiday-preview-desktop');
    await preview.getByRole('button', { name: 'Xác nhận thay đổi' }).click();
    await page.getByText(`Đã áp dụng: dời ${moved} thời hạn`, { exact: false }).waitFor();
    expect((await t.ds.query(`SELECT 1 FROM holidays WHERE day = $1`, [day])).length).toBe(1);
    expect(problems).toEqual([]);
  }, LONG);

  it('the national admin creates the hotline’s system client (secret shown once, its token works) and revokes it', async () => {
    const { page, problems } = await signIn(browser, base, 'national.admin', DESKTOP);
    pages.push(page);
    await page.getByRole('link', { name: 'Hệ thống kết nối' }).click();
    await page.getByRole('heading', { name: 'Hệ thống kết nối', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Thêm hệ thống' }).click();
    const form = page.locator('form[aria-labelledby="new-client-h"]');
    await form.getByLabel('Tên hệ thống').fill('Tổng đài 111 – tiếp nhận');
    const [{ id: hotline, name: hotlineName }] = await t.ds.query(`SELECT id, name FROM agencies WHERE type = 'hotline_111' LIMIT 1`);
    await form.getByLabel('Cơ quan đại diện').selectOption(hotline);
    await form.getByLabel('Giới hạn yêu cầu mỗi phút').fill('60');
    await form.getByRole('button', { name: 'Tạo' }).click();
    const shown = page.getByTestId('client-secret');
    await shown.waitFor();
    const [clientId, secret] = (await shown.locator('code').allTextContents()).map((s) => s.trim());
    expect(secret).toMatch(/^bsc_/);
    await screenshot(page, 'admin-system-client-created-desktop');
    const token = await t.http.post('/api/v1/auth/token').send({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret });
    expect(token.status).toBe(200);
    await shown.getByRole('button', { name: 'Đã ghi lại, đóng' }).click();
    expect(await page.getByText(secret).count()).toBe(0); // shown once

    const card = page.locator('li[data-client="Tổng đài 111 – tiếp nhận"]');
    await card.getByText(hotlineName, { exact: false }).waitFor();
    await card.getByRole('button', { name: 'Thu hồi' }).click();
    await card.getByText(/không thể hoàn tác/).waitFor();
    await card.getByRole('button', { name: 'Thu hồi' }).click();
    await card.getByText('Đã thu hồi').first().waitFor();
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token.body.access_token}`)).status).toBe(401);
    expect(problems).toEqual([]);
  }, LONG);
});
