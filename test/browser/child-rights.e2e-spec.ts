/**
 * The data subject's rights on the child's page, in a real browser: a correction (checked before
 * sending, then shown with its values to the supervisor), consents per purpose for a child of 8
 * (incomplete with a parent's alone, complete with the child's), the restriction banner, the export
 * downloaded as JSON with its required reason, and the legal hold on the case page.
 */
import { intake } from '../support/fixtures';
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, expectText, screenshot, signIn, vietnamInput } from './browser';

const LONG = 120_000;
const NAME = 'Hoàng Thị Thu Trang';

describeInBrowser('the data subject’s rights (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;
  let c: { id: string; code: string };
  let childId = '';

  beforeAll(async () => {
    app = await bootConsole();
    ({ t, browser, base } = app);
    c = await intake(t, 'vanson.social_worker', {
      child: { fullName: NAME, sex: 'female', dateOfBirth: `${new Date().getUTCFullYear() - 8}-01-01`, residenceCommuneCode: 'van-son' },
    });
    [{ child_id: childId }] = await t.ds.query(`SELECT child_id FROM cases WHERE id = $1`, [c.id]);
  }, LONG);

  afterAll(() => app?.close());

  it('corrects, records consents, restricts and exports on the child’s page; holds the case on its page', async () => {
    const { page, problems } = await signIn(browser, base, 'vanson.supervisor');
    await page.goto(`/children/${childId}`);
    await page.getByRole('heading', { name: NAME }).waitFor();

    // A correction: the reason is asked before anything is sent.
    const corrections = page.getByRole('region', { name: 'Chỉnh sửa dữ liệu theo yêu cầu' });
    await corrections.getByRole('button', { name: 'Chỉnh sửa dữ liệu' }).click();
    const form = corrections.getByRole('form', { name: 'Chỉnh sửa dữ liệu' });
    await form.getByLabel('Thông tin cần sửa').selectOption('school');
    await form.getByLabel(/^Giá trị đúng/).fill('Trường Tiểu học Vân Sơn');
    await form.getByRole('button', { name: 'Chỉnh sửa dữ liệu' }).click();
    await expectText(form, 'Bắt buộc nhập');
    expect(await t.ds.query(`SELECT 1 FROM child_corrections WHERE child_id = $1`, [childId])).toEqual([]);
    await form.getByLabel('Lý do').fill('Trẻ đã chuyển trường');
    await form.getByLabel('Người yêu cầu', { exact: true }).selectOption('parent');
    await form.getByRole('button', { name: 'Chỉnh sửa dữ liệu' }).click();
    await corrections.getByText('Đã chỉnh sửa dữ liệu của trẻ.').waitFor();
    await expectText(corrections.getByRole('listitem').first(), 'Trẻ đã chuyển trường');
    await expectText(corrections.getByRole('listitem').first(), '— → Trường Tiểu học Vân Sơn');

    // Consents: a child of 8 needs their own consent besides a parent's.
    const consents = page.getByRole('region', { name: 'Sự đồng ý xử lý dữ liệu' });
    const give = async (givenBy: string, name: string) => {
      await consents.getByRole('button', { name: 'Ghi nhận sự đồng ý' }).click();
      const f = consents.getByRole('form', { name: 'Ghi nhận sự đồng ý' });
      await f.getByLabel('Mục đích', { exact: true }).selectOption('counselling');
      await f.getByLabel('Người đồng ý', { exact: true }).selectOption(givenBy);
      await f.getByLabel('Họ tên người đồng ý').fill(name);
      await f.getByLabel('Thời điểm đồng ý').fill(vietnamInput(new Date(Date.now() - 3_600_000)));
      await f.getByRole('button', { name: 'Ghi nhận sự đồng ý' }).click();
      await f.waitFor({ state: 'detached' });
    };
    await give('parent', 'Hoàng Văn Nam');
    await expectText(consents.getByTestId('consent-counselling'), 'chưa đủ — cần sự đồng ý của trẻ');
    await give('child', NAME);
    await expectText(consents.getByTestId('consent-counselling'), 'Tư vấn, trị liệu: đã đủ');

    // The restriction: the banner says so at the top of the record.
    const restriction = page.getByRole('region', { name: 'Hạn chế xử lý dữ liệu' });
    await restriction.getByRole('button', { name: 'Hạn chế xử lý' }).click();
    await restriction.getByLabel('Lý do').fill('Cha mẹ yêu cầu hạn chế xử lý');
    await restriction.getByRole('form').getByRole('button', { name: 'Hạn chế xử lý' }).click();
    await expectText(page.getByTestId('restriction-banner'), 'Dữ liệu đang bị hạn chế xử lý');
    await expectText(page.getByTestId('restriction-banner'), 'Cha mẹ yêu cầu hạn chế xử lý');

    // The export: a reason first, then a JSON file.
    const exporting = page.getByRole('region', { name: 'Xuất toàn bộ dữ liệu' });
    await exporting.getByRole('button', { name: 'Xuất toàn bộ dữ liệu' }).click();
    await expectText(exporting, 'Bắt buộc nhập');
    await exporting.getByLabel(/^Lý do/).fill('Công văn số 15/TA của Tòa án huyện');
    const [download] = await Promise.all([page.waitForEvent('download'), exporting.getByRole('button', { name: 'Xuất toàn bộ dữ liệu' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const [exported] = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'child.exported' AND entity_id = $1`, [childId]);
    expect(exported.details.reason).toBe('Công văn số 15/TA của Tòa án huyện');
    await screenshot(page, 'child-rights');

    // The case page: the legal hold, placed with its reason and shown.
    await page.goto(`/cases/${c.id}`);
    const hold = page.getByRole('region', { name: 'Tạm giữ hồ sơ (không ẩn danh)' });
    await expectText(hold.getByTestId('legal-hold-state'), 'Không có lệnh tạm giữ');
    await hold.getByLabel('Lý do').fill('Vụ án đang được điều tra');
    await hold.getByRole('button', { name: 'Tạm giữ hồ sơ' }).click();
    await expectText(hold.getByTestId('legal-hold-state'), 'Vụ án đang được điều tra');
    await hold.getByLabel('Lý do').fill('Đã xét xử xong');
    await hold.getByRole('button', { name: 'Bỏ tạm giữ' }).click();
    await expectText(hold.getByTestId('legal-hold-state'), 'Không có lệnh tạm giữ');
    expect(problems).toEqual([]);
  }, LONG);
});
