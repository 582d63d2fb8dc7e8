/**
 * The console without a connection: installable (a manifest with icons, a service worker), a reload
 * offline shows the console, a report recorded offline is sent once the connection returns (one
 * case), a report whose answer was lost is sent again and still makes one case (Idempotency-Key),
 * a note recorded offline on a case that changed meanwhile is held and shown with both versions,
 * a case shown when the connection drops stays shown with the time of its data and is refreshed when
 * it returns, a handoff requested or a separation proposed offline is sent once when the connection
 * returns, a partner's step on a handoff recorded offline is sent once and one whose handoff changed
 * meanwhile is held with the handoff as it is now and sent over it on request, an officer offline
 * accepts, starts and completes a handoff (the inbox offering each next step from the state the
 * kept ones leave it in) and each is sent once, in order, and a step kept behind one that meets a
 * conflict is held, not sent, until the person decides, two monitoring visits
 * of a separation recorded offline are both sent once, in order,
 * and a Web Push message shows as a notification. Screenshots in test-artifacts/screenshots/offline-*.png.
 */
import { CasesRepository } from '../../src/cases/cases.repository';
import { FieldCipher } from '../../src/crypto/field-cipher';
import { apply, intake, userId } from '../support/fixtures';
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, Page, screenshot, signIn, until } from './browser';

const LONG = 180_000;

