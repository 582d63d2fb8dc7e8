import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { FieldCipher, FIRST_UUID } from '../crypto/field-cipher';
import { Db } from '../database/db';
import { SupportsRepository } from './supports.repository';

const BATCH = 200;

/**
 * Seals at start the free text of the register written in clear before it was sealed — the
 * supports' context, their events' data, their services' detail and end reason
 * (supports.repository.ts) — after checking that the keyring opens every field data key. Walked
 * once by support id, each batch its own transaction with its supports locked (their events and
 * services are written only under that lock); a sealed value is never sealed twice, so every
 * replica may run it; once done it is recorded (`field_backfills`, `support_events`) and later
 * starts skip it.
 */
@Injectable()
export class SupportsFieldBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('SupportsFieldBackfill');

  constructor(private readonly db: Db, private readonly repo: SupportsRepository, private readonly cipher: FieldCipher) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.cipher.verifyKeys();
    const sealed = await this.cipher.backfillWalk('support_events', FIRST_UUID, (after) => this.db.transaction((tx) => this.repo.sealClearRows(tx, after, BATCH)));
    if (sealed) this.logger.log(`sealed the free text of ${sealed} rows of the special-circumstances register written in clear before its encryption`);
  }
}
