import type { INestApplicationContext } from '@nestjs/common';
import { ConfigError, loadConfig, AppConfig } from './config/config';
import { InfrastructureError, productionRefusal, resolveInfrastructure, Infrastructure } from './database/bootstrap';
import { migrate } from './schema/migrate';

/** Startup messages before the structured logger exists; one JSON line each, like pino's. */
export function bootLog(msg: string, level: 'info' | 'error' = 'info'): void {
  const line = JSON.stringify({ level: level === 'info' ? 30 : 50, time: Date.now(), name: 'boot', msg });
  (level === 'info' ? process.stdout : process.stderr).write(line + '\n');
}

/** Loads config, finds PostgreSQL and Redis, migrates; exits with a clear message on failure. */
export async function prepare(options: { seed: boolean }): Promise<{ config: AppConfig; infra: Infrastructure }> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      bootLog(e.message, 'error');
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  let infra: Infrastructure;
  try {
    infra = await resolveInfrastructure(config, bootLog);
  } catch (e) {
    if (e instanceof InfrastructureError) {
      bootLog(e.message, 'error');
      process.exit(69); // EX_UNAVAILABLE
    }
    throw e;
  }
  const refuse = async () => {
    const refusal = await productionRefusal(config, infra.databaseUrl);
    if (refusal) {
      bootLog(refusal, 'error');
      await infra.stop();
      process.exit(78); // EX_CONFIG
    }
  };
  await refuse();
  // Migrations as the owner (DATABASE_OWNER_URL); the service then runs as the application role.
  const { migrated, seeded } = await migrate(infra.migrationUrl, { seed: options.seed && config.seedDemo });
  if (migrated.length) bootLog(`Applied migrations: ${migrated.join(', ')}`);
  if (seeded) bootLog('Seeded the demo communes, agencies and users (password in README)');
  // Again once the schema exists: the service role must not be able to rewrite the audit log.
  await refuse();
  return { config, infra };
}

/**
 * A SIGTERM or SIGINT that arrives while the process is still starting (migrating, building the
 * app) is held, not obeyed at once: `closeOnSignal` then shuts down cleanly, exit code 0, as an
 * orchestrator stopping a pod that has just started expects.
 */
let heldSignal: string | null = null;
const holdSignal = (signal: string) => () => {
  if (heldSignal) return;
  heldSignal = signal;
  // A start that hangs (a database that never answers) must not outlive the request to stop.
  setTimeout(() => process.exit(1), 30_000).unref();
};
const earlyHandlers = { SIGTERM: holdSignal('SIGTERM'), SIGINT: holdSignal('SIGINT') };
process.on('SIGTERM', earlyHandlers.SIGTERM);
process.on('SIGINT', earlyHandlers.SIGINT);

/** SIGTERM/SIGINT: close the app (workers finish or return their jobs), then what we started. */
export function closeOnSignal(app: INestApplicationContext, infra: Infrastructure): void {
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    bootLog(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    try {
      await app.close();
      await infra.stop();
    } finally {
      process.exit(0);
    }
  };
  process.off('SIGTERM', earlyHandlers.SIGTERM);
  process.off('SIGINT', earlyHandlers.SIGINT);
  process.on('SIGTERM', () => void close('SIGTERM'));
  process.on('SIGINT', () => void close('SIGINT'));
  if (heldSignal) void close(heldSignal);
}
