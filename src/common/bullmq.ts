import Redis from 'ioredis';

/** BullMQ needs its own connections with `maxRetriesPerRequest: null` (blocking commands). */
export function bullConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
}
