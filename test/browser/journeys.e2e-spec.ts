/**
 * A journey per role on a 360 px phone and on a desktop: the social worker's case list and case,
 * the police officer's and the health nurse's handoff inbox, the supervisor's overdue board and the
 * chair's approvals. On each: the compact sticky header keeps the notifications (with their count)
 * in reach and leaves the first item on the first screen, and nothing is wider than the screen.
 * Screenshots in test-artifacts/screenshots/journey-*.png.
 */
import { apply, intake, userId } from '../support/fixtures';
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, Page, screenshot, signIn } from './browser';

const LONG = 240_000;
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

describeInBrowser('journeys per role (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;
  let c: { id: string; code: string };

  beforeAll(async () => {
    app = await bootConsole();
    ({ t, browser, base } = app);
    c = await intake(t, 'vanson.social_worker', { child: { fullName: 'Lương Văn Hành', sex: 'male', dateOfBirth: '2013-01-01' } });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    const agencies: Array<{ id: string; type: string }> = await t.ds.query(
      `SELECT id, type FROM agencies WHERE commune_code = 'van-son' OR (commune_code IS NULL AND province_code = 'thanh-hoa')`);
    for (const [type, kind] of [['commune_police', 'police_investigation'], ['health_station', 'medical_care']]) {
      const res = await t.http.post(`/api/v1/cases/${c.id}/handoffs`).set('Authorization', await t.login('vanson.social_worker'))
        .send({ kind, agencyId: agencies.find((a) => a.type === type)!.id, instructions: `Phối hợp: ${kind}`, urgency: 'normal' });
      expect(res.status).toBe(201);
    }
  }, LONG);

  afterAll(() => app?.close());

  /** The header is compact, its notifications link in view, and `first` starts on the first screen. */
  async function firstScreen(page: Page, name: string, viewport: { height: number }, first: ReturnType<Page['locator']>, notifications = true) {
    await first.waitFor();
    const header = await page.locator('header.top').boundingBox();
    if (viewport.height < 800) expect(header!.height).toBeLessThanOrEqual(130);
    if (notifications) {
      const bell = await page.getByRole('link', { name: /^Thông báo/ }).first().boundingBox();
      expect(bell!.y).toBeLessThan(header!.height);
    }
    expect((await first.boundingBox())!.y).toBeLessThan(viewport.height);
    // Scrolled down, the header (and the notifications) stay.
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(100);
    expect((await page.locator('header.top').boundingBox())!.y).toBeLessThanOrEqual(1);
    await page.mouse.wheel(0, -600);
    await screenshot(page, `journey-${name}`);
  }

  for (const viewport of [PHONE, DESKTOP]) {
    const size = viewport === PHONE ? 'phone' : 'desktop';

    it(`social worker (${size}): their cases, then the case with what is next`, async () => {
      const { context, page, problems } = await signIn(browser, base, 'vanson.social_worker', viewport);
      await firstScreen(page, `social-worker-${size}`, viewport, page.getByRole('link', { name: c.code, exact: true }));
      await page.getByRole('link', { name: c.code, exact: true }).click();
      await page.getByText('Việc nên làm tiếp: Bắt đầu xác minh').waitFor();
      await screenshot(page, `journey-social-worker-case-${size}`);
      expect(problems).toEqual([]);
      await context.close();
    }, LONG);

    for (const [username, role] of [['vanson.police', 'police'], ['vanson.health', 'health']]) {
      it(`${role} (${size}): the handoff inbox`, async () => {
        const { context, page, problems } = await signIn(browser, base, username, viewport);
        await page.getByRole('heading', { name: 'Yêu cầu phối hợp', exact: true }).first().waitFor();
        await firstScreen(page, `${role}-${size}`, viewport, page.getByRole('link', { name: c.code, exact: true }).first());
        expect(problems).toEqual([]);
        await context.close();
      }, LONG);
    }

    it(`supervisor (${size}): the overdue board and the approvals`, async () => {
      const { context, page, problems } = await signIn(browser, base, 'vanson.supervisor', viewport);
      await firstScreen(page, `supervisor-${size}`, viewport, page.getByRole('heading', { name: 'Hồ sơ quá hạn', exact: true }));
      await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Chờ phê duyệt', exact: true }).click();
      await page.getByRole('heading', { name: 'Đề xuất kết thúc chờ quyết định', exact: false }).waitFor();
      await screenshot(page, `journey-supervisor-approvals-${size}`);
      expect(problems).toEqual([]);
      await context.close();
    }, LONG);

    it(`commune chair (${size}): the approvals`, async () => {
      const { context, page, problems } = await signIn(browser, base, 'vanson.chair', viewport);
      await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Chờ phê duyệt', exact: true }).click();
      await firstScreen(page, `chair-${size}`, viewport, page.getByRole('heading', { name: 'Kế hoạch chờ phê duyệt', exact: false }));
      expect(problems).toEqual([]);
      await context.close();
    }, LONG);
  }
});
