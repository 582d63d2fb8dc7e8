/**
 * Browser tests drive Debian's Chromium (/usr/bin/chromium) with playwright-core, a dependency of
 * web/ only. Without Chromium they are skipped with a warning, or fail when REQUIRE_BROWSER=1 (CI).
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type * as Playwright from '../../web/node_modules/playwright-core';
import { WEB_DIST } from '../../src/app';
import { DEMO_PASSWORD } from '../../src/schema/seed';
import { bootTestApp, type TestApp } from '../support/test-app';

export type { Browser, BrowserContext, Page } from '../../web/node_modules/playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');

/** `describe`, or `describe.skip` with a warning when there is no Chromium and it is not required. */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  if (process.env.REQUIRE_BROWSER === '1') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`${CHROMIUM} is missing and REQUIRE_BROWSER=1: install it (apt-get install chromium)`);
      });
    });
    return;
  }
  console.warn(`[browser tests] SKIPPED "${name}": ${CHROMIUM} is missing (apt-get install chromium; REQUIRE_BROWSER=1 makes this fail)`);
  describe.skip(name, body);
}

export async function launchChromium(): Promise<Playwright.Browser> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`The web console is not built (${WEB_DIST}): run "npm run build:web" (npm test does it)`);
  }
  const { chromium } = require(require.resolve('playwright-core', { paths: [join(ROOT, 'web')] })) as typeof Playwright;
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export function baseUrl(server: unknown): string {
  const { port } = (server as { address(): AddressInfo }).address();
  return `http://127.0.0.1:${port}`;
}

/**
 * A phone-sized page (390×844) signed in as `username`. The browser's own time zone is UTC on
 * purpose: the console must show Vietnam time whatever the device says.
 */
export async function signIn(browser: Playwright.Browser, base: string, username: string, viewport = { width: 390, height: 844 }) {
  const context = await browser.newContext({ baseURL: base, viewport, locale: 'vi-VN', timezoneId: 'UTC' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
  return { context, page, problems };
}

/** Saves a full-page screenshot and checks the page fits the screen's width (no sideways scrolling). */
export async function screenshot(page: Playwright.Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  if (overflow > 1) throw new Error(`${name}: the page is ${overflow}px wider than the screen`);
}

/** The datetime-local value (Vietnam time) of an instant. */
export function vietnamInput(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}

/** The whole app listening on a random local port, and Chromium to drive it. */
export interface ConsoleUnderTest {
  t: TestApp;
  browser: Playwright.Browser;
  base: string;
  close(): Promise<void>;
}

export async function bootConsole(options: Parameters<typeof bootTestApp>[0] = {}): Promise<ConsoleUnderTest> {
  const t = await bootTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const browser = await launchChromium();
  return {
    t, browser, base: baseUrl(t.app.getHttpServer()),
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Waits (10 s at most) until the first element the locator finds holds the text. */
export async function expectText(locator: ReturnType<Playwright.Page['locator']>, text: string): Promise<void> {
  await locator.first().waitFor({ state: 'attached' });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const content = (await locator.first().textContent()) ?? '';
    if (content.includes(text)) return;
    if (Date.now() > deadline) throw new Error(`expected "${text}" in: ${content.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits (20 s at most) until `expression` is truthy in the page. Polled with page.evaluate, which
 * the console's Content-Security-Policy allows (page.waitForFunction evaluates strings it refuses).
 */
export async function until(page: Playwright.Page, expression: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${expression}`);
    await page.waitForTimeout(100);
  }
}
