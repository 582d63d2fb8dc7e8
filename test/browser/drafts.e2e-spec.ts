/**
 * Nothing typed is lost: an intake half filled survives another menu item, the session expiring
 * mid-form and the tab closing (a draft in IndexedDB), is restored with a notice and can be
 * discarded; a note half typed on a case survives a reload. Screenshots in
 * test-artifacts/screenshots/draft-*.png.
 */
import { DEMO_PASSWORD } from '../../src/schema/seed';
import { intake } from '../support/fixtures';
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, screenshot, signIn, type Page } from './browser';

const LONG = 120_000;
const DESCRIPTION = 'Cô giáo thấy trẻ có vết bỏng trên cánh tay, trẻ nói bị phạt ở nhà.';

describeInBrowser('drafts (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    app = await bootConsole();
    ({ t, browser, base } = app);
  }, LONG);

  afterAll(() => app?.close());

  const signInAgain = async (page: Page) => {
    await page.getByLabel('Tên đăng nhập').fill('vanson.social_worker');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
  };
  const restored = async (page: Page) => {
    await page.getByText('Đã khôi phục bản nháp chưa gửi', { exact: false }).waitFor();
    expect(await page.getByLabel('Họ và tên trẻ').inputValue()).toBe('Hoàng Văn Tú');
    expect(await page.getByLabel('Mô tả sự việc').inputValue()).toBe(DESCRIPTION);
  };

  it('keeps an intake across navigation, session expiry and a closed tab, and discards it on request', async () => {
    const { context, page, problems } = await signIn(browser, base, 'vanson.social_worker', { width: 360, height: 740 });
    await page.goto('/intake');
    await page.getByLabel('Họ và tên trẻ').fill('Hoàng Văn Tú');
    await page.getByLabel('Mô tả sự việc').fill(DESCRIPTION);
    await page.getByText('Đã lưu nháp trên máy này', { exact: false }).waitFor();
    // Another menu item, then back.
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ của tôi', exact: true }).click();
    await page.getByRole('heading', { name: 'Hồ sơ của tôi' }).first().waitFor();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tiếp nhận tin báo', exact: true }).click();
    await restored(page);
    await screenshot(page, 'draft-restored');

    // The session expires mid-form: the next request is refused, the sign-in page shows, the draft stays.
    await page.getByLabel('Quan hệ với trẻ').fill('giáo viên');
    await page.evaluate(`sessionStorage.setItem('baove.token', 'expired'); sessionStorage.removeItem('baove.refresh')`);
    // The refused request is the click's, or one the console makes by itself meanwhile (the workflow
    // definitions load 3 s after a page load): then the sign-in is already there and the link gone.
    const signInShown = page.getByLabel('Tên đăng nhập');
    try {
      await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ của tôi', exact: true }).click({ timeout: 10_000 });
    } catch (e) {
      if (!(await signInShown.isVisible())) throw e;
    }
    await signInShown.waitFor();
    await signInAgain(page);
    await page.goto('/intake');
    await restored(page);
    expect(await page.getByLabel('Quan hệ với trẻ').inputValue()).toBe('giáo viên');

    // The tab closes; a new tab (a new session) finds the draft.
    await page.close();
    const tab = await context.newPage();
    await tab.goto('/intake');
    await signInAgain(tab);
    await tab.goto('/intake');
    await restored(tab);

    // Sent, the draft is gone: one case, and a blank form next time.
    await tab.getByLabel('Nguồn tin báo').selectOption('school');
    await tab.getByLabel('Nam', { exact: true }).check();
    await tab.getByLabel('Bạo lực thể chất').check();
    await tab.getByRole('button', { name: 'Ghi nhận tin báo' }).click();
    await tab.getByText('Đã tạo hồ sơ', { exact: false }).waitFor();
    await tab.reload();
    await tab.getByLabel('Họ và tên trẻ').waitFor();
    expect(await tab.getByLabel('Họ và tên trẻ').inputValue()).toBe('');
    expect(await tab.getByText('Đã khôi phục bản nháp chưa gửi', { exact: false }).count()).toBe(0);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM case_children WHERE full_name = 'Hoàng Văn Tú'`);
    expect(n).toBe(1);

    // A draft can be discarded.
    await tab.getByLabel('Mô tả sự việc').fill('Bản nháp sẽ bỏ');
    await tab.getByText('Đã lưu nháp trên máy này', { exact: false }).waitFor();
    await tab.reload();
    await tab.getByText('Đã khôi phục bản nháp chưa gửi', { exact: false }).waitFor();
    await tab.getByRole('button', { name: 'Bỏ bản nháp', exact: true }).click();
    expect(await tab.getByLabel('Mô tả sự việc').inputValue()).toBe('');
    await tab.reload();
    await tab.getByLabel('Mô tả sự việc').waitFor();
    expect(await tab.getByText('Đã khôi phục bản nháp chưa gửi', { exact: false }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, LONG);

  it('keeps a note half typed on a case across a reload, and sends it once', async () => {
    const c = await intake(t, 'vanson.social_worker');
    const { context, page, problems } = await signIn(browser, base, 'vanson.social_worker');
    await page.goto(`/cases/${c.id}`);
    const actions = page.getByRole('region', { name: 'Việc bạn có thể làm' });
    await actions.getByRole('button', { name: 'Thêm ghi chú' }).first().click();
    const form = page.getByRole('form', { name: 'Thêm ghi chú' });
    await form.getByRole('textbox').first().fill('Đã gọi cho mẹ trẻ, hẹn gặp chiều mai.');
    await form.getByText('Đã lưu nháp trên máy này', { exact: false }).waitFor();
    await page.reload();
    const again = page.getByRole('form', { name: 'Thêm ghi chú' });
    await again.getByText('Đã khôi phục bản nháp chưa gửi', { exact: false }).waitFor();
    expect(await again.getByRole('textbox').first().inputValue()).toBe('Đã gọi cho mẹ trẻ, hẹn gặp chiều mai.');
    await screenshot(page, 'draft-note');
    // A handoff request half written, likewise.
    await actions.getByRole('button', { name: 'Gửi yêu cầu phối hợp' }).click();
    const handoff = page.getByRole('form', { name: 'Gửi yêu cầu phối hợp' });
    await handoff.getByLabel('Hướng dẫn và thông tin cơ quan cần biết').fill('Khám vết thương ở tay trái.');
    await handoff.getByText('Đã lưu nháp trên máy này', { exact: false }).waitFor();
    await page.reload();
    const handoffAgain = page.getByRole('form', { name: 'Gửi yêu cầu phối hợp' });
    await handoffAgain.getByText('Đã khôi phục bản nháp chưa gửi', { exact: false }).waitFor();
    expect(await handoffAgain.getByLabel('Hướng dẫn và thông tin cơ quan cần biết').inputValue()).toBe('Khám vết thương ở tay trái.');
    await handoffAgain.getByRole('button', { name: 'Hủy', exact: true }).click();
    await again.getByRole('button', { name: 'Thêm ghi chú', exact: true }).click();
    await page.getByRole('status').getByText('Đã ghi: Thêm ghi chú.').waitFor();
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'ADD_NOTE'`, [c.id]);
    expect(n).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  }, LONG);
});
