/**
 * The HTTP API. `npm start` runs the API and the workers in this one process (single-machine
 * install); `--api-only` serves HTTP only, for deployments with separate worker processes.
 */
import 'reflect-metadata';
import { createApp } from './app';
import { bootLog, closeOnSignal, prepare } from './process';

async function main(): Promise<void> {
  const apiOnly = process.argv.includes('--api-only');
  const { config, infra } = await prepare({ seed: true });
  const app = await createApp({ config, databaseUrl: infra.databaseUrl, redisUrl: infra.redisUrl, worker: !apiOnly });
  closeOnSignal(app, infra);
  await app.listen(config.port, config.host);
  bootLog(`baove ${apiOnly ? 'API' : 'API + worker'} on http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${config.port} ` +
    `(API /api/v1, docs /docs, health /health)`);
}

main().catch((e: Error) => {
  bootLog(`Startup failed: ${e.message}`, 'error');
  process.exit(1);
});
