import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { JobName, timerJobId } from '../jobs/job-registry';
import { JobsService } from '../jobs/jobs.service';
import type { DeadlineTimer } from '../jobs/job-registry';

/** The BullMQ side of deadlines: one delayed job per armed rung, its id derived from the row. */
@Injectable()
export class TimerQueue {
  constructor(private readonly jobs: JobsService, private readonly clock: Clock) {}

  /**
   * Arms the jobs of new firings (a new row, or the next rung, which has its own id) in one round
   * trip; BullMQ ignores an id it already holds, so a redelivered message is harmless.
   */
  async arm(timers: DeadlineTimer[]): Promise<void> {
    const now = this.clock.now().getTime();
    await this.jobs.addBulk(JobName.FireDeadline, timers.map((t) => ({
      data: t, opts: { jobId: timerJobId(t.deadlineId, t.level), delay: Math.max(0, Date.parse(t.at) - now) },
    })));
  }

  /** Moves a timer to its deadline's new due date (a holiday change rescheduled it). */
  async rearm(t: DeadlineTimer): Promise<void> {
    const jobId = timerJobId(t.deadlineId, t.level);
    const existing = await this.jobs.getJob(JobName.FireDeadline, jobId);
    // An active job cannot be moved; its handler re-checks the row and waits if it is not yet due.
    if (existing && (await existing.getState()) === 'active') return;
    await existing?.remove().catch(() => undefined);
    await this.arm([t]);
  }

  /** Removes the firing job of a settled deadline's current rung (an active one will find the row settled). */
  disarm(deadlineId: string, level: number): Promise<void> {
    return this.jobs.remove(JobName.FireDeadline, timerJobId(deadlineId, level));
  }
}
