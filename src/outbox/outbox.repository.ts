import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/db';
import type { OutboxMessage } from './outbox-messages';

export interface StoredOutboxMessage {
  id: string;
  topic: OutboxMessage['topic'];
  payload: OutboxMessage['payload'];
}

/** The `outbox` table. */
@Injectable()
export class OutboxRepository {
  async insert(tx: Tx, m: OutboxMessage): Promise<void> {
    await tx.query(`INSERT INTO outbox (topic, payload) VALUES ($1, $2)`, [m.topic, JSON.stringify(m.payload)]);
  }

  async insertMany(tx: Tx, messages: OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await tx.query(
      `INSERT INTO outbox (topic, payload) SELECT t, p::jsonb FROM unnest($1::text[], $2::text[]) AS m(t, p)`,
      [messages.map((m) => m.topic), messages.map((m) => JSON.stringify(m.payload))],
    );
  }

  /** The oldest unprocessed messages, locked; SKIP LOCKED lets several relays share the work. */
  async claim(tx: Tx, limit: number): Promise<StoredOutboxMessage[]> {
    return tx.query(`SELECT id, topic, payload FROM outbox WHERE processed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, [limit]);
  }

  async markProcessed(tx: Tx, ids: string[]): Promise<void> {
    if (ids.length) await tx.query(`UPDATE outbox SET processed_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
  }
}
