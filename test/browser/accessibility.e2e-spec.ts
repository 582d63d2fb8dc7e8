/**
 * An accessibility scan (axe-core, injected into the page) of every page of the console, as each
 * role sees it, on a phone: no serious or critical violation. The violations found are printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apply, intake, userId } from '../support/fixtures';
import type { TestApp } from '../support/test-app';
import { Browser, bootConsole, ConsoleUnderTest, describeInBrowser, Page, signIn } from './browser';

const LONG = 240_000;
const AXE = readFileSync(join(__dirname, '..', '..', 'web', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface Violation { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }

async function scan(page: Page): Promise<Violation[]> {
  // Evaluated, not a <script> tag: the console's Content-Security-Policy allows no inline script.
  await page.evaluate(AXE);
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as { violations: Violation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describeInBrowser('accessibility (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let app: ConsoleUnderTest | undefined;

  beforeAll(async () => {
    app = await bootConsole();
    ({ t, browser, base } = app);
  }, LONG);

  afterAll(() => app?.close());

  it('finds no serious or critical violation on any page', async () => {
    const c = await intake(t, 'vanson.social_worker');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    const pages: Record<string, string[]> = {
      'vanson.social_worker': ['/cases', `/cases/${c.id}`, '/intake', '/children', '/transfers', '/urgent-reports', '/notifications', '/outbox', '/workflows', '/password', '/two-step'],
      'vanson.supervisor': ['/oversight', '/approvals', '/sla'],
      'vanson.police': ['/inbox'],
      'vanson.admin': ['/admin/users', '/admin/agencies', '/admin/units'],
      'national.admin': ['/admin/holidays', '/admin/system-clients'],
    };
    const found: string[] = [];
    for (const [username, paths] of Object.entries(pages)) {
      const { context, page } = await signIn(browser, base, username, { width: 360, height: 740 });
      for (const path of paths) {
        await page.goto(path);
        await page.locator('#page-h').waitFor();
        await page.waitForLoadState('networkidle');
        for (const v of await scan(page)) found.push(`${username} ${path}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      }
      await context.close();
    }
    console.log(found.length ? `axe: serious or critical violations:\n${found.join('\n')}` : 'axe: no serious or critical violation');
    expect(found).toEqual([]);
  }, LONG);
});
