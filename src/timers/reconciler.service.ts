import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { deadlineTimer } from '../outbox/outbox-messages';
import { DeadlineFiringService } from './deadline-firing.service';
import { TimerQueue } from './timer-queue';

/** A firing more than this late (its job should long have run) is fired by the reconciler itself. */
const OVERDUE_GRACE_MS = 5_000;
const BATCH = 2_000;

export interface ReconcileReport {
  firedDirectly: number;
  rearmed: number;
}

/**
 * Redis holds only jobs derived from the `deadlines` table. The reconciler makes them agree again:
 * each tick it fires rows that are due but were not fired (a job lost, a worker that died), and
 * when Redis lost its data (the jobs module notices and asks) it re-arms every armed row.
 */
@Injectable()
export class ReconcilerService {
  private readonly logger = new Logger('Reconciler');

  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly timers: TimerQueue,
    private readonly firing: DeadlineFiringService,
    private readonly clock: Clock,
  ) {}

  async reconcile(opts: { rearmAll: boolean }): Promise<ReconcileReport> {
    const rearmed = opts.rearmAll ? await this.rearmAll() : 0;
    return { firedDirectly: await this.fireOverdue(), rearmed };
  }

  private async fireOverdue(): Promise<number> {
    const ids = await this.deadlines.overdueIds(new Date(this.clock.now().getTime() - OVERDUE_GRACE_MS), BATCH);
    let fired = 0;
    for (const id of ids) {
      try {
        if ((await this.firing.fire(id)).result === 'fired') fired++;
      } catch (e) {
        this.logger.warn({ deadlineId: id, err: (e as Error).message }, 'reconciler could not fire a deadline');
      }
    }
    if (fired) this.logger.warn({ fired }, 'fired deadlines whose timer job was missing or late');
    return fired;
  }

  /** Adds a job for every armed row; BullMQ ignores ids it already holds, so this is idempotent. */
  private async rearmAll(): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let total = 0;
    for (;;) {
      const rows = await this.deadlines.armedAfter(after, BATCH);
      if (rows.length === 0) break;
      await this.timers.arm(rows.map((r) => deadlineTimer(r, r.status === 'pending' ? 0 : r.escalation_level, r.at)));
      total += rows.length;
      after = rows[rows.length - 1].id;
    }
    if (total) this.logger.log({ armed: total }, 're-armed deadline timers from the deadlines table');
    return total;
  }
}
