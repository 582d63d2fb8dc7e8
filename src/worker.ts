/** Worker process: deadline and handoff timers, outbox relay, reconciler, audit sealing. No HTTP. */
import 'reflect-metadata';
import { createWorker } from './app';
import { bootLog, closeOnSignal, prepare } from './process';

async function main(): Promise<void> {
  const { config, infra } = await prepare({ seed: false });
  const app = await createWorker({ config, databaseUrl: infra.databaseUrl, redisUrl: infra.redisUrl });
  closeOnSignal(app, infra);
  await app.init();
  bootLog('baove worker running');
}

main().catch((e: Error) => {
  bootLog(`Startup failed: ${e.message}`, 'error');
  process.exit(1);
});
