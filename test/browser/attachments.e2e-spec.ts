/**
 * Attachments in a real browser against the whole app, on a 360 px wide screen: a social worker
 * uploads a photo to the case with a progress bar (the upload is slowed down so that the bar is
 * seen moving), downloads it back byte for byte, and is told in words why a program renamed ".pdf"
 * is refused; the police add their report to their handoff from the inbox.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { intake } from '../support/fixtures';
import { ACCEPTED_SAMPLES, pdf, REFUSED_SAMPLES, sample } from '../support/sample-files';
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, screenshot, SCREENSHOTS, signIn } from './browser';

const LONG = 120_000;
const NARROW = { width: 360, height: 780 };

describeInBrowser('attachments (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;
  let caseId: string;

  beforeAll(async () => {
    app = await bootConsole({ env: { ATTACHMENTS_MAX_BYTES: String(8 * 1024 * 1024) } });
    ({ t, browser, base } = app);
    caseId = (await intake(t, 'vanson.hotline_operator')).id;
    const [{ id: police }] = await t.ds.query(`SELECT id FROM agencies WHERE type = 'commune_police' AND commune_code = 'van-son'`);
    const res = await t.http.post(`/api/v1/cases/${caseId}/handoffs`).set('Authorization', await t.login('vanson.social_worker'))
      .send({ kind: 'police_investigation', agencyId: police, instructions: 'Lấy lời khai', urgency: 'normal' });
    expect(res.status).toBe(201);
  }, LONG);
  afterAll(() => app?.close());

  it('uploads with a moving progress bar, lists and downloads the file, and explains a refused type', async () => {
    const { context, page, problems } = await signIn(browser, base, 'vanson.social_worker', NARROW);
    await page.goto(`/cases/${caseId}`);
    const panel = page.getByRole('region', { name: 'Tài liệu đính kèm' });
    await panel.getByText('Chưa có tài liệu đính kèm.').waitFor();
    await panel.getByRole('button', { name: 'Thêm tài liệu' }).click();

    // The upload at 2 MB/s: about two seconds of progress to watch.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 2 * 1024 * 1024 });
    // Every value the progress bar takes, recorded in the page.
    await page.evaluate(`(() => {
      window.seenProgress = [];
      new MutationObserver(() => {
        const bar = document.querySelector('progress');
        if (bar) window.seenProgress.push(Number(bar.value));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
    const photo = sample(ACCEPTED_SAMPLES.jpeg.head, 'ảnh vết thương', 4 * 1024 * 1024);
    await panel.getByLabel('Tệp (PDF, ảnh, bản quét, ghi âm)').setInputFiles({ name: 'ảnh vết thương.jpg', mimeType: 'image/jpeg', buffer: photo });
    await panel.getByLabel('Nhóm tài liệu').selectOption('photo');
    await panel.getByLabel('Mô tả').fill('Chụp ngày 5/3');
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    await panel.getByRole('progressbar', { name: 'Tiến độ tải lên' }).waitFor();
    await panel.getByText(/Đang tải lên… \d+%/).waitFor();
    await panel.getByText('Đã tải lên “ảnh vết thương.jpg”.').waitFor({ timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const seen = (await page.evaluate('window.seenProgress')) as number[];
    expect(seen.some((v) => v > 0.05 && v < 0.95)).toBe(true);

    const item = panel.getByRole('listitem').filter({ hasText: 'ảnh vết thương.jpg' });
    await item.getByText('Ảnh · 4 MB').waitFor();
    await item.getByText('Chụp ngày 5/3').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: 'ảnh vết thương.jpg' }).click()]);
    expect(download.suggestedFilename()).toBe('ảnh vết thương.jpg');
    expect(readFileSync((await download.path())!).equals(photo)).toBe(true);

    // A program renamed .pdf: refused, and the reason is said at the field.
    await panel.getByRole('button', { name: 'Thêm tài liệu' }).click();
    await panel.getByLabel('Tệp (PDF, ảnh, bản quét, ghi âm)').setInputFiles({ name: 'giấy khám.pdf', mimeType: 'application/pdf', buffer: sample(REFUSED_SAMPLES.exe, 'x', 5000) });
    await panel.getByLabel('Nhóm tài liệu').selectOption('medical_certificate');
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    await panel.locator('.field-error', { hasText: 'Loại tệp không được chấp nhận' }).waitFor();
    // Nothing chosen: said before anything is sent.
    await panel.getByLabel('Nhóm tài liệu').selectOption('');
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    await panel.getByText('Hãy chọn nhóm tài liệu.').waitFor();
    await screenshot(page, 'attachments-case-360');
    await panel.screenshot({ path: join(SCREENSHOTS, 'attachments-panel-360.png') });
    expect(problems).toEqual([]);
    await context.close();
  }, LONG);

  it('lets the police add their report to their handoff from the inbox', async () => {
    const { context, page, problems } = await signIn(browser, base, 'vanson.police', NARROW);
    await page.getByRole('link', { name: /Hộp việc|Yêu cầu phối hợp/ }).first().click();
    const card = page.getByRole('listitem').filter({ hasText: 'Lấy lời khai' });
    await card.getByRole('button', { name: 'Tài liệu đính kèm' }).click();
    const panel = card.getByRole('region', { name: 'Tài liệu đính kèm' });
    await panel.getByRole('button', { name: 'Thêm tài liệu' }).click();
    await panel.getByLabel('Tệp (PDF, ảnh, bản quét, ghi âm)').setInputFiles({ name: 'Biên bản ghi lời khai.pdf', mimeType: 'application/pdf', buffer: pdf('Bien ban') });
    await panel.getByLabel('Nhóm tài liệu').selectOption('police_record');
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    await panel.getByRole('listitem').filter({ hasText: 'Biên bản ghi lời khai.pdf' }).waitFor();
    await screenshot(page, 'attachments-inbox-360');
    expect(problems).toEqual([]);
    await context.close();
    // The case's worker sees it, with the agency that added it.
    const list = await t.http.get(`/api/v1/cases/${caseId}/attachments`).set('Authorization', await t.login('vanson.social_worker'));
    expect(list.body.items.map((a: { filename: string; agency: { name: string } | null }) => [a.filename, a.agency !== null]))
      .toEqual(expect.arrayContaining([['Biên bản ghi lời khai.pdf', true]]));
  }, LONG);
});
