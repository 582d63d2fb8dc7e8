/**
 * The child registry's screens in a real browser against the whole app: the intake form offers a
 * child already on record and links the report to it (a repeat report, shown on the case page);
 * the child's page lists the child's cases; the children search forgives missing diacritics; a
 * supervisor merges a duplicate record and undoes it; a transfer requested on the case page reaches
 * the receiving commune's inbox and is accepted there.
 * Every screen has a label on each input and text on each button.
 */
import { apply, intake, userId } from '../support/fixtures';
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, expectText, Page, screenshot, signIn } from './browser';

const LONG = 120_000;
const GIANG = 'Lê Thị Hương Giang';

describeInBrowser('child registry, search and transfers (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;
  const pages: Page[] = [];
  /** The first report about Giang, filed through the API. */
  let first: { id: string; code: string };
  /** The second, filed in the browser and linked to the same child. */
  let secondCode = '';

  const open = async (username: string) => {
    const s = await signIn(browser, base, username);
    pages.push(s.page);
    return s;
  };

  beforeAll(async () => {
    app = await bootConsole({ worker: true, env: { OUTBOX_POLL_MS: '50' } });
    ({ t, browser, base } = app);
    // Received hours before the browser's report (a repeat is a report after the child's case).
    first = await intake(t, 'vanson.hotline_operator', {
      receivedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      child: {
        fullName: GIANG, sex: 'female', dateOfBirth: '2014-09-12', residenceCommuneCode: 'van-son', village: 'Thôn Đông',
        father: { fullName: 'Lê Văn Hùng' }, mother: { fullName: 'Phạm Thị Thu' },
      },
    });
  }, LONG);

  afterAll(() => app?.close());

  it('intake offers the child on record as the name is typed; linking files the report on that child, marked as a repeat', async () => {
    const { page, problems } = await open('vanson.social_worker');
    await page.getByRole('link', { name: 'Tiếp nhận tin báo' }).click();
    await page.getByRole('heading', { name: 'Tiếp nhận tin báo' }).waitFor();
    await page.getByLabel('Nguồn tin báo').selectOption('citizen');

    // Typed without diacritics: the record is offered all the same, with its score and reasons.
    await page.getByLabel('Họ và tên trẻ').fill('Le Thi Huong Giang');
    await page.getByLabel('Nữ').check();
    const panel = page.getByRole('region', { name: 'Trẻ có thể đã có trong sổ theo dõi' });
    const candidate = panel.getByRole('listitem').filter({ hasText: GIANG });
    await candidate.waitFor();
    await expectText(candidate, 'Mức giống');
    await expectText(candidate, 'Lê Văn Hùng');
    await candidate.getByRole('button', { name: 'Chọn trẻ này', exact: true }).click();
    await expectText(panel, `Tin báo sẽ gắn với trẻ đã có: ${GIANG}`);
    expect(await candidate.getByRole('button', { name: 'Đã chọn trẻ này' }).getAttribute('aria-pressed')).toBe('true');

    // The sections of the child's record fold; one opened shows its fields.
    await page.getByText('Cha mẹ', { exact: true }).click();
    await page.getByLabel('Họ tên mẹ').fill('Phạm Thị Thu');
    await page.getByLabel('Bạo lực thể chất').check();
    await page.getByLabel('Mô tả sự việc').fill('Cô giáo thấy trẻ có vết bầm mới trên tay.');
    await page.getByLabel('Người báo tin giấu tên').check();
    await expectAccessible(page);
    await screenshot(page, 'intake-matching');
    await page.getByRole('button', { name: 'Ghi nhận tin báo' }).click();
    const created = page.getByText(/^Đã tạo hồ sơ VS-\d{4}-\d{6}\.$/);
    await created.waitFor();
    secondCode = /VS-\d{4}-\d{6}/.exec((await created.textContent()) ?? '')![0];

    const [firstChild] = await t.ds.query(`SELECT child_id FROM cases WHERE id = $1`, [first.id]);
    const [secondChild] = await t.ds.query(`SELECT child_id FROM cases WHERE code = $1`, [secondCode]);
    expect(secondChild.child_id).toBe(firstChild.child_id);

    // The new case says it repeats the first and links to it.
    await page.getByRole('link', { name: `Mở hồ sơ ${secondCode}` }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${secondCode}` }).waitFor();
    await expectText(page.locator('.notice-warn'), `Tin báo lặp lại: trẻ đã có hồ sơ ${first.code}`);
    await page.locator('.notice-warn').getByRole('link', { name: first.code }).waitFor();
    await expectText(page.getByRole('region', { name: 'Trẻ em', exact: true }), first.code);
    await expectAccessible(page);
    await screenshot(page, 'case-repeat');
    expect(problems).toEqual([]);
  }, LONG);

  it('the child’s page shows the record and both cases', async () => {
    const { page, problems } = await open('vanson.social_worker');
    await page.goto(`/cases/${first.id}`);
    await page.getByRole('heading', { name: `Hồ sơ ${first.code}` }).waitFor();
    await page.getByRole('link', { name: 'Xem hồ sơ của trẻ' }).click();
    await page.getByRole('heading', { name: GIANG }).waitFor();
    await expectText(page.getByRole('region', { name: 'Thông tin của trẻ' }), 'Thôn Đông');
    await expectText(page.getByRole('region', { name: 'Hộ gia đình' }), 'Lê Văn Hùng');
    const cases = page.getByRole('region', { name: 'Các hồ sơ vụ việc của trẻ' });
    await cases.getByRole('link', { name: first.code }).waitFor();
    await cases.getByRole('link', { name: secondCode }).waitFor();
    await expectText(cases.getByRole('listitem').filter({ hasText: secondCode }), 'Tin báo lặp lại');

    // Editing sends the version read; the saved record shows the change.
    await page.getByRole('button', { name: 'Sửa thông tin của trẻ' }).click();
    const edit = page.getByRole('form', { name: 'Sửa thông tin của trẻ' });
    await edit.getByLabel('Trường đang học').fill('Trường Tiểu học Vân Sơn');
    await expectAccessible(page);
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thông tin của trẻ.').waitFor();
    await expectText(page.getByRole('region', { name: 'Thông tin của trẻ' }), 'Trường Tiểu học Vân Sơn');
    await screenshot(page, 'child-page');
    expect(problems).toEqual([]);
  }, LONG);

  it('the children search finds “huong giang” without diacritics', async () => {
    const { page, problems } = await open('vanson.supervisor');
    await page.getByRole('link', { name: 'Trẻ em', exact: true }).click();
    await page.getByRole('heading', { name: 'Trẻ em trong sổ theo dõi' }).waitFor();
    await page.getByLabel(/^Tìm theo tên trẻ/).fill('huong giang');
    await page.getByRole('button', { name: 'Lọc' }).click();
    const hit = page.getByRole('listitem').filter({ hasText: GIANG });
    await hit.waitFor();
    await expectText(hit, 'Mức phù hợp');
    expect(new URL(page.url()).searchParams.get('q')).toBe('huong giang');
    await expectAccessible(page);
    await screenshot(page, 'children-search');
    await hit.getByRole('link', { name: GIANG }).click();
    await page.getByRole('heading', { name: GIANG }).waitFor();
    expect(problems).toEqual([]);
  }, LONG);

  it('a supervisor merges a duplicate record into the child’s, then undoes the merge', async () => {
    const duplicate = await intake(t, 'vanson.hotline_operator', {
      child: { fullName: GIANG, sex: 'female', approxAgeYears: 12, residenceCommuneCode: 'van-son' },
    });
    const [{ child_id: kept }] = await t.ds.query(`SELECT child_id FROM cases WHERE id = $1`, [first.id]);
    expect(duplicate.childId).not.toBe(kept);

    const { page, problems } = await open('vanson.supervisor');
    await page.goto(`/children/${duplicate.childId}`);
    await page.getByRole('heading', { name: GIANG }).waitFor();
    await page.getByRole('button', { name: 'Gộp vào hồ sơ của trẻ khác' }).click();
    const merge = page.getByRole('form', { name: 'Gộp vào hồ sơ của trẻ khác' });
    await merge.getByLabel(/^Tìm trẻ theo tên/).fill('huong giang');
    await merge.getByRole('button', { name: 'Tìm trẻ' }).click();
    await merge.getByLabel(GIANG).check();
    await merge.getByLabel('Vì sao là cùng một trẻ').fill('Cùng ngày sinh, cùng cha mẹ, cùng thôn Đông.');
    await expectAccessible(page);
    await merge.getByRole('button', { name: 'Gộp hồ sơ' }).click();

    // The kept record now holds the duplicate's case, and offers the undo.
    await page.getByText('Đã gộp hồ sơ kia vào hồ sơ của trẻ này').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/children/${kept}`);
    await page.getByRole('region', { name: 'Các hồ sơ vụ việc của trẻ' }).getByRole('link', { name: duplicate.code }).waitFor();
    await page.getByRole('button', { name: 'Hoàn tác việc gộp' }).click();
    await page.getByText(/^Đã hoàn tác việc gộp/).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/children/${duplicate.childId}`);
    const [row] = await t.ds.query(`SELECT child_id FROM cases WHERE id = $1`, [duplicate.id]);
    expect(row.child_id).toBe(duplicate.childId);
    expect(problems).toEqual([]);
  }, LONG);

  it('a transfer requested on the case page reaches the receiving commune’s inbox, which accepts it with a worker', async () => {
    const moving = await intake(t, 'vanson.hotline_operator', { child: { fullName: 'Đỗ Minh Khang', sex: 'male', approxAgeYears: 9 } });
    await apply(t, 'vanson.supervisor', moving.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });

    const sender = await open('vanson.social_worker');
    await sender.page.goto(`/cases/${moving.id}`);
    await sender.page.getByRole('heading', { name: `Hồ sơ ${moving.code}` }).waitFor();
    const communes = sender.page.getByRole('region', { name: 'Xã/phường của hồ sơ' });
    await expectText(communes, 'Xã Vân Sơn');
    await communes.getByRole('button', { name: 'Yêu cầu chuyển hồ sơ' }).click();
    const request = sender.page.getByRole('form', { name: 'Yêu cầu chuyển hồ sơ' });
    await request.getByLabel('Xã/phường nhận hồ sơ').selectOption('ngoc-lien');
    await request.getByLabel('Thôn, xóm nơi ở mới').fill('Thôn Bắc');
    await request.getByLabel('Lý do').fill('Gia đình chuyển đến sống với bà ngoại ở Ngọc Liên.');
    await expectAccessible(sender.page);
    await request.getByRole('button', { name: 'Gửi yêu cầu chuyển' }).click();
    await sender.page.getByText(/^Đã gửi yêu cầu chuyển hồ sơ tới Xã Ngọc Liên\.$/).waitFor();
    await expectText(communes, 'Đang chờ xã/phường nhận');
    await screenshot(sender.page, 'case-communes');

    const receiver = await open('ngoclien.social_worker');
    await receiver.page.getByRole('link', { name: 'Chuyển hồ sơ' }).click();
    await receiver.page.getByRole('heading', { name: 'Chuyển hồ sơ giữa các xã/phường' }).waitFor();
    const card = receiver.page.getByRole('listitem').filter({ hasText: moving.code });
    await expectText(card, 'Gia đình chuyển đến sống với bà ngoại');
    await expectText(card, 'Thôn Bắc');
    await card.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    const form = card.getByRole('form', { name: 'Tiếp nhận hồ sơ' });
    await form.getByLabel('Giao cho').selectOption(await userId(t, 'ngoclien.social_worker'));
    await expectAccessible(receiver.page);
    await screenshot(receiver.page, 'transfer-inbox');
    await form.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await receiver.page.getByText(`Yêu cầu chuyển hồ sơ ${moving.code}: Đã nhận hồ sơ.`).waitFor();

    const [row] = await t.ds.query(`SELECT commune_code, assignee_id FROM cases WHERE id = $1`, [moving.id]);
    expect(row.commune_code).toBe('ngoc-lien');
    expect(row.assignee_id).toBe(await userId(t, 'ngoclien.social_worker'));
    expect([...sender.problems, ...receiver.problems]).toEqual([]);
  }, LONG);
});

/** Every visible input has a label (or an accessible name) and every button says what it does. */
async function expectAccessible(page: Page): Promise<void> {
  const problems = (await page.evaluate(`(() => {
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const out = [];
    for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
      if (!visible(el)) continue;
      const named = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      if (!named) out.push('unlabelled ' + el.tagName.toLowerCase() + ' ' + (el.name || el.id));
    }
    for (const el of document.querySelectorAll('button')) {
      if (!visible(el)) continue;
      if (!(el.textContent || '').trim() && !el.getAttribute('aria-label')) out.push('button without text: ' + el.outerHTML.slice(0, 80));
    }
    return out;
  })()`)) as string[];
  expect(problems).toEqual([]);
}
