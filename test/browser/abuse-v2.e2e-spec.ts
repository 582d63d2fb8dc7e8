/**
 * Abuse intervention v2 in the console: the police see where the child is and whom to call on
 * their emergency handoff and record the criminal-procedure status from their inbox; the commune
 * sees it on the case page; the village collaborator files reports by their own channel.
 */
import { apply, EMERGENCY, intake, userId } from '../support/fixtures';
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, expectText, Page, screenshot, signIn } from './browser';

const LONG = 120_000;

describeInBrowser('abuse intervention v2 (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;
  const pages: Page[] = [];
  const open = async (username: string) => {
    const s = await signIn(browser, base, username);
    pages.push(s.page);
    return s;
  };

  beforeAll(async () => {
    app = await bootConsole();
    ({ t, browser, base } = app);
  }, LONG);
  afterAll(() => app?.close());

  it('the police see the child’s location and the worker’s contact, and record the procedure status; the worker sees it', async () => {
    const c = await intake(t, 'vanson.hotline_operator', { immediateDanger: true });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    const after = await apply(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Đưa trẻ đến nơi an toàn'], ...EMERGENCY });
    const police = after.handoffs.find((h: { kind: string }) => h.kind === 'police_protection');

    const { page, problems } = await open('vanson.police');
    await page.getByRole('heading', { name: 'Yêu cầu phối hợp' }).waitFor();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: c.code }) });
    await expectText(card, EMERGENCY.childLocation);
    await expectText(card, `${EMERGENCY.workerName} · ${EMERGENCY.workerPhone}`);
    expect(await card.getByRole('link', { name: EMERGENCY.workerPhone }).getAttribute('href')).toBe('tel:0912345678');
    await card.getByRole('button', { name: 'Nhận việc' }).click();
    await card.getByRole('button', { name: 'Cập nhật tình trạng tố tụng hình sự' }).click();
    const form = page.locator(`[id="${police.id}-RECORD_PROCEDURE_STATUS"]`);
    await form.getByRole('button', { name: 'Ghi nhận tình trạng' }).click(); // empty: the API's field errors
    await form.locator('[aria-invalid="true"]').first().waitFor();
    await expectText(form, 'Ngày'); // the error summary names the fields by their labels
    await page.locator(`[id="${police.id}-procedure-status"]`).selectOption('prosecution_opened');
    await page.locator(`[id="${police.id}-procedure-on"]`).fill('2026-03-20');
    await page.locator(`[id="${police.id}-procedure-reference"]`).fill('05/QĐ-KTVA');
    await screenshot(page, 'procedure-status-form');
    await form.getByRole('button', { name: 'Ghi nhận tình trạng' }).click();
    await expectText(card, 'Đã khởi tố vụ án');
    await expectText(card, '05/QĐ-KTVA');
    expect(problems).toEqual([]);

    const worker = await open('vanson.social_worker');
    await worker.page.goto(`${base}/cases/${c.id}`);
    const policeCard = worker.page.getByRole('listitem').filter({ hasText: 'Công an bảo vệ trẻ' });
    await expectText(policeCard, 'Đã khởi tố vụ án');
    await expectText(policeCard, EMERGENCY.childLocation);
    await screenshot(worker.page, 'case-police-procedure');
    expect(worker.problems).toEqual([]);
  }, LONG);

  it('a village collaborator starts on the intake form, with their own channel only, and their reports in the menu', async () => {
    const { page, problems } = await open('vanson.village_collaborator');
    await page.getByRole('heading', { name: 'Tiếp nhận tin báo' }).waitFor();
    const channel = page.getByLabel('Nguồn tin báo');
    const options = await channel.locator('option').allTextContents();
    expect(options.filter((o) => o !== '' && !o.startsWith('—') && !o.startsWith('Chọn'))).toEqual(['Cộng tác viên thôn']);
    expect(await channel.inputValue()).toBe('community_collaborator');
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(await nav.getByRole('link', { name: 'Tin báo đã gửi' }).count()).toBe(1);
    await screenshot(page, 'collaborator-intake');
    // A report they filed: its code and status in their list, no link to its content.
    const mine = await intake(t, 'vanson.village_collaborator', { channel: 'community_collaborator' });
    await nav.getByRole('link', { name: 'Tin báo đã gửi' }).click();
    await page.getByText(mine.code, { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: mine.code, exact: true }).count()).toBe(0);
    expect(await page.getByText('Nguyễn Thị Lan').count()).toBe(0);
    expect(problems).toEqual([]);
  }, LONG);
});
