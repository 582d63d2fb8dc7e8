import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { AppConfig } from '../config/config';
import { bullConnection } from '../common/bullmq';
import { Clock } from '../common/clock';
import { CONFIG } from '../common/tokens';
import { timerJobId } from './deadlines.service';

export const TIMER_QUEUE = 'deadline-timers';
export const MAINTENANCE_QUEUE = 'maintenance';
export const REDIS_URL = Symbol('REDIS_URL');

export interface TimerJob {
  deadlineId: string;
  level: number;
  /** Where the deadline belongs, so a firing need not look it up first (absent on older jobs). */
  caseId?: string;
  handoffId?: string | null;
  key?: string;
}

/** The BullMQ side of deadlines: one delayed job per pending firing, id derived from the row. */
@Injectable()
export class TimerQueue implements OnApplicationShutdown {
  readonly connection: Redis;
  readonly timers: Queue<TimerJob>;
  readonly maintenance: Queue;

  constructor(@Inject(CONFIG) readonly config: AppConfig, @Inject(REDIS_URL) redisUrl: string, private readonly clock: Clock) {
    this.connection = bullConnection(redisUrl);
    const opts = { connection: this.connection, prefix: config.queuePrefix };
    this.timers = new Queue<TimerJob>(TIMER_QUEUE, {
      ...opts,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000, attempts: 10, backoff: { type: 'exponential', delay: 1000 } },
    });
    this.maintenance = new Queue(MAINTENANCE_QUEUE, { ...opts, defaultJobOptions: { removeOnComplete: true, removeOnFail: 100 } });
  }

  /** (Re)places the job for a deadline's firing at `at`. Re-adding the same id is harmless. */
  async arm(job: TimerJob, at: Date): Promise<void> {
    const { deadlineId, level } = job;
    const jobId = timerJobId(deadlineId, level);
    const existing = await this.timers.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'active') return; // the handler re-checks the row; it will re-arm if not yet due
      await existing.remove().catch(() => undefined);
    }
    await this.timers.add('fire', job, { jobId, delay: Math.max(0, at.getTime() - this.clock.now().getTime()) });
  }

  async disarm(deadlineId: string, level: number): Promise<void> {
    // The firing job of the current rung; an active job cannot be removed and will find the row settled.
    await this.timers.remove(timerJobId(deadlineId, level)).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.timers.close();
    await this.maintenance.close();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
