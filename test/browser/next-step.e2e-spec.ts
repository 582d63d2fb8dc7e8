/**
 * What next, by when: a case whose 12-hour deadline is late shows it by name and as late on its
 * card (never "còn 7 ngày" from a later one); the case page's head names the child, the stage, the
 * deadline the next step settles with its countdown and the recommended step, which comes first
 * among the actions; after a step, focus and scroll land on its result, not on <body>.
 * Screenshots in test-artifacts/screenshots/next-*.png.
 */
import { apply, intake, userId } from '../support/fixtures';
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, screenshot, signIn, until } from './browser';

const LONG = 120_000;
const EMERGENCY = 'Xác minh, đánh giá nguy cơ và áp dụng biện pháp khẩn cấp trong 12 giờ';

describeInBrowser('what next, by when (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    app = await bootConsole();
    ({ t, browser, base } = app);
  }, LONG);

  afterAll(() => app?.close());

  it('names the late deadline on the card and in the case head, recommends the next step, and focuses each result', async () => {
    const c = await intake(t, 'vanson.social_worker', {
      immediateDanger: true, receivedAt: new Date(Date.now() - 13 * 3_600_000).toISOString(),
      child: { fullName: 'Hà Thị Gấp', sex: 'female', dateOfBirth: '2014-05-05' },
    });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    await t.ds.query(`UPDATE deadlines SET status = 'breached', breached_at = now() WHERE case_id = $1 AND key = 'emergency_response'`, [c.id]);

    for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
      const { context, page, problems } = await signIn(browser, base, 'vanson.social_worker', viewport);
      const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: c.code, exact: true }) });
      await card.getByText(EMERGENCY).waitFor();
      await card.getByText('quá hạn 1 giờ', { exact: false }).waitFor();
      expect(await card.getByText(/^còn /).count()).toBe(0);
      await screenshot(page, `next-card-${viewport.width}`);

      await card.getByRole('link', { name: c.code, exact: true }).click();
      const head = page.getByRole('region', { name: 'Tóm tắt: trẻ, giai đoạn, hạn và việc nên làm tiếp' });
      await head.getByText('Hà Thị Gấp').waitFor();
      await head.getByText('Mới tiếp nhận', { exact: false }).first().waitFor();
      await head.getByText(EMERGENCY).waitFor();
      await head.getByText('quá hạn 1 giờ', { exact: false }).waitFor();
      await head.getByText('Việc nên làm tiếp: Bắt đầu xác minh').waitFor();
      // The head is on the first screen.
      const box = await head.boundingBox();
      expect(box!.y + box!.height).toBeLessThan(viewport.height);
      const first = page.getByRole('region', { name: 'Việc bạn có thể làm' }).getByRole('listitem').first();
      await first.getByText('Nên làm tiếp').waitFor();
      await first.getByRole('button', { name: 'Bắt đầu xác minh' }).waitFor();
      await screenshot(page, `next-head-${viewport.width}`);
      // The step itself on the phone (last: it changes the case).
      if (viewport.width === 360) {
        await first.getByRole('button', { name: 'Bắt đầu xác minh' }).click();
        await page.getByRole('status').getByText('Đã ghi: Bắt đầu xác minh.').waitFor();
        await until(page, `document.activeElement !== null && document.activeElement.classList.contains('step-result')`);
      }
      expect(problems).toEqual([]);
      await context.close();
    }
  }, LONG);
});
