import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/db';

export type OutboxTopic =
  /** A deadline row was scheduled or escalated: (re)enqueue its timer job. */
  | 'deadline.timer'
  /** A pending deadline's due date moved (holiday change): move its timer job. */
  | 'deadline.rearm'
  /** A deadline was settled or cancelled: remove its timer job. */
  | 'deadline.cleared';

/** Writes messages in the caller's transaction; the worker's relay delivers them after commit. */
@Injectable()
export class OutboxService {
  async publish(tx: Tx, topic: OutboxTopic, payload: Record<string, unknown>): Promise<void> {
    await tx.query(`INSERT INTO outbox (topic, payload) VALUES ($1, $2)`, [topic, JSON.stringify(payload)]);
  }

  async publishMany(tx: Tx, messages: Array<{ topic: OutboxTopic; payload: Record<string, unknown> }>): Promise<void> {
    if (messages.length === 0) return;
    await tx.query(
      `INSERT INTO outbox (topic, payload) SELECT t, p::jsonb FROM unnest($1::text[], $2::text[]) AS m(t, p)`,
      [messages.map((m) => m.topic), messages.map((m) => JSON.stringify(m.payload))],
    );
  }
}
