import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TestApp } from './test-app';

const WORKER = join(__dirname, '..', '..', 'dist', 'src', 'worker.js');

export interface WorkerProcess {
  child: ChildProcess;
  /** Its JSON log lines so far (when started with a log level other than silent). */
  logs: Array<Record<string, unknown>>;
}

/**
 * A real worker process (the built `dist/src/worker.js`) on this test's database and Redis prefix,
 * connected as in production: the application role, migrations over the owner's connection.
 */
export function startWorker(t: TestApp, env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, [WORKER], {
    env: {
      PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: t.appDatabaseUrl, DATABASE_OWNER_URL: t.databaseUrl, REDIS_URL: t.redisUrl,
      QUEUE_PREFIX: t.config.queuePrefix, AUDIT_CHECKPOINT_DIR: t.config.audit.checkpointDir, RECONCILE_INTERVAL_MS: '2000', OUTBOX_POLL_MS: '50', ...env,
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const logs: Array<Record<string, unknown>> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('{')) logs.push(JSON.parse(line));
  });
  return { child, logs };
}

/** Resolves with the exit code once the process has exited (at once if it already has). */
export const exited = (p: ChildProcess) => new Promise<number | null>((resolve) => {
  if (p.exitCode !== null || p.signalCode !== null) resolve(p.exitCode);
  else p.once('exit', (code) => resolve(code));
});
