import { DynamicModule, Global, Module } from '@nestjs/common';
import { JobsService, REDIS_URL } from './jobs.service';

/** BullMQ for the worker process: the registry's queues, their workers and schedules, one owner of the connections. */
@Global()
@Module({})
export class JobsModule {
  static forRoot(redisUrl: string): DynamicModule {
    return {
      module: JobsModule,
      providers: [{ provide: REDIS_URL, useValue: redisUrl }, JobsService],
      exports: [JobsService],
    };
  }
}
