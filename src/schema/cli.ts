/**
 * `npm run migration:run | migration:revert | migration:generate <Name> | seed | admin:bootstrap <username> <full name>`.
 * Uses the same database resolution as `npm start` (DATABASE_URL, else local, else embedded).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { resolveInfrastructure } from '../database/bootstrap';
import { createDataSource } from './data-source';
import { bootstrapNationalAdmin } from './bootstrap-admin';
import { seedDemo } from './seed';

async function main(): Promise<void> {
  const [command, name, ...rest] = process.argv.slice(2);
  const config = loadConfig();
  const infra = await resolveInfrastructure(config, (m) => console.log(m));
  // The owner's connection (DATABASE_OWNER_URL), else DATABASE_URL: migrations and the seed alter the schema.
  const ds = createDataSource(infra.migrationUrl, 2);
  await ds.initialize();
  try {
    switch (command) {
      case 'run': {
        const ran = await ds.runMigrations({ transaction: 'each' });
        console.log(ran.length ? `Ran ${ran.map((m) => m.name).join(', ')}` : 'No pending migrations');
        break;
      }
      case 'revert':
        await ds.undoLastMigration({ transaction: 'each' });
        console.log('Reverted the last migration');
        break;
      case 'generate': {
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migration:generate <PascalCaseName>');
        const sql = await ds.driver.createSchemaBuilder().log();
        if (sql.upQueries.length === 0) {
          console.log('The entities match the schema: nothing to generate');
          break;
        }
        const ts = Date.now();
        const q = (s: string) => '`' + s.replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
        const up = sql.upQueries.map((x) => `    await q.query(${q(x.query)});`).join('\n');
        const down = sql.downQueries.reverse().map((x) => `    await q.query(${q(x.query)});`).join('\n');
        const file = join(process.cwd(), 'migrations', `${ts}-${name}.ts`);
        writeFileSync(file, `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  async up(q: QueryRunner): Promise<void> {
${up}
  }

  async down(q: QueryRunner): Promise<void> {
${down}
  }
}
`);
        console.log(`Wrote ${file}; add it to migrations/index.ts`);
        break;
      }
      case 'seed': {
        await ds.runMigrations({ transaction: 'each' });
        const seeded = await seedDemo(ds);
        console.log(seeded ? 'Seeded the demo data' : 'The database already holds users: demo seed skipped');
        break;
      }
      case 'bootstrap-admin': {
        if (!name || !rest.length) throw new Error('usage: npm run admin:bootstrap -- <username> "<Full name>"');
        await ds.runMigrations({ transaction: 'each' });
        const password = await bootstrapNationalAdmin(ds, name, rest.join(' '));
        console.log(`National admin ${name} created. Temporary password (shown once; to be changed at first sign-in): ${password}`);
        break;
      }
      default:
        throw new Error('usage: cli.js run | revert | generate <Name> | seed | bootstrap-admin <username> <full name>');
    }
  } finally {
    await ds.destroy();
    await infra.stop();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
