import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { FieldCipher, FIRST_UUID } from '../crypto/field-cipher';
import { Db } from '../database/db';
import { HandoffsRepository } from './handoffs.repository';

const BATCH = 500;

/**
 * Seals at start the free text of `handoffs` rows written in clear before it was sealed (columns
 * `instructions`, `outcome`, `reason` and the context's copies; src/cases/handoff-fields.ts), after
 * checking that the keyring opens every field data key. Walked once by id, each batch its own
 * transaction with its rows locked; a sealed value is never sealed twice, so every replica may run
 * it; once done it is recorded (`field_backfills`, `handoffs`) and later starts skip it. The
 * context members sealed later have their own record, `handoff_contexts_v2`.
 */
@Injectable()
export class HandoffsFieldBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('HandoffsFieldBackfill');

  constructor(private readonly db: Db, private readonly repo: HandoffsRepository, private readonly cipher: FieldCipher) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.cipher.verifyKeys();
    // `handoff_contexts_v2`: the same walk once more, for the context members sealed since the first
    // (a separation's, an urgent report's, an emergency's protection details), on installs that ran it.
    for (const name of ['handoffs', 'handoff_contexts_v2']) {
      const sealed = await this.cipher.backfillWalk(name, FIRST_UUID, (after) => this.db.transaction((tx) => this.repo.sealClearRows(tx, after, BATCH)));
      if (sealed) this.logger.log(`${name}: sealed the free text of ${sealed} handoffs written in clear before its encryption`);
    }
  }
}
