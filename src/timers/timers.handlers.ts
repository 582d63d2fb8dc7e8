import { Injectable, OnModuleInit } from '@nestjs/common';
import { DelayedError } from 'bullmq';
import { JobName } from '../jobs/job-registry';
import { JobsService } from '../jobs/jobs.service';
import { OutboxRelay } from '../outbox/outbox-relay';
import { DeadlineFiringService } from './deadline-firing.service';
import { ReconcilerService } from './reconciler.service';
import { TimerQueue } from './timer-queue';

/**
 * Wires timers into the worker: the outbox's deadline topics move timer jobs, a timer job fires its
 * deadline, the reconcile job reconciles. On SIGTERM the BullMQ workers finish their active jobs
 * before closing; a job of a process killed outright is returned to the queue by BullMQ's
 * stalled-job check, and the reconciler covers anything else.
 */
@Injectable()
export class TimersHandlers implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly relay: OutboxRelay,
    private readonly timers: TimerQueue,
    private readonly firing: DeadlineFiringService,
    private readonly reconciler: ReconcilerService,
  ) {}

  onModuleInit(): void {
    this.relay.register('deadline.timer', (timers) => this.timers.arm(timers));
    this.relay.register('deadline.rearm', async (timers) => {
      for (const t of timers) await this.timers.rearm(t);
    });
    this.relay.register('deadline.cleared', async (cleared) => {
      for (const c of cleared) await this.timers.disarm(c.deadlineId, c.level);
    });
    this.jobs.handle(JobName.FireDeadline, async (job, token) => {
      const { deadlineId, caseId, handoffId, supportId, key } = job.data;
      const hint = (caseId || supportId) && key ? { caseId: caseId ?? null, handoffId: handoffId ?? null, supportId: supportId ?? null, key } : undefined;
      const { result, dueAt } = await this.firing.fire(deadlineId, hint);
      if (result === 'not_due' && dueAt) {
        // Fired early (clock skew, or the row was rescheduled): wait until it is due.
        await job.moveToDelayed(dueAt.getTime(), token);
        throw new DelayedError();
      }
      return result;
    });
    this.jobs.handle(JobName.Reconcile, (job) => this.reconciler.reconcile(job.data));
  }
}
