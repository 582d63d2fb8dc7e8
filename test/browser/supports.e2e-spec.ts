/**
 * The special-circumstances register in a real browser: the social worker registers a child from
 * the child's page (the groups of Luật Trẻ em Điều 10), lands on the support page, assesses the
 * needs and makes the plan granting a service (forms built from the workflow's contract), then
 * grants another; the register lists the child and the per-commune counts show one supported of
 * one registered. Screenshots in test-artifacts/screenshots/support-*.png.
 */
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, screenshot, signIn } from './browser';

const LONG = 120_000;

describeInBrowser('special-circumstances register (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    app = await bootConsole();
    ({ t, browser, base } = app);
  }, LONG);

  afterAll(() => app?.close());

  it('the worker registers a child, assesses, plans with a service and grants another; the counts follow', async () => {
    const [{ id: childId }] = await t.ds.query(
      `INSERT INTO children (full_name, sex, residence_commune_code, province_code) VALUES ('Hà Thị Nụ', 'female', 'van-son', 'thanh-hoa') RETURNING id`,
    );
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const worker = await signIn(browser, base, 'vanson.social_worker');
    const page = worker.page;
    await page.goto(`/children/${childId}`);
    const region = page.getByRole('region', { name: 'Trẻ em có hoàn cảnh đặc biệt', exact: true });
    await region.getByRole('button', { name: 'Đăng ký trẻ em có hoàn cảnh đặc biệt', exact: true }).click();
    const form = page.getByRole('form', { name: 'Đăng ký trẻ em có hoàn cảnh đặc biệt' });
    await form.getByLabel('a) Trẻ em mồ côi cả cha và mẹ').check();
    await form.getByLabel('d) Trẻ em khuyết tật').check();
    await form.getByLabel(/^Ghi chú khi đăng ký/).fill('Sống với bà ngoại');
    await screenshot(page, 'support-register');
    await form.getByRole('button', { name: 'Đăng ký trẻ em có hoàn cảnh đặc biệt', exact: true }).press('Enter');
    await page.getByText('Đã đăng ký, chờ đánh giá').first().waitFor();
    await page.getByText('Đánh giá nhu cầu của trẻ em có hoàn cảnh đặc biệt').waitFor();

    await page.getByRole('button', { name: 'Đánh giá nhu cầu', exact: true }).click();
    const assess = page.getByRole('form', { name: 'Đánh giá nhu cầu' });
    await assess.getByLabel('Nhu cầu của trẻ em').fill('Cần trợ cấp xã hội và hỗ trợ học phí');
    await assess.getByLabel('Ngày đánh giá').fill(today);
    await assess.getByRole('button', { name: 'Đánh giá nhu cầu', exact: true }).press('Enter');
    await page.getByText('Đã đánh giá, chờ kế hoạch').first().waitFor();

    await page.getByRole('button', { name: 'Lập kế hoạch hỗ trợ', exact: true }).click();
    const plan = page.getByRole('form', { name: 'Lập kế hoạch hỗ trợ' });
    await plan.getByLabel('Mục tiêu, biện pháp hỗ trợ').fill('Trẻ được chăm sóc và đi học đều');
    await plan.getByRole('button', { name: 'Thêm mục', exact: true }).click();
    await plan.getByLabel('Chính sách, dịch vụ', { exact: true }).selectOption('social_assistance');
    await plan.getByLabel('Nội dung trợ giúp').fill('Trợ cấp xã hội hằng tháng');
    await plan.getByLabel('Ngày được hưởng').fill(today);
    await screenshot(page, 'support-plan');
    await plan.getByRole('button', { name: 'Lập kế hoạch hỗ trợ', exact: true }).press('Enter');
    await page.getByText('Đang được hỗ trợ').first().waitFor();
    await page.getByRole('cell', { name: 'Trợ cấp xã hội hằng tháng' }).waitFor();

    await page.getByRole('button', { name: 'Thêm chính sách, dịch vụ', exact: true }).click();
    const grant = page.getByRole('form', { name: 'Thêm chính sách, dịch vụ' });
    await grant.getByLabel('Chính sách, dịch vụ', { exact: true }).selectOption('health');
    await grant.getByLabel('Nội dung trợ giúp').fill('Thẻ bảo hiểm y tế');
    await grant.getByLabel('Ngày được hưởng').fill(today);
    await grant.getByRole('button', { name: 'Thêm chính sách, dịch vụ', exact: true }).press('Enter');
    await page.getByRole('cell', { name: 'Thẻ bảo hiểm y tế' }).waitFor();
    await screenshot(page, 'support-page');
    const rows = await t.ds.query(`SELECT kind FROM child_support_services s JOIN child_supports c ON c.id = s.support_id WHERE c.child_id = $1 ORDER BY seq`, [childId]);
    expect(rows.map((r: { kind: string }) => r.kind)).toEqual(['social_assistance', 'health']);

    await page.goto('/supports');
    await page.getByRole('link', { name: 'Hà Thị Nụ' }).waitFor();
    const vanSon = page.getByRole('row', { name: /Xã Vân Sơn/ });
    await vanSon.getByRole('cell', { name: '1', exact: true }).first().waitFor();
    await screenshot(page, 'support-register-list');
    expect(worker.problems).toEqual([]);
  }, LONG);
});
