import Redis from 'ioredis';

/** BullMQ needs its own connections with `maxRetriesPerRequest: null` (blocking commands). */
export function bullConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/**
 * The BullMQ connections one component opened. BullMQ leaves connections it was given open when
 * its queues and workers close, so the owner closes them all here on shutdown.
 */
export class BullConnections {
  private readonly opened: Redis[] = [];

  constructor(private readonly redisUrl: string) {}

  open(): Redis {
    const c = bullConnection(this.redisUrl);
    this.opened.push(c);
    return c;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((c) => c.quit().catch(() => c.disconnect())));
  }
}
