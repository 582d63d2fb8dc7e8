import { Injectable, OnModuleInit } from '@nestjs/common';
import { Db } from '../database/db';
import { JobsService } from '../jobs/jobs.service';
import type { OutboxPayload, OutboxTopic } from './outbox-messages';
import { OutboxRepository, StoredOutboxMessage } from './outbox.repository';

/** Delivers a run of consecutive messages of one topic (so a handler can send them in one call). */
export type OutboxHandler<T extends OutboxTopic> = (payloads: Array<OutboxPayload<T>>) => Promise<void>;

const BATCH = 500;

/**
 * Delivers committed outbox rows to their handlers (BullMQ timers), in id order, at least once.
 * Rows are claimed with SKIP LOCKED so several workers share the load, and marked processed in the
 * same transaction as their delivery succeeded: if Redis is down the transaction rolls back and
 * the rows are retried on the next drain. The jobs module's supervising loop calls `drain`.
 */
@Injectable()
export class OutboxRelay {
  private readonly handlers: { [T in OutboxTopic]?: OutboxHandler<T> } = {};

  constructor(private readonly db: Db, private readonly repository: OutboxRepository, private readonly jobs: JobsService) {}

  onModuleInit(): void {
    this.jobs.pollOutbox(async () => (await this.drain()) === BATCH);
  }

  register<T extends OutboxTopic>(topic: T, handler: OutboxHandler<T>): void {
    (this.handlers as { [K in T]?: OutboxHandler<T> })[topic] = handler;
  }

  /** Delivers one batch; returns how many rows it processed. */
  async drain(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await this.repository.claim(tx, BATCH);
      for (const run of consecutiveRuns(rows)) {
        const handler = this.handlers[run.topic] as OutboxHandler<OutboxTopic> | undefined;
        if (!handler) throw new Error(`no outbox handler for ${run.topic}`);
        await handler(run.payloads as Array<OutboxPayload<OutboxTopic>>);
      }
      await this.repository.markProcessed(tx, rows.map((r) => r.id));
      return rows.length;
    });
  }
}

/** Groups rows into runs of one topic without reordering, so delivery order stays the id order. */
export function consecutiveRuns(rows: StoredOutboxMessage[]): Array<{ topic: OutboxTopic; payloads: unknown[] }> {
  const runs: Array<{ topic: OutboxTopic; payloads: unknown[] }> = [];
  for (const r of rows) {
    const last = runs[runs.length - 1];
    if (last?.topic === r.topic) last.payloads.push(r.payload);
    else runs.push({ topic: r.topic, payloads: [r.payload] });
  }
  return runs;
}
