/**
 * A supervisor's casework in a real browser, on a 360 px phone and a desktop: the caseload per
 * worker (drilling into a worker's cases), the case list with its filters folded away on the phone
 * (the first case on the first screen), bulk reassignment of selected cases with one of them
 * changed meanwhile (reported, not dropped), filtering by age group and village on the desktop,
 * and a flag raised on the case page showing on the list. Screenshots: test-artifacts/screenshots/casework-*.png.
 */
import { apply, intake, userId } from '../support/fixtures';
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, expectText, type Page, screenshot, signIn } from './browser';

const LONG = 180_000;
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

/** Waits (10 s at most) until the list shows exactly one case (a filter applied). */
async function oneCard(page: Page): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await page.locator('ul.cards > li').count()) !== 1) {
    if (Date.now() > deadline) throw new Error(`expected one case, found ${await page.locator('ul.cards > li').count()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeInBrowser('supervisor casework (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;
  let cases: Array<{ id: string; code: string }>;

  beforeAll(async () => {
    app = await bootConsole();
    ({ t, browser, base } = app);
    await t.ds.query(
      `INSERT INTO users (username, password_hash, full_name, role, agency_id)
       SELECT 'vanson.worker2', password_hash, 'Lê Văn Hai', 'social_worker', agency_id FROM users WHERE username = 'vanson.social_worker'`,
    );
    cases = [
      await intake(t, 'vanson.hotline_operator', { child: { fullName: 'Nguyễn Văn An', sex: 'male', dateOfBirth: '2015-01-01' } }),
      await intake(t, 'vanson.hotline_operator', { child: { fullName: 'Trần Thị Bình', sex: 'female', dateOfBirth: '2016-01-01' } }),
      await intake(t, 'vanson.hotline_operator', { child: { fullName: 'Đỗ Văn Dũng', sex: 'male', dateOfBirth: '2009-06-01', village: 'Thôn Đông' } }),
      // Written down ten days late: its verification is already overdue, whatever day the test runs.
      await intake(t, 'vanson.hotline_operator', { receivedAt: new Date(Date.now() - 10 * 86_400_000).toISOString(), child: { fullName: 'Lý Thị Cúc', sex: 'female' } }),
    ];
    await apply(t, 'vanson.supervisor', cases[0].id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
  }, LONG);

  afterAll(() => app?.close());

  it('on a phone: caseload, drill-down, the list’s first case on the first screen, bulk reassign with a conflict reported', async () => {
    const { page, problems } = await signIn(browser, base, 'vanson.supervisor', PHONE);
    await page.goto('/caseload');
    const table = page.getByRole('table', { name: 'Khối lượng việc theo cán bộ' });
    await expectText(table, 'Lê Văn Hai');
    await expectText(table, 'Chưa phân công');
    await screenshot(page, 'casework-caseload-360');
    // The worker's one open case: the figure opens the list narrowed to it.
    await table.getByRole('row').filter({ hasText: 'Demo social_worker' }).getByRole('link', { name: '1', exact: true }).click();
    await oneCard(page);
    await expectText(page.locator('ul.cards'), cases[0].code);

    await page.goto('/cases');
    await page.locator('ul.cards > li').first().waitFor();
    // The filters are folded: the first case shows on the first screen.
    expect(await page.locator('.case-filters details').getAttribute('open')).toBeNull();
    const first = await page.locator('ul.cards > li').first().boundingBox();
    expect(first!.y + 40).toBeLessThan(PHONE.height);
    await screenshot(page, 'casework-list-360');

    // Select two unassigned cases; one changes before the supervisor sends.
    await page.getByRole('checkbox', { name: `Chọn hồ sơ ${cases[1].code}`, exact: true }).check();
    await page.getByRole('checkbox', { name: `Chọn hồ sơ ${cases[2].code}`, exact: true }).check();
    await expectText(page.getByRole('region', { name: 'Đã chọn 2 hồ sơ' }), 'Giao lại cho');
    await apply(t, 'vanson.supervisor', cases[2].id, 'ADD_NOTE', { text: 'Ghi chú mới' });
    await page.getByLabel('Giao lại cho').selectOption({ label: 'Lê Văn Hai' });
    await screenshot(page, 'casework-bulk-360');
    await page.getByRole('button', { name: 'Giao lại', exact: true }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Đã giao lại' }), 'Đã giao lại 1 hồ sơ; 1 hồ sơ không giao được.');
    await expectText(page.locator('.bulk-failures'), `${cases[2].code}: Hồ sơ đã được người khác thay đổi`);
    const [b, d] = await Promise.all([cases[1], cases[2]].map(async (c) => (await t.ds.query(`SELECT assignee_id FROM cases WHERE id = $1`, [c.id]))[0].assignee_id));
    expect([b, d]).toEqual([await userId(t, 'vanson.worker2'), null]);
    await screenshot(page, 'casework-bulk-result-360');
    expect(problems).toEqual([]);
  }, LONG);

  it('on a desktop: filters by age group and village, flags a case and finds it by its flag, the agenda', async () => {
    const { page, problems } = await signIn(browser, base, 'vanson.supervisor', DESKTOP);
    await page.goto('/cases');
    await page.locator('ul.cards > li').first().waitFor();
    expect(await page.locator('.case-filters details').getAttribute('open')).not.toBeNull();
    await page.getByLabel('Nhóm tuổi khi nhận tin').selectOption('16_17');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/ageGroup=16_17/);
    await expectText(page.locator('.case-filters summary'), '1 đang áp dụng');
    await oneCard(page);
    await expectText(page.locator('ul.cards'), cases[2].code);
    await page.getByRole('button', { name: 'Bỏ lọc', exact: true }).click();
    await page.getByLabel('Thôn, xóm, bản').fill('thon dong');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/village=thon/);
    await oneCard(page);
    await expectText(page.locator('ul.cards'), cases[2].code);
    await screenshot(page, 'casework-filters-desktop');

    // A flag on the case page shows on its card, and the list finds it by its flag.
    await page.goto(`/cases/${cases[1].id}`);
    const flags = page.getByRole('region', { name: 'Cờ đánh dấu' });
    await expectText(flags, 'Chưa có cờ nào.');
    await flags.getByLabel('Lý do gắn cờ').selectOption('safety_concern');
    await flags.getByLabel(/^Ghi chú/).fill('Hàng xóm báo trẻ vẫn bị đánh');
    await flags.getByRole('button', { name: 'Gắn cờ', exact: true }).click();
    await expectText(flags.locator('.flag-list'), 'Lo ngại về an toàn của trẻ');
    await page.goto('/cases?flag=safety_concern');
    await oneCard(page);
    await expectText(page.locator('ul.cards'), 'Cờ: Lo ngại về an toàn của trẻ');

    // The agenda: the commune's steps late, due today and this week, and a special-circumstances
    // support's assessment missed an hour ago, with the worker who registered the child.
    const [{ id: childId }] = await t.ds.query(
      `INSERT INTO children (full_name, sex, residence_commune_code, province_code) VALUES ('Lò Thị Mai', 'female', 'van-son', 'thanh-hoa') RETURNING id`);
    const registered = await t.http.post(`/api/v1/children/${childId}/supports`).set('Authorization', await t.login('vanson.social_worker')).send({ groups: ['orphan'] });
    expect(registered.status).toBe(201);
    await t.ds.query(`UPDATE deadlines SET due_at = now() - interval '1 hour' WHERE support_id = $1`, [registered.body.support.id]);
    await page.goto('/agenda?scope=commune');
    await expectText(page.getByRole('region', { name: /^Quá hạn/ }), cases[3].code);
    const supports = page.getByRole('region', { name: 'Trẻ em có hoàn cảnh đặc biệt (1)' });
    await expectText(supports, registered.body.support.code);
    await expectText(supports, 'Demo social_worker');
    expect(await supports.getByRole('link', { name: registered.body.support.code }).getAttribute('href')).toBe(`/supports/${registered.body.support.id}`);
    await screenshot(page, 'casework-agenda-desktop');
    expect(problems).toEqual([]);
  }, LONG);
});