describeInBrowser('offline console (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    app = await bootConsole();
    ({ t, browser, base } = app);
  }, LONG);

  afterAll(() => app?.close());

  /** The handoffs' instructions as the database holds them sealed (src/cases/handoff-fields.ts), opened. */
  const instructionsOf = (rows: Array<{ instructions: string }>) =>
    Promise.all(rows.map((r) => t.app.get(FieldCipher).open(r.instructions, 'handoffs.instructions')));

  const controlled = (page: Page) => until(page, 'navigator.serviceWorker.controller !== null');
  const casesOf = async (name: string) =>
    (await t.ds.query(`SELECT count(*)::int AS n FROM case_children WHERE full_name = $1`, [name]))[0].n as number;
  const fillIntake = async (page: Page, name: string) => {
    await page.getByLabel('Nguồn tin báo').selectOption('school');
    await page.getByLabel('Họ và tên trẻ').fill(name);
    await page.getByLabel('Nữ', { exact: true }).check();
    await page.getByLabel('Bạo lực thể chất').check();
    await page.getByLabel('Mô tả sự việc').fill('Trẻ đến lớp với vết bầm trên mặt, nói bị bố đánh.');
  };

  it('is installable, opens offline and sends an offline report once when the connection returns', async () => {
    const { context, page, problems } = await signIn(browser, base, 'vanson.social_worker', { width: 360, height: 740 });
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    // Playwright's contexts are incognito, which alone keeps Chromium from offering the install.
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: Array<{ errorId: string }> };
    expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
    const manifest = await (await page.request.get('/manifest.webmanifest')).json();
    expect(manifest).toMatchObject({ short_name: 'baove', display: 'standalone', start_url: '/' });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));

    // Offline, a reload shows the console (the app shell from the service worker), saying it is offline.
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
    await page.getByText('Không có kết nối mạng.', { exact: false }).first().waitFor();
    await screenshot(page, 'offline-reload');

    // A report recorded offline is kept and waits.
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tiếp nhận tin báo', exact: true }).click();
    await fillIntake(page, 'Vi Thị Ngoan');
    await page.getByRole('button', { name: 'Ghi nhận tin báo' }).click();
    await page.getByText('tin báo đã được lưu trên máy này và sẽ tự gửi', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Chờ gửi (1)', exact: true }).waitFor();
    await screenshot(page, 'offline-queued');
    expect(await casesOf('Vi Thị Ngoan')).toBe(0);

    // The connection returns: sent, once.
    // (Chromium does not tell a page reloaded under emulation that it is online again: the console's own retry sends it.)
    await context.setOffline(false);
    await page.getByRole('link', { name: 'Chờ gửi (1)', exact: true }).waitFor({ state: 'detached' });
    expect(await casesOf('Vi Thị Ngoan')).toBe(1);

    // A report whose answer is lost on the way back (the server filed it) is queued, sent again, and is still one case.
    let dropped = 0;
    await page.route('**/api/v1/intake', async (route) => {
      if (dropped++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await fillIntake(page, 'Vi Văn Lực');
    await page.getByRole('button', { name: 'Ghi nhận tin báo' }).click();
    await page.getByRole('link', { name: 'Chờ gửi (1)', exact: true }).click();
    expect(await casesOf('Vi Văn Lực')).toBe(1);
    await page.getByRole('button', { name: 'Gửi ngay', exact: true }).click();
    await page.getByText('Đã gửi 1 mục.').waitFor();
    await page.getByText('Không có mục nào chờ gửi.').waitFor();
    expect(await casesOf('Vi Văn Lực')).toBe(1);
    expect(dropped).toBe(2);
    expect(problems).toEqual([]);
    await context.close();
  }, LONG);

  it('holds a note recorded offline on a case that changed meanwhile, showing both versions', async () => {
    const c = await intake(t, 'vanson.social_worker');
    const { context, page, problems } = await signIn(browser, base, 'vanson.social_worker');
    await controlled(page);
    await page.goto(`/cases/${c.id}`);
    const actions = page.getByRole('region', { name: 'Việc bạn có thể làm' });
    await actions.getByRole('button', { name: 'Thêm ghi chú' }).click();
    await context.setOffline(true);
    const form = page.getByRole('form', { name: 'Thêm ghi chú' });
    await form.getByRole('textbox').first().fill('Đã đến nhà, mẹ trẻ hợp tác.');
    await form.getByRole('button', { name: 'Thêm ghi chú', exact: true }).click();
    await page.getByRole('status').getByText('"Thêm ghi chú" đã được lưu trên máy này', { exact: false }).waitFor();

    // Meanwhile the supervisor writes on the case.
    const supervisor = await t.login('vanson.supervisor');
    const other = await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', supervisor)
      .send({ type: 'ADD_NOTE', data: { text: 'Cần gặp riêng trẻ trước.' }, expectedVersion: c.version });
    expect(other.status).toBe(200);

    await context.setOffline(false);
    const held = page.getByRole('link', { name: 'Chờ gửi (1)', exact: true });
    await held.waitFor();
    await until(page, `document.querySelector('.mainnav a.attention') !== null`);
    await held.click();
    const conflict = page.getByRole('region', { name: `Hồ sơ ${c.code} đã thay đổi trong lúc bạn ghi (phiên bản ${c.version} → ${c.version + 1})` });
    await conflict.getByText('Đã đến nhà, mẹ trẻ hợp tác.').waitFor();
    await conflict.getByText('Cần gặp riêng trẻ trước.').waitFor();
    await screenshot(page, 'offline-conflict');
    const notes = async () => Promise.all((await t.ds.query(`SELECT data FROM case_events WHERE case_id = $1 AND type = 'ADD_NOTE' ORDER BY seq`, [c.id]))
      .map(async (r: { data: Record<string, unknown> }) => (await t.app.get(CasesRepository).openEventData(r.data)).text));
    expect(await notes()).toEqual(['Cần gặp riêng trẻ trước.']);
    await conflict.getByRole('button', { name: 'Vẫn gửi bản của tôi', exact: true }).click();
    await page.getByText('Không có mục nào chờ gửi.').waitFor();
    expect(await notes()).toEqual(['Cần gặp riêng trẻ trước.', 'Đã đến nhà, mẹ trẻ hợp tác.']);
    expect(problems).toEqual([]);
    await context.close();
  }, LONG);

  it('keeps showing what it has, with its time, while offline, and what changed once the connection returns', async () => {
    const c = await intake(t, 'vanson.social_worker');
    const { context, page, problems } = await signIn(browser, base, 'vanson.social_worker');
    await page.goto(`/cases/${c.id}`);
    const timeline = page.getByRole('heading', { name: 'Diễn biến hồ sơ' });
    await timeline.waitFor();
    await context.setOffline(true);
    await page.getByText('Dữ liệu đang hiển thị là dữ liệu lúc', { exact: false }).waitFor();
    // The case stays on screen (from memory; nothing of it is kept on the device).
    await timeline.waitFor();
    await page.getByText(c.code, { exact: false }).first().waitFor();

    const supervisor = await t.login('vanson.supervisor');
    const note = await t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', supervisor)
      .send({ type: 'ADD_NOTE', data: { text: 'Đã gọi cho nhà trường.' }, expectedVersion: c.version });
    expect(note.status).toBe(200);
    expect(await page.getByText('Đã gọi cho nhà trường.').count()).toBe(0);

    await context.setOffline(false);
    await page.getByText('Đã gọi cho nhà trường.').waitFor();
    expect(await page.getByText('Dữ liệu đang hiển thị là dữ liệu lúc', { exact: false }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, LONG);

  it('sends a handoff requested offline once when the connection returns', async () => {
    const c = await intake(t, 'vanson.social_worker');
    const handoffs = async () => instructionsOf(await t.ds.query(`SELECT instructions FROM handoffs WHERE case_id = $1`, [c.id]));
    const { context, page, problems } = await signIn(browser, base, 'vanson.social_worker');
    await controlled(page);
    await page.goto(`/cases/${c.id}`);
    await page.getByRole('button', { name: 'Gửi yêu cầu phối hợp', exact: true }).click();
    const form = page.getByRole('form', { name: 'Gửi yêu cầu phối hợp' });
    await form.getByLabel('Loại việc').selectOption('medical_care');
    // The agency that usually does the work, from the directory read while online.
    await until(page, `document.querySelector('#handoff-form select[name="agencyId"]').value !== ''`);
    await context.setOffline(true);
    await form.getByLabel('Hướng dẫn và thông tin cơ quan cần biết').fill('Khám vết thương ở tay cho trẻ');
    await form.getByRole('button', { name: 'Gửi yêu cầu phối hợp', exact: true }).click();
    await page.getByRole('status').getByText('yêu cầu phối hợp đã được lưu trên máy này', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Chờ gửi (1)', exact: true }).waitFor();
    expect(await handoffs()).toEqual([]);

    await context.setOffline(false);
    await page.getByRole('link', { name: 'Chờ gửi (1)', exact: true }).waitFor({ state: 'detached' });
    expect(await handoffs()).toEqual(['Khám vết thương ở tay cho trẻ']);
    expect(problems).toEqual([]);
    await context.close();
  }, LONG);

  it('sends a separation proposed offline once when the connection returns', async () => {
    const c = await intake(t, 'vanson.social_worker');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    const separations = async () => instructionsOf(await t.ds.query(`SELECT instructions FROM handoffs WHERE case_id = $1 AND workflow = 'temporary-separation'`, [c.id]));
    const { context, page, problems } = await signIn(browser, base, 'vanson.social_worker');
    await controlled(page);
    await page.goto(`/cases/${c.id}`);
    const region = page.getByRole('region', { name: 'Tạm thời cách ly trẻ em' });
    await region.getByRole('button', { name: 'Đề nghị tạm thời cách ly' }).click();
    const form = page.getByRole('form', { name: 'Đề nghị tạm thời cách ly' });
    await context.setOffline(true);
    await form.getByLabel('Cách ly khỏi').selectOption('father');
    await form.getByLabel('Lý do cách ly').fill('Cha đánh trẻ, trẻ không an toàn');
    await form.getByLabel('Hình thức').selectOption('relative');
    await form.getByLabel('Người/cơ sở nhận chăm sóc').fill('Phạm Thị Lựu');
    await form.getByLabel('Địa chỉ').fill('Thôn Bắc, xã Vân Sơn');
    await form.getByLabel(/^Trẻ đồng ý\?/).selectOption('yes');
    await form.getByLabel(/^Cách hỏi ý kiến/).selectOption('in_person');
    await form.getByRole('button', { name: 'Gửi đề nghị' }).press('Enter');
    await page.getByRole('status').getByText('đề nghị cách ly đã được lưu trên máy này', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Chờ gửi (1)', exact: true }).waitFor();
    expect(await separations()).toEqual([]);

    await context.setOffline(false);
    await page.getByRole('link', { name: 'Chờ gửi (1)', exact: true }).waitFor({ state: 'detached' });
    expect(await separations()).toEqual(['Cha đánh trẻ, trẻ không an toàn']);
    expect(problems).toEqual([]);
    await context.close();
  }, LONG);

  it('sends a partner’s handoff step recorded offline once, and holds one whose handoff changed meanwhile until sent over it', async () => {
    const c = await intake(t, 'vanson.social_worker');
    const [{ id: agencyId }] = await t.ds.query(`SELECT agency_id AS id FROM users WHERE username = 'vanson.police'`);
    const created = await t.http.post(`/api/v1/cases/${c.id}/handoffs`).set('Authorization', await t.login('vanson.social_worker'))
      .send({ kind: 'police_investigation', agencyId, instructions: 'Xác minh người gây hại', urgency: 'normal' });
    expect(created.status).toBe(201);
    const h = created.body.handoff as { id: string; version: number };
    const row = async () => (await t.ds.query(`SELECT state, version FROM handoffs WHERE id = $1`, [h.id]))[0] as { state: string; version: number };
    const { context, page, problems } = await signIn(browser, base, 'vanson.police');
    await controlled(page);
    await page.goto('/inbox');
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: c.code }) });
    await card.getByRole('button', { name: 'Nhận việc' }).waitFor();

    // In the field, without a connection: the acceptance is kept and said so.
    await context.setOffline(true);
    await card.getByRole('button', { name: 'Nhận việc' }).click();
    await page.getByRole('status').getByText(`"Nhận việc" (hồ sơ ${c.code}) đã được lưu trên máy này`, { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Chờ gửi (1)', exact: true }).waitFor();
    await screenshot(page, 'offline-handoff-step');
    expect(await row()).toEqual({ state: 'offered', version: h.version });

    // The connection returns: sent once.
    await context.setOffline(false);
    await page.getByRole('link', { name: 'Chờ gửi (1)', exact: true }).waitFor({ state: 'detached' });
    expect(await row()).toEqual({ state: 'accepted', version: h.version + 1 });

    // A procedure status recorded offline while a colleague records another on the handoff.
    await card.getByRole('button', { name: 'Cập nhật tình trạng tố tụng hình sự' }).click();
    await context.setOffline(true);
    await page.locator(`[id="${h.id}-procedure-status"]`).selectOption('report_received');
    await page.locator(`[id="${h.id}-procedure-on"]`).fill('2026-03-02');
    await page.locator(`[id="${h.id}-RECORD_PROCEDURE_STATUS"]`).getByRole('button', { name: 'Ghi nhận tình trạng' }).click();
    await page.getByRole('status').getByText(`"Cập nhật tình trạng tố tụng hình sự" (hồ sơ ${c.code}) đã được lưu`, { exact: false }).waitFor();
    const colleague = await t.http.post(`/api/v1/handoffs/${h.id}/record_procedure_status`).set('Authorization', await t.login('vanson.police'))
      .send({ status: 'prosecution_opened', on: '2026-03-05', reference: '07/QĐ-KTVA' });
    expect(colleague.status).toBe(200);

    await context.setOffline(false);
    const held = page.getByRole('link', { name: 'Chờ gửi (1)', exact: true });
    await until(page, `document.querySelector('.mainnav a.attention') !== null`);
    await held.click();
    const conflict = page.getByRole('region', {
      name: `Yêu cầu phối hợp "Công an điều tra" của hồ sơ ${c.code} đã thay đổi trong lúc bạn ghi (phiên bản ${h.version + 1} → ${h.version + 2})`,
    });
    await conflict.getByText('Đã tiếp nhận tố giác, tin báo').waitFor(); // mine
    await conflict.getByText('07/QĐ-KTVA', { exact: false }).waitFor(); // what the colleague recorded
    await conflict.getByText('Hiện nay: Đã nhận', { exact: false }).waitFor();
    await screenshot(page, 'offline-handoff-conflict');
    expect((await row()).version).toBe(h.version + 2);
    await conflict.getByRole('button', { name: 'Vẫn gửi bản của tôi', exact: true }).click();
    await page.getByText('Không có mục nào chờ gửi.').waitFor();
    const now = await t.http.get(`/api/v1/handoffs/${h.id}`).set('Authorization', await t.login('vanson.police'));
    expect(now.body.procedure.map((p: { status: string }) => p.status)).toEqual(['prosecution_opened', 'report_received']);
    expect(now.body.version).toBe(h.version + 3);
    expect(problems).toEqual([]);
    await context.close();
  }, LONG);

  /** A handoff offered to `officer`'s agency on a new case. */
  const offerTo = async (officer: string, kind: string, instructions: string) => {
    const c = await intake(t, 'vanson.social_worker');
    const [{ id: agencyId }] = await t.ds.query(`SELECT agency_id AS id FROM users WHERE username = $1`, [officer]);
    const created = await t.http.post(`/api/v1/cases/${c.id}/handoffs`).set('Authorization', await t.login('vanson.social_worker'))
      .send({ kind, agencyId, instructions, urgency: 'normal' });
    expect(created.status).toBe(201);
    return { c, h: created.body.handoff as { id: string; version: number } };
  };
  /** The handoff's steps as the server applied them, in order (its audit entries: each step once). */
  const stepsOf = async (id: string) => (await t.ds.query(
    `SELECT action, details->>'from' AS "from", details->>'to' AS "to" FROM audit_log WHERE entity_id = $1 AND details ? 'from' ORDER BY id`, [id],
  )) as Array<{ action: string; from: string; to: string }>;
  const handoffRow = async (id: string) => (await t.ds.query(`SELECT state, version FROM handoffs WHERE id = $1`, [id]))[0] as { state: string; version: number };

  it('offline, offers an officer the steps after the one kept (accept, then start, then complete) and sends each once, in order', async () => {
    const { c, h } = await offerTo('vanson.health', 'medical_care', 'Khám và điều trị vết thương cho trẻ');
    const { context, page, problems } = await signIn(browser, base, 'vanson.health');
    await controlled(page);
    await page.goto('/inbox?status=all');
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: c.code }) });
    await card.getByRole('button', { name: 'Nhận việc' }).waitFor();
    expect(await card.getByRole('button', { name: 'Bắt đầu thực hiện' }).count()).toBe(0);
    const pending = card.getByRole('note', { name: 'Chờ gửi' });

    await context.setOffline(true);
    await card.getByRole('button', { name: 'Nhận việc' }).click();
    await page.getByRole('link', { name: 'Chờ gửi (1)', exact: true }).waitFor();
    // The card shows the handoff as the kept acceptance leaves it, and the steps from there, said to wait.
    await pending.getByText('Đã ghi trên máy này, chờ gửi: Nhận việc.').waitFor();
    await pending.getByText('Khi gửi xong, yêu cầu sẽ ở trạng thái "Đã nhận"', { exact: false }).waitFor();
    expect(await card.getByRole('button', { name: 'Nhận việc' }).count()).toBe(0);
    await card.getByRole('button', { name: 'Bắt đầu thực hiện' }).click();
    await page.getByRole('link', { name: 'Chờ gửi (2)', exact: true }).waitFor();
    await pending.getByText('Khi gửi xong, yêu cầu sẽ ở trạng thái "Đang thực hiện"', { exact: false }).waitFor();
    expect(await card.getByRole('button', { name: 'Bắt đầu thực hiện' }).count()).toBe(0);
    await card.getByRole('button', { name: 'Báo hoàn thành' }).click();
    const complete = page.locator(`[id="${h.id}-COMPLETE"]`);
    await complete.getByLabel('Kết quả thực hiện').fill('Đã khám, băng bó vết thương ở tay; hẹn tái khám sau 7 ngày.');
    await complete.getByRole('button', { name: 'Báo hoàn thành' }).click();
    await page.getByRole('link', { name: 'Chờ gửi (3)', exact: true }).waitFor();
    await pending.getByText('Đã ghi trên máy này, chờ gửi: Nhận việc, Bắt đầu thực hiện, Báo hoàn thành.').waitFor();
    await pending.getByText('Khi gửi xong, yêu cầu sẽ ở trạng thái "Đã hoàn thành"', { exact: false }).waitFor();
    expect(await card.getByRole('button', { name: 'Báo hoàn thành' }).count()).toBe(0);
    await screenshot(page, 'offline-handoff-next-steps');
    expect(await handoffRow(h.id)).toEqual({ state: 'offered', version: h.version });
    expect(await stepsOf(h.id)).toEqual([]);

    // The connection returns: each step once, in order, each over the version the one before made.
    await context.setOffline(false);
    await page.getByRole('link', { name: /^Chờ gửi/ }).waitFor({ state: 'detached' });
    expect(await handoffRow(h.id)).toEqual({ state: 'completed', version: h.version + 3 });
    expect(await stepsOf(h.id)).toEqual([
      { action: 'handoff.ACCEPT', from: 'offered', to: 'accepted' },
      { action: 'handoff.START', from: 'accepted', to: 'in_progress' },
      { action: 'handoff.COMPLETE', from: 'in_progress', to: 'completed' },
    ]);
    const now = await t.http.get(`/api/v1/handoffs/${h.id}`).set('Authorization', await t.login('vanson.health'));
    expect(now.body.outcome).toBe('Đã khám, băng bó vết thương ở tay; hẹn tái khám sau 7 ngày.');
    // The inbox shows the server's answer: completed, nothing waiting.
    await pending.waitFor({ state: 'detached' });
    await card.getByText('Đã hoàn thành', { exact: true }).first().waitFor();
    await card.getByText('Đã khám, băng bó vết thương ở tay', { exact: false }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, LONG);

  it('holds a step kept behind one that meets a conflict: not sent over it, until the person decides', async () => {
    const { c, h } = await offerTo('vanson.police', 'police_investigation', 'Xác minh người gây hại');
    const { context, page, problems } = await signIn(browser, base, 'vanson.police');
    await controlled(page);
    await page.goto('/inbox');
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: c.code }) });
    await card.getByRole('button', { name: 'Nhận việc' }).waitFor();
    await context.setOffline(true);
    await card.getByRole('button', { name: 'Nhận việc' }).click();
    await card.getByRole('button', { name: 'Bắt đầu thực hiện' }).click();
    await page.getByRole('link', { name: 'Chờ gửi (2)', exact: true }).waitFor();

    // Meanwhile a colleague accepts it.
    const colleague = await t.http.post(`/api/v1/handoffs/${h.id}/accept`).set('Authorization', await t.login('vanson.police'))
      .send({ expectedVersion: h.version });
    expect(colleague.status).toBe(200);

    // The connection returns: the acceptance meets the conflict (409), the start behind it is held, not sent.
    await context.setOffline(false);
    await until(page, `document.querySelector('.mainnav a.attention') !== null`);
    const pending = card.getByRole('note', { name: 'Chờ gửi' });
    await pending.getByText('Một bước chưa gửi được và đang chờ bạn quyết định', { exact: false }).waitFor();
    expect(await card.getByRole('button', { name: 'Bắt đầu thực hiện' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Chờ gửi (2)', exact: true }).click();
    const conflict = page.getByRole('region', {
      name: `Yêu cầu phối hợp "Công an điều tra" của hồ sơ ${c.code} đã thay đổi trong lúc bạn ghi (phiên bản ${h.version} → ${h.version + 1})`,
    });
    await conflict.getByText('Hiện nay: Đã nhận', { exact: false }).waitFor();
    await page.getByText('Giữ lại: chỉ gửi sau bước trước nó').waitFor();
    await screenshot(page, 'offline-handoff-held');
    // Sending again does not send it either.
    await page.getByRole('button', { name: 'Gửi ngay', exact: true }).click();
    await page.getByText('Đã gửi 0 mục.').waitFor();
    expect(await handoffRow(h.id)).toEqual({ state: 'accepted', version: h.version + 1 });
    expect(await stepsOf(h.id)).toEqual([{ action: 'handoff.ACCEPT', from: 'offered', to: 'accepted' }]);

    // The person discards their acceptance (the colleague's stands): the start, taken on the state it would have left,
    // now waits as a conflict beside the handoff as it is, and goes over it on request.
    await page.getByRole('listitem').filter({ has: conflict }).getByRole('button', { name: 'Bỏ bản của tôi' }).click();
    const start = page.getByRole('region', {
      name: `Yêu cầu phối hợp "Công an điều tra" của hồ sơ ${c.code} đã thay đổi trong lúc bạn ghi (phiên bản ${h.version + 1} → ${h.version + 1})`,
    });
    await start.getByText('Bắt đầu thực hiện').first().waitFor();
    expect(await stepsOf(h.id)).toHaveLength(1);
    await start.getByRole('button', { name: 'Vẫn gửi bản của tôi', exact: true }).click();
    await page.getByText('Không có mục nào chờ gửi.').waitFor();
    expect(await handoffRow(h.id)).toEqual({ state: 'in_progress', version: h.version + 2 });
    expect(await stepsOf(h.id)).toEqual([
      { action: 'handoff.ACCEPT', from: 'offered', to: 'accepted' },
      { action: 'handoff.START', from: 'accepted', to: 'in_progress' },
    ]);
    expect(problems).toEqual([]);
    await context.close();
  }, LONG);

  it('sends two monitoring visits of a separation recorded offline, once each and in order', async () => {
    const c = await intake(t, 'vanson.social_worker');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    const proposed = await t.http.post(`/api/v1/cases/${c.id}/separations`).set('Authorization', await t.login('vanson.social_worker')).send({
      separatedFrom: 'father', reason: 'Cha đánh trẻ', plannedDays: 10,
      placement: { kind: 'relative', carerName: 'Phạm Thị Lựu', address: 'Thôn Bắc', relation: 'bà nội' }, consent: { given: true, method: 'in_person' },
    });
    expect(proposed.status).toBe(201);
    const sep = proposed.body.separation as { id: string; version: number };
    const decided = await t.http.post(`/api/v1/separations/${sep.id}/events`).set('Authorization', await t.login('vanson.chair'))
      .send({ type: 'DECIDE_SEPARATION', data: {}, expectedVersion: sep.version });
    expect(decided.status).toBe(200);
    const version = decided.body.separation.version as number;
    const current = async () => (await t.http.get(`/api/v1/separations/${sep.id}`).set('Authorization', await t.login('vanson.social_worker'))).body as {
      version: number; visits: Array<{ observations: string }>;
    };
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const { context, page, problems } = await signIn(browser, base, 'vanson.social_worker');
    await controlled(page);
    await page.goto(`/cases/${c.id}`);
    const card = page.getByRole('region', { name: 'Tạm thời cách ly trẻ em' }).getByRole('listitem').first();
    await card.getByRole('button', { name: 'Ghi kết quả thăm trẻ' }).waitFor();
    await context.setOffline(true);
    for (const [n, observations] of [[1, 'Trẻ ăn ngủ tốt'], [2, 'Trẻ đã đi học lại']] as const) {
      await card.getByRole('button', { name: 'Ghi kết quả thăm trẻ' }).click();
      const form = card.getByRole('form', { name: 'Ghi kết quả thăm trẻ' });
      await form.getByLabel('Ngày thăm').fill(today);
      await form.getByLabel('Nhận xét').fill(observations);
      await form.getByLabel('Tình trạng của trẻ').fill('Khỏe mạnh');
      await form.getByLabel('Việc chăm sóc của người nhận chăm sóc').fill('Chu đáo');
      await form.getByRole('button', { name: 'Xác nhận: Ghi kết quả thăm trẻ' }).click();
      await card.getByRole('status').getByText('"Ghi kết quả thăm trẻ" đã được lưu trên máy này', { exact: false }).waitFor();
      await page.getByRole('link', { name: `Chờ gửi (${n})`, exact: true }).waitFor();
    }
    await screenshot(page, 'offline-separation-visit');
    expect((await current()).visits).toEqual([]);

    // The second was written against the version the first changes: it goes over the first, not into a conflict with it.
    await context.setOffline(false);
    await page.getByRole('link', { name: /^Chờ gửi/ }).waitFor({ state: 'detached' });
    const after = await current();
    expect(after.visits.map((v) => v.observations)).toEqual(['Trẻ ăn ngủ tốt', 'Trẻ đã đi học lại']);
    expect(after.version).toBe(version + 2);
    expect(problems).toEqual([]);
    await context.close();
  }, LONG);

  it('shows a Web Push message as a notification that stays when urgent', async () => {
    const { context, page } = await signIn(browser, base, 'vanson.social_worker');
    await context.grantPermissions(['notifications']);
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const registrationId = await new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: Array<{ registrationId: string; isDeleted: boolean }> }) => {
        const r = e.registrations.find((x) => !x.isDeleted);
        if (r) resolve(r.registrationId);
      });
    });
    const payload = { title: 'Hạn 12 giờ sắp hết', body: 'Hồ sơ VS-2026-000001: còn 1 giờ', url: '/cases/abc', tag: 'deadline-abc', urgent: true, ackUrl: '/ack/tok' };
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: base, registrationId, data: JSON.stringify(payload) });
    let shown: unknown = null;
    for (let i = 0; i < 100 && !shown; i++) {
      shown = await page.evaluate(`navigator.serviceWorker.ready.then((reg) => reg.getNotifications()).then(([n]) =>
        n ? { title: n.title, body: n.body, tag: n.tag, requireInteraction: n.requireInteraction, data: n.data } : null)`);
      if (!shown) await page.waitForTimeout(100);
    }
    expect(shown).toEqual({
      title: payload.title, body: payload.body, tag: payload.tag, requireInteraction: true, data: { url: '/cases/abc', ackUrl: '/ack/tok' },
    });
    await context.close();
  }, LONG);
});
