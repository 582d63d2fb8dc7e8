import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, JobsOptions, Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { AppConfig } from '../config/config';
import { BullConnections } from '../common/bullmq';
import { CONFIG } from '../common/tokens';
import { JOB_QUEUE, JobName, JobPayloads, QueueName, Schedule, ScheduledJob, schedules } from './job-registry';

export const REDIS_URL = Symbol('REDIS_URL');

export type JobHandler<J extends JobName> = (job: Job<JobPayloads[J]>, token?: string) => Promise<unknown>;

/** How often the supervising loop checks that Redis still holds the schedules (a FLUSHALL, a failover). */
const LOST_REDIS_CHECK_MS = 5_000;

const queueOptions = (config: AppConfig): { readonly [Q in QueueName]: JobsOptions } => ({
  [QueueName.Timers]: { removeOnComplete: true, removeOnFail: 1000, attempts: 10, backoff: { type: 'exponential', delay: 1000 } },
  [QueueName.Maintenance]: { removeOnComplete: true, removeOnFail: 100 },
  // A send's attempts and back-off (1st retry after NOTIFY_BACKOFF_MS, then doubling).
  [QueueName.Notify]: { removeOnComplete: true, removeOnFail: 1000, attempts: config.notify.sendAttempts, backoff: { type: 'exponential', delay: config.notify.backoffMs } },
  // Kept a week, so the one who asked can read the outcome (`GET /audit/verify/full/:id`).
  [QueueName.AuditVerify]: { removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 7 * 86_400 } },
});

/** Messages wait on providers (network), not the CPU: many at once per worker. */
const NOTIFY_CONCURRENCY = 32;

