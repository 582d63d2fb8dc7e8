import { Client } from 'pg';
import type { Infrastructure } from '../../src/database/bootstrap';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.BAOVE_TEST_TEMPLATE_URL;
  if (template) {
    const admin = new URL(template);
    const name = admin.pathname.slice(1);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  }
  const infra = (globalThis as Record<string, unknown>).__baoveInfra as Infrastructure | undefined;
  await infra?.stop();
}
