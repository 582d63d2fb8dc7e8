import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import type { AppConfig } from './config/config';
import { Clock, SystemClock } from './common/clock';
import { CONFIG, REDIS } from './common/tokens';
import { createDataSource } from './schema/data-source';
import { Db } from './database/db';

export interface CoreOptions {
  config: AppConfig;
  databaseUrl: string;
  redisUrl: string;
  /** Tests and benchmarks inject their own clock. */
  clock?: Clock;
  poolSize?: number;
}

/** Process-wide singletons: config, clock, the PostgreSQL data source and the Redis client. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(private readonly ds: DataSource) {}

  static forRoot(o: CoreOptions): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: CONFIG, useValue: o.config },
        { provide: Clock, useValue: o.clock ?? new SystemClock() },
        {
          provide: DataSource,
          useFactory: async () => createDataSource(o.databaseUrl, o.poolSize).initialize(),
        },
        { provide: Db, useFactory: (ds: DataSource) => new Db(ds), inject: [DataSource] },
        {
          provide: REDIS,
          useFactory: () => new Redis(o.redisUrl, { maxRetriesPerRequest: 3, enableAutoPipelining: true }),
        },
        RedisCloser,
      ],
      exports: [CONFIG, Clock, DataSource, Db, REDIS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

/** Closes the shared Redis client when the app shuts down. */
@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
