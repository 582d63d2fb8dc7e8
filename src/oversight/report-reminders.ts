import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type { AppConfig } from '../config/config';
import { BullConnections } from '../common/bullmq';
import { Clock } from '../common/clock';
import { CONFIG } from '../common/tokens';
import { Db } from '../database/db';
import { localDate } from '../deadlines/business-calendar';
import { REDIS_URL } from '../deadlines/timer-queue';
import { reportDueSoon } from './report-calendar';

export const REPORTS_QUEUE = 'reports';
export const REPORT_REMINDERS_SCHEDULER = 'report-reminders';
/** Every morning at 08:00 in Vietnam. */
export const REPORT_REMINDERS_REPEAT = { pattern: '0 8 * * *', tz: 'Asia/Ho_Chi_Minh' };
const ENSURE_SCHEDULER_MS = 3_600_000;

/**
 * Runs in worker processes: a BullMQ job scheduler wakes every morning and, in the days before
 * the 6-month (10 May) and annual (10 November) reports are due, reminds every active supervisor
 * once per report (`report_reminder` notifications). Idempotent: a user reminded of a report is
 * never reminded of it again, however often the job runs or how many workers run it.
 */
@Injectable()
export class ReportReminders implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly connections: BullConnections;
  private readonly logger = new Logger('ReportReminders');
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private watch: NodeJS.Timeout | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_URL) redisUrl: string,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.connections = new BullConnections(redisUrl);
  }

  async onApplicationBootstrap(): Promise<void> {
    const connection = () => this.connections.open();
    const common = { prefix: this.config.queuePrefix };
    this.queue = new Queue(REPORTS_QUEUE, { ...common, connection: connection(), defaultJobOptions: { removeOnComplete: true, removeOnFail: 100 } });
    this.worker = new Worker(REPORTS_QUEUE, () => this.remind(), { ...common, connection: connection(), concurrency: 1 });
    this.worker.on('error', (e) => this.logger.warn({ err: e.message }, 'BullMQ worker error'));
    await this.ensureScheduler();
    // Redis holds only derived state: should it lose the schedule, it comes back within the hour.
    this.watch = setInterval(() => {
      void this.ensureScheduler().catch((e: Error) => this.logger.warn({ err: e.message }, 'report reminder schedule check failed'));
    }, ENSURE_SCHEDULER_MS);
  }

  private ensureScheduler(): Promise<unknown> {
    return this.queue!.upsertJobScheduler(REPORT_REMINDERS_SCHEDULER, REPORT_REMINDERS_REPEAT, { name: 'remind' });
  }

  /** Reminds the supervisors not yet reminded of the report due soon, if any; returns how many were. */
  async remind(): Promise<number> {
    const now = this.clock.now();
    const due = reportDueSoon(localDate(now));
    if (!due) return 0;
    return this.db.transaction(async (tx) => {
      // Two runs at once (a retried job, two workers) must not both find a user not yet reminded.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`report-reminder|${due.report}`]);
      const [{ n }]: Array<{ n: number }> = await tx.query(
        `WITH inserted AS (
           INSERT INTO notifications (user_id, case_id, template, payload, created_at)
           SELECT u.id, NULL, 'report_reminder', jsonb_build_object('report', $1::text, 'due', $2::text), $3
             FROM users u
            WHERE u.active AND u.role = 'supervisor'
              AND NOT EXISTS (SELECT 1 FROM notifications n
                               WHERE n.user_id = u.id AND n.template = 'report_reminder' AND n.payload->>'report' = $1)
           RETURNING 1)
         SELECT count(*)::int AS n FROM inserted`,
        [due.report, due.due, now],
      );
      if (n > 0) this.logger.log({ report: due.report, due: due.due, reminded: n }, 'report reminders sent');
      return n;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.watch) clearInterval(this.watch);
    await this.worker?.close();
    await this.queue?.close();
    await this.connections.closeAll();
  }
}
