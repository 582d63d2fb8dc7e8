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

  /**
   * Arms the job for a deadline's firing at `at`. A new firing (a new row, or the next rung, which
   * has its own id) is one add; BullMQ ignores an id it already holds, so a redelivered message is
   * harmless. `replace` moves an existing job to a new time (a rescheduled deadline).
   */
  async arm(job: TimerJob, at: Date, replace = false): Promise<void> {
    const jobId = timerJobId(job.deadlineId, job.level);
    if (replace) {
      const existing = await this.timers.getJob(jobId);
      // An active job cannot be moved; its handler re-checks the row and waits if it is not yet due.
      if (existing && (await existing.getState()) === 'active') return;
      await existing?.remove().catch(() => undefined);
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
