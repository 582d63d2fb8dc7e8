/**
 * Urgent reports in a real browser on a 360 px phone: the intake form asks for the accidents and
 * injuries and what happened to the child; a drowning death reported opens the report; the commune's
 * worker completes and sends it from the case page, the chair receives it there, and the province's
 * Department of Health finds it on "Báo cáo đột xuất" (status, commune, overdue filter) and
 * acknowledges it. Screenshots in test-artifacts/screenshots/urgent-*.png.
 */
import { intake } from '../support/fixtures';
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, expectText, screenshot, signIn } from './browser';

const LONG = 180_000;
const PHONE = { width: 360, height: 780 };

describeInBrowser('urgent reports (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    app = await bootConsole();
    ({ t, browser, base } = app);
  }, LONG);

  afterAll(() => app?.close());

  it('the intake asks for injuries and the outcome; the commune sends, the chair receives, the province acknowledges', async () => {
    const worker = await signIn(browser, base, 'vanson.social_worker', PHONE);
    await worker.page.goto('/intake');
    await worker.page.getByRole('group', { name: 'Tai nạn, thương tích, đuối nước' }).getByLabel('Đuối nước').check();
    await worker.page.getByLabel(/^Hậu quả đối với trẻ/).selectOption('death');
    await screenshot(worker.page, 'urgent-intake-360');

    const c = await intake(t, 'vanson.hotline_operator', {
      child: { fullName: 'Lò Văn Đức', sex: 'male', dateOfBirth: '2017-06-02', address: 'Bản Nà Ổ' },
      incident: { types: [], injuryTypes: ['drowning'], outcome: 'death', description: 'Trẻ đuối nước khi tắm suối', location: 'Suối Nậm Khòa' },
    });

    // The worker completes and sends the report from the case page.
    await worker.page.goto(`/cases/${c.id}`);
    const section = worker.page.getByRole('region', { name: 'Báo cáo đột xuất' });
    await expectText(section, 'Đang soạn, chưa gửi');
    await expectText(section, 'Sở Y tế Thanh Hóa');
    await section.getByRole('button', { name: 'Gửi báo cáo đột xuất' }).click();
    const form = section.getByRole('form', { name: 'Gửi báo cáo đột xuất' });
    await form.getByLabel(/^Hậu quả/).fill('Cháu Đức tử vong');
    await form.getByLabel(/^Các biện pháp đã thực hiện/).fill('UBND xã thăm hỏi, hỗ trợ gia đình');
    await form.getByLabel(/^Thời gian xảy ra/).fill('16 giờ ngày 25/11/2026');
    await form.getByRole('button', { name: 'Gửi báo cáo đột xuất' }).click();
    await expectText(section, 'Đã gửi, chờ tiếp nhận');
    // The case's timeline names the report's steps.
    await worker.page.reload();
    await expectText(worker.page.getByRole('region', { name: 'Diễn biến hồ sơ' }), 'Yêu cầu «Báo cáo đột xuất»: Đã gửi Chủ tịch và Sở Y tế');
    await screenshot(worker.page, 'urgent-case-sent-360');

    // The chair receives it on the case page.
    const chair = await signIn(browser, base, 'vanson.chair', PHONE);
    await chair.page.goto(`/cases/${c.id}`);
    const chairSection = chair.page.getByRole('region', { name: 'Báo cáo đột xuất' });
    await chairSection.getByRole('button', { name: 'Chủ tịch đã nhận báo cáo' }).click();
    await chairSection.getByLabel(/^Chỉ đạo của Chủ tịch/).fill('Giao Phòng VH-XH theo dõi');
    await chairSection.getByRole('form', { name: 'Chủ tịch đã nhận báo cáo' }).getByRole('button', { name: 'Chủ tịch đã nhận báo cáo' }).click();
    await expectText(chairSection, 'Chủ tịch đã nhận, chờ Sở Y tế');

    // The province finds it in its list and acknowledges it.
    const province = await signIn(browser, base, 'thanhhoa.supervisor', PHONE);
    await province.page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo đột xuất' }).click();
    await province.page.getByRole('heading', { name: 'Báo cáo đột xuất', level: 1 }).waitFor();
    const card = province.page.getByRole('listitem').filter({ hasText: c.code });
    await expectText(card, 'Xã Vân Sơn');
    await expectText(card, 'Tử vong, Đuối nước');
    await expectText(card, 'Chủ tịch đã nhận, chờ Sở Y tế');
    await screenshot(province.page, 'urgent-province-list-360');
    await card.getByRole('button', { name: 'Sở Y tế đã tiếp nhận' }).click();
    await card.getByLabel(/^Ý kiến của Sở Y tế/).fill('Đề nghị báo cáo kết quả hỗ trợ gia đình');
    await card.getByRole('form', { name: 'Sở Y tế đã tiếp nhận' }).getByRole('button', { name: 'Sở Y tế đã tiếp nhận' }).click();
    await expectText(card, 'Chủ tịch và Sở Y tế đã tiếp nhận');
    await province.page.getByRole('status').filter({ hasText: c.code }).waitFor();
    await screenshot(province.page, 'urgent-province-acknowledged-360');
    // Overdue only: this one is on time.
    await province.page.getByLabel('Chỉ báo cáo quá hạn').check();
    await province.page.getByText('Không có báo cáo đột xuất nào.').waitFor();

    const [row] = await t.ds.query(`SELECT state FROM handoffs WHERE case_id = $1 AND kind = 'urgent_report'`, [c.id]);
    expect(row.state).toBe('acknowledged');
    expect([...worker.problems, ...chair.problems, ...province.problems]).toEqual([]);
  }, LONG);
});