/**
 * The one owner of baove's BullMQ side: it opens and closes every connection, holds the queues of
 * the registry, runs a worker for each queue that has handlers, keeps the job schedulers, and runs
 * the worker process's one loop (`supervise`): the outbox relay's poll, and the check that Redis
 * still holds what was derived from PostgreSQL.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly connections: BullConnections;
  /** Queues only send commands; they share one connection. Each worker blocks on its own. */
  private readonly connection: Redis;
  private readonly queues: { readonly [Q in QueueName]: Queue };
  private readonly handlers = new Map<JobName, JobHandler<never>>();
  private workers: Worker[] = [];
  private loop: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private nextRedisCheck = 0;
  /** Jobs this process completed, by name: logged at shutdown (how worker processes shared the work). */
  private readonly processed = new Map<JobName, number>();
  private drainOutbox: () => Promise<boolean> = async () => false;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_URL) redisUrl: string,
  ) {
    this.connections = new BullConnections(redisUrl);
    this.connection = this.connections.open();
    const options = queueOptions(config);
    const queue = (name: QueueName) => new Queue(name, { connection: this.connection, prefix: config.queuePrefix, defaultJobOptions: options[name] });
    this.queues = { [QueueName.Timers]: queue(QueueName.Timers), [QueueName.Maintenance]: queue(QueueName.Maintenance), [QueueName.Notify]: queue(QueueName.Notify), [QueueName.AuditVerify]: queue(QueueName.AuditVerify) };
  }

  /** Registers the handler of a job; call it before the application boots (`onModuleInit`). */
  handle<J extends JobName>(name: J, handler: JobHandler<J>): void {
    this.handlers.set(name, handler as JobHandler<never>);
  }

  /** The outbox relay's drain, run by the supervising loop; it answers whether more is waiting. */
  pollOutbox(drain: () => Promise<boolean>): void {
    this.drainOutbox = drain;
  }

  async add<J extends JobName>(name: J, data: JobPayloads[J], opts?: JobsOptions): Promise<void> {
    await this.queues[JOB_QUEUE[name]].add(name, data, opts);
  }

  /** Many jobs in one round trip; BullMQ ignores a job id it already holds. */
  async addBulk<J extends JobName>(name: J, jobs: Array<{ data: JobPayloads[J]; opts: JobsOptions }>): Promise<void> {
    if (jobs.length) await this.queues[JOB_QUEUE[name]].addBulk(jobs.map((j) => ({ name, ...j })));
  }

  async getJob<J extends JobName>(name: J, jobId: string): Promise<Job<JobPayloads[J]> | undefined> {
    return this.queues[JOB_QUEUE[name]].getJob(jobId);
  }

  /** Removes a waiting or delayed job; an active one cannot be removed (its handler re-checks its row). */
  async remove(name: JobName, jobId: string): Promise<void> {
    await this.queues[JOB_QUEUE[name]].remove(jobId).catch(() => undefined);
  }

  async onApplicationBootstrap(): Promise<void> {
    const byQueue = new Map<QueueName, JobName[]>();
    for (const name of this.handlers.keys()) byQueue.set(JOB_QUEUE[name], [...(byQueue.get(JOB_QUEUE[name]) ?? []), name]);
    this.workers = [...byQueue].map(([queue, names]) => {
      const worker = new Worker(queue, (job, token) => this.process(job, token), {
        connection: this.connections.open(),
        prefix: this.config.queuePrefix,
        // Timers: as many firings at once as configured. Maintenance: one slot per periodic job, so a
        // long reconcile never holds the sealing back.
        concurrency: queue === QueueName.Timers ? this.config.workerConcurrency : queue === QueueName.Notify ? NOTIFY_CONCURRENCY : names.length,
        // A send is bounded by its time-out: a worker that died mid-send is noticed soon after (its
        // job's lock lapses), so another takes the message over within about twice this.
        ...(queue === QueueName.Notify ? { lockDuration: this.config.notify.sendTimeoutMs + 10_000, stalledInterval: this.config.notify.sendTimeoutMs + 10_000 } : {}),
      });
      worker.on('error', (e) => this.logger.warn({ queue, err: e.message }, 'BullMQ worker error'));
      return worker;
    });
    await this.ensureSchedules();
    this.supervise(0);
  }

  private async process(job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    const result = await handler(job as never, token);
    this.processed.set(job.name as JobName, (this.processed.get(job.name as JobName) ?? 0) + 1);
    if (job.repeatJobKey) this.logger.debug({ job: job.name, tick: job.id }, 'scheduled job ran');
    return result;
  }

  /**
   * Upserts every job scheduler of the registry (idempotent: a tick's job id derives from the
   * scheduler and its time, so two workers upserting at once still make one job per tick). When
   * Redis lost what was derived from PostgreSQL (or never held it), also starts a full re-arm of
   * the deadline timers, then marks Redis as complete.
   */
  private async ensureSchedules(): Promise<void> {
    const maintenance = this.queues[QueueName.Maintenance];
    for (const [name, s] of Object.entries(schedules(this.config)) as Array<[ScheduledJob, Schedule<ScheduledJob>]>) {
      if (this.handlers.has(name)) await maintenance.upsertJobScheduler(name, s.repeat, { name, data: s.data });
    }
    if (await this.connection.exists(this.markerKey)) return;
    if (this.handlers.has(JobName.Reconcile)) {
      this.logger.log('Redis holds no schedule marker (a first start, or its data was lost): re-arming deadline timers');
      // Workers noticing the loss within the same check period make one job.
      const period = Math.floor(Date.now() / LOST_REDIS_CHECK_MS);
      await this.add(JobName.Reconcile, { rearmAll: true }, { jobId: `reconcile-rearm-${period}` });
    }
    await this.connection.set(this.markerKey, new Date().toISOString());
  }

  /** Set when the schedules are in Redis; FLUSHALL removes it, which is how a lost Redis is noticed. */
  private get markerKey(): string {
    return `${this.config.queuePrefix}-schedules`;
  }

  /**
   * The worker's one loop. The outbox relay must poll: PostgreSQL has no push that would not cost
   * every command (NOTIFY takes a cluster-wide lock at commit, serialising all commits behind it),
   * and a BullMQ repeatable job cannot run every 50–250 ms. Each pass also checks, every few
   * seconds, that Redis still holds the schedules, and re-creates them (and re-arms the timers)
   * when it does not.
   */
  private supervise(ms: number): void {
    if (this.stopped) return;
    this.loop = setTimeout(() => {
      this.running = this.pass()
        .then((full) => this.supervise(full ? 0 : this.config.outboxPollMs))
        .catch((e: Error) => {
          this.logger.warn({ err: e.message }, 'jobs supervisor pass failed; retrying');
          this.supervise(Math.max(this.config.outboxPollMs, 1000));
        });
    }, ms);
  }

  /** One pass; true when the outbox had a full batch (more is waiting). */
  private async pass(): Promise<boolean> {
    if (Date.now() >= this.nextRedisCheck) {
      this.nextRedisCheck = Date.now() + LOST_REDIS_CHECK_MS;
      if (!(await this.connection.exists(this.markerKey))) await this.ensureSchedules();
    }
    return this.drainOutbox();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.loop) clearTimeout(this.loop);
    await this.running;
    await Promise.all(this.workers.map((w) => w.close()));
    this.logger.log({ processed: Object.fromEntries(this.processed) }, 'jobs processed by this worker');
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
    await this.connections.closeAll();
  }
}
