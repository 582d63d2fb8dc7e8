/**
 * Boots the whole application in-process against a fresh database cloned from the run's template
 * and a Redis key prefix of its own, so test files never see each other's data or jobs.
 *
 * Least privilege, as in production: the template is migrated by the owner, and each test app runs
 * as a login role of its own that is a member of `baove_app` (it may not alter the schema nor
 * rewrite the audit log). `t.ds` is that application connection; fixture SQL that genuinely needs
 * the owner's rights goes through `t.ownerDs`, so a grep shows every such place.
 */
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { Clock } from '../../src/common/clock';
import { deleteKeysWithPrefix } from '../../src/common/redis-keys';
import { loadConfig, AppConfig } from '../../src/config/config';
import { APP_ROLE } from '../../migrations/1796600100000-ApplicationRole';
import { createDataSource } from '../../src/schema/data-source';
import { DEMO_PASSWORD } from '../../src/schema/seed';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  config: AppConfig;
  /** The owner's connection string to the test database (migrations, fixtures needing owner rights). */
  databaseUrl: string;
  /** The connection string the application runs with: a login role of its own, member of baove_app. */
  appDatabaseUrl: string;
  redisUrl: string;
  /** The application's own connection (the application role). */
  ds: DataSource;
  /** The database owner's connection: only for fixture SQL the application role may not run. */
  ownerDs: DataSource;
  /** Logs in a demo user and returns the bearer header value. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the run's migrated and seeded template. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = process.env.BAOVE_TEST_TEMPLATE_URL;
  if (!template) throw new Error('BAOVE_TEST_TEMPLATE_URL is unset: run the tests through jest (global setup)');
  const tplName = new URL(template).pathname.slice(1);
  const name = `baove_test_${process.env.BAOVE_TEST_RUN}_${randomBytes(4).toString('hex')}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(template, `CREATE DATABASE "${name}" TEMPLATE "${tplName}"`);
      break;
    } catch (e) {
      // Two files cloning at the same instant: "source database is being accessed by other users".
      if (attempt > 20 || (e as { code?: string }).code !== '55006') throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = new URL(template);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(template, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** What the test logins of one run are named by (the global teardown drops any a crashed file left). */
export function appLoginPrefix(run: string): string {
  return `${APP_ROLE}_t${run}_`;
}

/**
 * A fresh login role in the application role, as an operator creates the service's login; its
 * privileges are exactly baove_app's. Roles are the cluster's: `drop` once its database is gone.
 */
export async function appLoginRole(databaseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const role = `${appLoginPrefix(process.env.BAOVE_TEST_RUN!)}${randomBytes(5).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(databaseUrl, `CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE ${APP_ROLE}`);
      break;
    } catch (e) {
      // Two files granting membership in baove_app at the same instant: "tuple concurrently updated".
      if (attempt > 20 || (e as { code?: string }).code !== 'XX000') throw e;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = password;
  return { url: url.toString(), drop: () => adminQuery(databaseUrl, `DROP ROLE IF EXISTS ${role}`) };
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const prefix = `t${process.env.BAOVE_TEST_RUN}${randomBytes(3).toString('hex')}`;
  return loadConfig({
    NODE_ENV: 'test',
    QUEUE_PREFIX: prefix,
    // Each test app's uploaded files in a folder of its own, removed when it closes.
    ATTACHMENTS_DIR: join(tmpdir(), 'baove-test-attachments', prefix),
    // Each test app's audit checkpoints in a file of its own (they anchor its own database's chain).
    AUDIT_CHECKPOINT_DIR: join(tmpdir(), 'baove-test-audit', prefix),
    LOGIN_MAX_ATTEMPTS: '1000',
    ...(process.env.TEST_LOG_LEVEL ? { LOG_LEVEL: process.env.TEST_LOG_LEVEL } : {}),
    ...overrides,
  });
}

export async function bootTestApp(options: {
  worker?: boolean;
  clock?: Clock;
  env?: Record<string, string>;
  logDestination?: NodeJS.WritableStream;
  /** A Redis of the test's own (e.g. one it stops); default the run's shared one. */
  redisUrl?: string;
} = {}): Promise<TestApp> {
  const db = await freshDatabase();
  const login = await appLoginRole(db.url);
  const redisUrl = options.redisUrl ?? process.env.BAOVE_TEST_REDIS_URL!;
  const config = testConfig(options.env);
  const ownerDs = await createDataSource(db.url, 2).initialize();
  const app = await createApp({
    config, databaseUrl: login.url, redisUrl, worker: options.worker ?? false, clock: options.clock,
    poolSize: 10, logDestination: options.logDestination,
  });
  await app.init();
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  return {
    app, http, config, databaseUrl: db.url, appDatabaseUrl: login.url, redisUrl, ds: app.get(DataSource), ownerDs,
    async login(username: string) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await http.post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      const bearer = `Bearer ${res.body.accessToken}`;
      tokens.set(username, bearer);
      return bearer;
    },
    async close() {
      await app.close();
      await ownerDs.destroy();
      await db.drop();
      await login.drop();
      if (config.attachments.dir.startsWith(join(tmpdir(), 'baove-test-attachments'))) rmSync(config.attachments.dir, { recursive: true, force: true });
      if (config.audit.checkpointDir.startsWith(join(tmpdir(), 'baove-test-audit'))) rmSync(config.audit.checkpointDir, { recursive: true, force: true });
      if (!options.redisUrl) await deleteRedisPrefix(redisUrl, config.queuePrefix);
    },
  };
}


/** Removes every Redis key of one test app (its queues, timers marker, login counters). */
export async function deleteRedisPrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl);
  try {
    return await deleteKeysWithPrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
