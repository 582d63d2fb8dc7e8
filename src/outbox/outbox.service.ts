import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/db';
import type { OutboxMessage } from './outbox-messages';
import { OutboxRepository } from './outbox.repository';

/** Writes messages in the caller's transaction; the worker's relay delivers them after commit. */
@Injectable()
export class OutboxService {
  constructor(private readonly repository: OutboxRepository) {}

  publish(tx: Tx, message: OutboxMessage): Promise<void> {
    return this.repository.insert(tx, message);
  }

  publishMany(tx: Tx, messages: OutboxMessage[]): Promise<void> {
    return this.repository.insertMany(tx, messages);
  }
}
