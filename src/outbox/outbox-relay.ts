import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { CONFIG } from '../common/tokens';
import { Db } from '../database/db';
import type { OutboxTopic } from './outbox.service';

export type OutboxHandler = (payload: Record<string, unknown>) => Promise<void>;

const BATCH = 500;

/**
 * The worker's relay: delivers committed outbox rows to their handlers (BullMQ timers), in id
 * order, at least once. Rows are claimed with SKIP LOCKED so several workers share the load, and
 * marked processed in the same transaction as their delivery succeeded: if Redis is down the
 * transaction rolls back and the rows are retried on the next tick.
 *
 * It polls (OUTBOX_POLL_MS) rather than LISTEN/NOTIFY: NOTIFY takes a cluster-wide lock at commit
 * that would serialise every command's commit behind it.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly handlers = new Map<OutboxTopic, OutboxHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly db: Db, @Inject(CONFIG) private readonly config: AppConfig) {}

  register(topic: OutboxTopic, handler: OutboxHandler): void {
    this.handlers.set(topic, handler);
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then((n) => this.schedule(n === BATCH ? 0 : this.config.outboxPollMs))
        .catch((e: Error) => {
          this.logger.warn({ err: e.message }, 'outbox relay tick failed; retrying');
          this.schedule(Math.max(this.config.outboxPollMs, 1000));
        });
    }, ms);
  }

  /** Delivers one batch; returns how many rows it processed. */
  async drain(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows: Array<{ id: string; topic: OutboxTopic; payload: Record<string, unknown> }> = await tx.query(
        `SELECT id, topic, payload FROM outbox WHERE processed_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      for (const r of rows) {
        const handler = this.handlers.get(r.topic);
        if (!handler) throw new Error(`no outbox handler for ${r.topic}`);
        await handler(r.payload);
      }
      if (rows.length) {
        await tx.query(`UPDATE outbox SET processed_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      }
      return rows.length;
    });
  }
}
