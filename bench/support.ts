/** Shared helpers for `npm run bench:*`: a dedicated database, percentiles, argument parsing. */
import { Client } from 'pg';
import { loadConfig, AppConfig } from '../src/config/config';
import { ensureDatabase, resolveInfrastructure, Infrastructure } from '../src/database/bootstrap';
import type { Principal } from '../src/identity/roles';
import { migrate } from '../src/schema/migrate';

export function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = hit ? Number(hit.split('=')[1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

interface BenchDatabase {
  config: AppConfig;
  infra: Infrastructure;
  url: string;
  drop: () => Promise<void>;
}

/** Where the bench database `name` lives, on the PostgreSQL `npm start` would use, and how to drop it. */
async function benchLocation(name: string): Promise<BenchDatabase> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const infra = await resolveInfrastructure(config, (m) => console.error(m));
  const url = new URL(infra.databaseUrl);
  url.pathname = `/${name}`;
  const admin = new URL(infra.databaseUrl);
  admin.pathname = '/postgres';
  const drop = async () => {
    const c = new Client({ connectionString: admin.toString() });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
  };
  return { config, infra, url: url.toString(), drop };
}

/** A fresh, migrated and demo-seeded database of its own, on the PostgreSQL `npm start` would use. */
export async function benchDatabase(name: string): Promise<BenchDatabase> {
  const db = await benchLocation(name);
  await db.drop();
  await ensureDatabase(db.url);
  await migrate(db.url, { seed: true });
  return db;
}

/**
 * A bench database an earlier run kept (`--keep`), brought up to date: the migrations it lacks run
 * (backfills included), timed, as a deployment would run them.
 */
export async function existingBenchDatabase(name: string): Promise<BenchDatabase & { migrateSeconds: number }> {
  const db = await benchLocation(name);
  const started = Date.now();
  const { migrated } = await migrate(db.url, { seed: false });
  if (migrated.length) console.log(`  migrated: ${migrated.join(', ')}`);
  return { ...db, migrateSeconds: (Date.now() - started) / 1000 };
}

/** A seeded user as the services see them (role, agency, jurisdiction). */
export async function principal(pg: Client, username: string): Promise<Principal> {
  const { rows: [u] } = await pg.query(
    `SELECT u.id, u.username, u.role, u.agency_id, a.type, a.province_code, a.commune_code
       FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.username = $1`, [username]);
  return {
    userId: u.id, username: u.username, role: u.role, agencyId: u.agency_id, agencyType: u.type,
    provinceCode: u.province_code, communeCode: u.commune_code,
  };
}
