import { Client } from 'pg';
import type { Infrastructure } from '../../src/database/bootstrap';
import { appLoginPrefix } from './test-app';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.BAOVE_TEST_TEMPLATE_URL;
  if (template) {
    const admin = new URL(template);
    const name = admin.pathname.slice(1);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    // The run's logins of the application role a file left behind (they own nothing: dropped as they are).
    const left = await client.query(`SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)`, [appLoginPrefix(process.env.BAOVE_TEST_RUN!)]);
    for (const { rolname } of left.rows) await client.query(`DROP ROLE IF EXISTS "${rolname}"`);
    await client.end();
  }
  const infra = (globalThis as Record<string, unknown>).__baoveInfra as Infrastructure | undefined;
  await infra?.stop();
}
