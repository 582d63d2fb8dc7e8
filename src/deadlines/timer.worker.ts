import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job, Worker } from 'bullmq';
import type { AppConfig } from '../config/config';
import { BullConnections } from '../common/bullmq';
import { CONFIG } from '../common/tokens';
import { OutboxRelay } from '../outbox/outbox-relay';
import { DeadlineFiringService } from './deadline-firing.service';
import { ReconcilerService } from './reconciler.service';
import { MAINTENANCE_QUEUE, REDIS_URL, TIMER_QUEUE, TimerJob, TimerQueue } from './timer-queue';

const LOST_REDIS_CHECK_MS = 5_000;

/**
 * Runs in worker processes: fires deadline jobs, runs the reconciler on a BullMQ job scheduler,
 * and wires the outbox relay's deadline topics to the timer queue. On SIGTERM the BullMQ workers
 * finish their active jobs before closing; a job of a process killed outright is returned to the
 * queue by BullMQ's stalled-job check, and the reconciler covers anything else.
 */
@Injectable()
export class TimerWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly connections: BullConnections;
  private readonly logger = new Logger('TimerWorker');
  private workers: Worker[] = [];
  private watch: NodeJS.Timeout | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_URL) redisUrl: string,
    private readonly queue: TimerQueue,
    private readonly firing: DeadlineFiringService,
    private readonly reconciler: ReconcilerService,
    relay: OutboxRelay,
  ) {
    this.connections = new BullConnections(redisUrl);
    const timer = (p: Record<string, unknown>): TimerJob => ({
      deadlineId: String(p.deadlineId), level: Number(p.level),
      ...(typeof p.caseId === 'string' ? { caseId: p.caseId, handoffId: (p.handoffId as string | null) ?? null, key: String(p.key) } : {}),
    });
    relay.register('deadline.timer', (p) => this.queue.arm(timer(p), new Date(String(p.at))));
    relay.register('deadline.rearm', (p) => this.queue.arm(timer(p), new Date(String(p.at)), true));
    relay.register('deadline.cleared', (p) => this.queue.disarm(String(p.deadlineId), Number(p.level)));
  }

  async onApplicationBootstrap(): Promise<void> {
    const common = { prefix: this.config.queuePrefix };
    const connection = () => this.connections.open();
    this.workers = [
      new Worker<TimerJob>(TIMER_QUEUE, (job, token) => this.fire(job, token), {
        ...common, connection: connection(), concurrency: this.config.workerConcurrency,
      }),
      new Worker(MAINTENANCE_QUEUE, async () => this.reconciler.reconcile(), { ...common, connection: connection(), concurrency: 1 }),
    ];
    for (const w of this.workers) w.on('error', (e) => this.logger.warn({ err: e.message }, 'BullMQ worker error'));
    await this.ensureScheduler();
    this.watch = setInterval(() => {
      void this.ensureScheduler()
        .then(() => this.reconciler.rearmIfRedisWasLost())
        .catch((e: Error) => this.logger.warn({ err: e.message }, 'timer watch failed'));
    }, LOST_REDIS_CHECK_MS);
  }

  /** Idempotent: re-creates the reconciler's schedule if Redis lost it. */
  private ensureScheduler(): Promise<unknown> {
    return this.queue.maintenance.upsertJobScheduler('reconcile', { every: this.config.reconcileIntervalMs }, { name: 'reconcile' });
  }

  private async fire(job: Job<TimerJob>, token?: string): Promise<string> {
    const { result, dueAt } = await this.firing.fire(job.data.deadlineId, job.data.caseId && job.data.key ? { caseId: job.data.caseId, handoffId: job.data.handoffId ?? null, key: job.data.key } : undefined);
    if (result === 'not_due' && dueAt) {
      // Fired early (clock skew, or the row was rescheduled): wait until it is due.
      await job.moveToDelayed(dueAt.getTime(), token);
      throw new DelayedError();
    }
    return result;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.watch) clearInterval(this.watch);
    await Promise.all(this.workers.map((w) => w.close()));
    await this.connections.closeAll();
  }
}
