/**
 * Boots the whole application in-process against a fresh database cloned from the run's template
 * and a Redis key prefix of its own, so test files never see each other's data or jobs.
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
import { DEMO_PASSWORD } from '../../src/schema/seed';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  config: AppConfig;
  databaseUrl: string;
  redisUrl: string;
  ds: DataSource;
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
  const redisUrl = options.redisUrl ?? process.env.BAOVE_TEST_REDIS_URL!;
  const config = testConfig(options.env);
  const app = await createApp({
    config, databaseUrl: db.url, redisUrl, worker: options.worker ?? false, clock: options.clock,
    poolSize: 10, logDestination: options.logDestination,
  });
  await app.init();
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  return {
    app, http, config, databaseUrl: db.url, redisUrl, ds: app.get(DataSource),
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
      await db.drop();
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
