/**
 * A decision in a real browser: the chair opens the plan's approval, reads the plan in full (goals,
 * objectives, each action with its kind, agency, days, activity, who does it) and who submitted it,
 * chooses to sign as vice-chair from tomorrow, confirms, and the case page lists decision 1/QĐ-UBND. Screenshots
 * in test-artifacts/screenshots/decision-*.png.
 */
import { readFileSync } from 'node:fs';
import { apply, intake, userId } from '../support/fixtures';
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, screenshot, signIn } from './browser';

const LONG = 120_000;

describeInBrowser('decisions (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    app = await bootConsole();
    ({ t, browser, base } = app);
  }, LONG);

  afterAll(() => app?.close());

  it('shows the plan in full before the chair confirms, then lists the numbered decision', async () => {
    const c = await intake(t, 'vanson.social_worker', { child: { fullName: 'Đỗ Thị Hạnh', sex: 'female', dateOfBirth: '2013-09-09' } });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'high', substantiated: true, summary: 'Có dấu hiệu bạo lực' });
    await apply(t, 'vanson.social_worker', c.id, 'RECORD_ASSESSMENT', { needs: ['y tế'], summary: 'Cần chăm sóc y tế' });
    await apply(t, 'vanson.social_worker', c.id, 'SUBMIT_PLAN', {
      goals: 'Trẻ an toàn, vết thương được chữa trị',
      objectives: ['Khám và điều trị trong 5 ngày'],
      actions: [{
        kind: 'medical_care', agencyType: 'health_station', dueInDays: 5, instructions: 'Khám sức khỏe',
        activity: 'Chụp X-quang tay trái', responsible: 'Y sĩ Nguyễn Văn Phúc',
      }],
    });

    const { page, problems } = await signIn(browser, base, 'vanson.chair');
    // The approvals list summarises what waits: the plan's goals, its actions, who submitted it, how long it has waited.
    await page.goto('/approvals');
    const card = page.getByRole('listitem').filter({ hasText: c.code });
    for (const text of ['Trình kế hoạch hỗ trợ, can thiệp', 'Trẻ an toàn, vết thương được chữa trị', '1 mục', 'Demo social_worker Xã Vân Sơn', 'đã chờ']) {
      await card.getByText(text, { exact: false }).first().waitFor();
    }
    await screenshot(page, 'decision-approvals');
    await card.getByRole('link', { name: `Xem toàn bộ và quyết định: ${c.code}`, exact: true }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${c.code}` }).waitFor();
    // Nothing decided yet; the approval is not one click.
    await page.getByRole('region', { name: 'Quyết định của UBND' }).getByText('Chưa có quyết định nào.').waitFor();
    await page.getByRole('button', { name: 'Phê duyệt kế hoạch' }).click();
    const review = page.getByRole('region', { name: 'Nội dung cần quyết định' });
    await review.waitFor();
    for (const text of ['Trình kế hoạch hỗ trợ, can thiệp', 'Trẻ an toàn, vết thương được chữa trị', 'Khám và điều trị trong 5 ngày',
      'Chăm sóc y tế', 'Trạm y tế', 'Chụp X-quang tay trái', 'Y sĩ Nguyễn Văn Phúc', 'Khám sức khỏe', 'Demo social_worker Xã Vân Sơn']) {
      await review.getByText(text, { exact: false }).first().waitFor();
    }
    await review.getByText('đã chờ', { exact: false }).waitFor();
    await screenshot(page, 'decision-review');
    // Confirming needs "I have read it all" first: without it nothing is decided.
    await page.getByRole('button', { name: 'Xác nhận: Phê duyệt kế hoạch' }).click();
    await page.getByText('Hãy đánh dấu rằng bạn đã đọc toàn bộ nội dung trước khi xác nhận.').first().waitFor();
    expect(await page.evaluate('document.activeElement?.getAttribute("type")')).toBe('checkbox');
    expect(await t.ds.query(`SELECT id FROM decisions WHERE case_id = $1`, [c.id])).toEqual([]);
    await page.getByLabel('Tôi đã đọc toàn bộ nội dung cần quyết định ở trên').check();

    await page.getByLabel('Người ký quyết định').selectOption('vice_chair');
    const tomorrow = new Date(Date.now() + 7 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel(/^Ngày quyết định có hiệu lực/).fill(tomorrow);
    await page.getByRole('button', { name: 'Xác nhận: Phê duyệt kế hoạch' }).click();
    const decisions = page.getByRole('region', { name: 'Quyết định của UBND' });
    await decisions.getByText('Số 1/QĐ-UBND').waitFor();
    await decisions.getByText('Phê duyệt kế hoạch hỗ trợ, can thiệp').waitFor();
    await decisions.getByText('Demo chair Xã Vân Sơn — Phó Chủ tịch (ký thay Chủ tịch)').waitFor();
    await decisions.getByText(tomorrow.split('-').reverse().join('/')).waitFor();
    await screenshot(page, 'decision-listed');
    const [row] = await t.ds.query(`SELECT number, signer_title, to_char(effective_on, 'YYYY-MM-DD') AS effective_on FROM decisions WHERE case_id = $1`, [c.id]);
    expect(row).toEqual({ number: 1, signer_title: 'vice_chair', effective_on: tomorrow });

    // The decision, like the plan, is offered as a Word file to edit before signing; Mẫu 01 is not.
    const files = page.getByRole('region', { name: /^Hồ sơ: các biểu mẫu/ });
    const mau05 = files.getByRole('listitem').filter({ hasText: 'Quyết định phê duyệt kế hoạch' }).first();
    const [docx] = await Promise.all([page.waitForEvent('download'), mau05.getByRole('button', { name: /^Tải bản Word/ }).click()]);
    expect(docx.suggestedFilename()).toBe(`${c.code}-mau-05.docx`);
    expect(readFileSync(await docx.path()).subarray(0, 2).toString()).toBe('PK');
    const mau01 = files.getByRole('listitem').filter({ hasText: /tiếp nhận thông tin/i }).first();
    expect(await mau01.getByRole('button', { name: /^Tải bản Word/ }).count()).toBe(0);
    expect(problems).toEqual([]);
  }, LONG);
});
