/**
 * The metrics read model: counts over the outbox and deadlines tables (owned by those modules),
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

  private async count(sql: string): Promise<number> {
    const [{ n }] = await this.db.query(sql);
    return Number(n);
  }
}
