import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { AppConfig } from '../config/config';
import { Clock } from '../common/clock';
import { CONFIG, REDIS } from '../common/tokens';
import { Db } from '../database/db';
import { DeadlineFiringService } from './deadline-firing.service';
import { timerJobId } from './deadlines.service';
import { TimerQueue } from './timer-queue';

/** A firing more than this late (its job should long have run) is fired by the reconciler itself. */
const OVERDUE_GRACE_MS = 5_000;
const BATCH = 2_000;

export interface ReconcileReport {
  firedDirectly: number;
  resynced: number;
}

/**
 * Redis holds only jobs derived from the `deadlines` table. The reconciler makes them agree
 * again after Redis lost data (FLUSHALL, failover) or a worker died: it fires rows that are due
 * but were not fired, and re-arms every pending row whose job is missing.
 */
@Injectable()
export class ReconcilerService {
  private readonly logger = new Logger('Reconciler');

  constructor(
    private readonly db: Db,
    private readonly queue: TimerQueue,
    private readonly firing: DeadlineFiringService,
    private readonly clock: Clock,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Set after a full re-arm; FLUSHALL removes it, which is how a lost Redis is noticed within seconds. */
  get markerKey(): string {
    return `${this.config.queuePrefix}-timers-armed`;
  }

  async reconcile(): Promise<ReconcileReport> {
    const firedDirectly = await this.fireOverdue();
    const resynced = (await this.needsResync()) ? await this.rearmAll() : 0;
    return { firedDirectly, resynced };
  }

  /** Cheap check run every few seconds: re-arm everything when the marker vanished. */
  async rearmIfRedisWasLost(): Promise<number> {
    if (await this.redis.exists(this.markerKey)) return 0;
    return this.rearmAll();
  }

  private async fireOverdue(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - OVERDUE_GRACE_MS);
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM deadlines
        WHERE (status = 'pending' AND due_at <= $1) OR (status = 'breached' AND next_escalation_at <= $1)
        ORDER BY COALESCE(next_escalation_at, due_at) LIMIT ${BATCH}`,
      [cutoff],
    );
    let fired = 0;
    for (const r of rows) {
      try {
        if ((await this.firing.fire(r.id)).result === 'fired') fired++;
      } catch (e) {
        this.logger.warn({ deadlineId: r.id, err: (e as Error).message }, 'reconciler could not fire a deadline');
      }
    }
    if (fired) this.logger.warn({ fired }, 'fired deadlines whose timer job was missing or late');
    return fired;
  }

  private async needsResync(): Promise<boolean> {
    if (!(await this.redis.exists(this.markerKey))) return true;
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n FROM deadlines WHERE status = 'pending' OR (status = 'breached' AND next_escalation_at IS NOT NULL)`,
    );
    const counts = await this.queue.timers.getJobCounts('delayed', 'waiting', 'active', 'prioritized');
    const inRedis = Object.values(counts).reduce((a, b) => a + b, 0);
    return inRedis < n;
  }

  /** Adds a job for every armed row; BullMQ ignores ids it already holds, so this is idempotent. */
  async rearmAll(): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let total = 0;
    const now = this.clock.now().getTime();
    for (;;) {
      const rows: Array<{ id: string; case_id: string; handoff_id: string | null; key: string; status: string; escalation_level: number; at: Date }> = await this.db.query(
        `SELECT id, case_id, handoff_id, key, status, escalation_level, CASE WHEN status = 'pending' THEN due_at ELSE next_escalation_at END AS at
           FROM deadlines
          WHERE id > $1 AND (status = 'pending' OR (status = 'breached' AND next_escalation_at IS NOT NULL))
          ORDER BY id LIMIT ${BATCH}`,
        [after],
      );
      if (rows.length === 0) break;
      await this.queue.timers.addBulk(rows.map((r) => {
        const level = r.status === 'pending' ? 0 : r.escalation_level;
        return {
          name: 'fire',
          data: { deadlineId: r.id, level, caseId: r.case_id, handoffId: r.handoff_id, key: r.key },
          opts: { jobId: timerJobId(r.id, level), delay: Math.max(0, r.at.getTime() - now) },
        };
      }));
      total += rows.length;
      after = rows[rows.length - 1].id;
    }
    await this.redis.set(this.markerKey, new Date(now).toISOString());
    if (total) this.logger.log({ armed: total }, 're-armed deadline timers from the deadlines table');
    return total;
  }
}
