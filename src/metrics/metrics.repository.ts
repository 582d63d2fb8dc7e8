/**
 * The metrics read model: counts over the outbox, deadlines and notification delivery tables (owned by those modules),
 * read at scrape time for the gauges. Read-only; counts only, never a row's content.
 */
import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';

@Injectable()
export class MetricsRepository {
  constructor(private readonly db: Db) {}

  outboxBacklog(): Promise<number> {
    return this.count(`SELECT count(*) AS n FROM outbox WHERE processed_at IS NULL`);
  }

  pendingDeadlines(): Promise<number> {
    return this.count(`SELECT count(*) AS n FROM deadlines WHERE status = 'pending'`);
  }

  /** Pending deadlines more than a minute past due: their timer should have fired. */
  overdueUnfiredDeadlines(): Promise<number> {
    return this.count(`SELECT count(*) AS n FROM deadlines WHERE status = 'pending' AND due_at < now() - interval '1 minute'`);
  }

  breachedDeadlines(): Promise<number> {
    return this.count(`SELECT count(*) AS n FROM deadlines WHERE status = 'breached'`);
  }

  /** Messages per channel and delivery state (issue 18's notification_deliveries). */
  deliveriesByState(): Promise<Array<{ channel: string; status: string; n: number }>> {
    return this.db.query(`SELECT channel, status, count(*)::int AS n FROM notification_deliveries GROUP BY channel, status`);
  }

  /** Urgent alerts past their acknowledgement time with nobody having acknowledged them. */
  unansweredAlerts(): Promise<number> {
    return this.count(`SELECT count(*) AS n FROM notification_acks WHERE acknowledged_at IS NULL AND due_at < now()`);
  }

  private async count(sql: string): Promise<number> {
    const [{ n }] = await this.db.query(sql);
    return Number(n);
  }
}
