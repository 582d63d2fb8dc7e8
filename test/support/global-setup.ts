/**
 * Once per test run: find PostgreSQL and Redis exactly as `npm start` does (env, local defaults,
 * embedded), then build a template database (migrated and seeded) that every test file clones
 * into its own fresh database. A run never sees another run's data.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/config';
import { ensureDatabase, resolveInfrastructure } from '../../src/database/bootstrap';
import { migrate } from '../../src/schema/migrate';

export default async function globalSetup(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL });
  const infra = await resolveInfrastructure(config, (m) => process.stderr.write(`[test setup] ${m}\n`));
  const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const template = new URL(infra.databaseUrl);
  template.pathname = `/baove_test_${run}_tpl`;
  await ensureDatabase(template.toString());
  await migrate(template.toString(), { seed: true });
  process.env.BAOVE_TEST_RUN = run;
  process.env.BAOVE_TEST_TEMPLATE_URL = template.toString();
  process.env.BAOVE_TEST_REDIS_URL = infra.redisUrl;
  (globalThis as Record<string, unknown>).__baoveInfra = infra;
}
