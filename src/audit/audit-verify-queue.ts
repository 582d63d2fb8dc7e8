import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/config';
import { CONFIG, REDIS } from '../common/tokens';
import { JOB_QUEUE, JobName, JobPayloads } from '../jobs/job-registry';
import type { ChainVerification, FullVerificationProgress } from './audit.service';

export interface FullVerificationStatus {
  id: string;
  state: 'waiting' | 'active' | 'completed' | 'failed';
  progress: FullVerificationProgress;
  /** The outcome, once completed. */
  result: ChainVerification | null;
  requestedAt: Date;
  finishedAt: Date | null;
}

/**
 * The API's side of full verifications: it queues one on the worker's `audit-verify` queue and reads
 * its state and progress back. Opens its BullMQ connection on first use only.
 */
@Injectable()
export class AuditVerifyQueue implements OnApplicationShutdown {
  private queue?: Queue;
  private connection?: Redis;

  constructor(@Inject(CONFIG) private readonly config: AppConfig, @Inject(REDIS) private readonly redis: Redis) {}

  private open(): Queue {
    if (!this.queue) {
      this.connection = this.redis.duplicate({ maxRetriesPerRequest: null, enableAutoPipelining: false });
      this.queue = new Queue(JOB_QUEUE[JobName.VerifyAuditFull], { connection: this.connection, prefix: this.config.queuePrefix });
    }
    return this.queue;
  }

  async start(data: JobPayloads[JobName.VerifyAuditFull]): Promise<FullVerificationStatus> {
    const id = randomUUID();
    await this.open().add(JobName.VerifyAuditFull, data, {
      jobId: id, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 7 * 86_400 },
    });
    return (await this.status(id))!;
  }

  async status(id: string): Promise<FullVerificationStatus | undefined> {
    // The state first, then the job: a job read before its completion would lack the result.
    const state = await this.open().getJobState(id);
    const job = await this.open().getJob(id);
    if (!job || job.name !== JobName.VerifyAuditFull) return undefined;
    const p = job.progress as Partial<FullVerificationProgress> | number;
    const progress = typeof p === 'object' && p !== null ? { checked: p.checked ?? 0, total: p.total ?? 0 } : { checked: 0, total: 0 };
    return {
      id,
      state: state === 'completed' || state === 'failed' || state === 'active' ? state : 'waiting',
      progress,
      result: state === 'completed' ? (job.returnvalue as ChainVerification) : null,
      requestedAt: new Date(job.timestamp),
      finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
