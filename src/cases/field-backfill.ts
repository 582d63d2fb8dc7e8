import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { FieldCipher, FIRST_UUID } from '../crypto/field-cipher';
import { Db } from '../database/db';
import { CasesRepository } from './cases.repository';

const BATCH = 500;

/**
 * Checks at start that the keyring opens every field data key, then seals the cases' fields still
 * in clear (written before migration 1796800000000-FieldEncryption: a migration holds no master
 * key, the application does), then the free text of case events written before it was sealed
 * (`case_events`, its own record in `field_backfills`), then the free text of the cases' workflow
 * contexts (`cases_snapshot`: the plan and the closure's reason, src/cases/case-fields.ts). Each
 * batch is its own transaction with its rows locked; every replica may run it, a sealed row is
 * never sealed twice; once done it is recorded (`field_backfills`) and later starts skip it.
 */
@Injectable()
export class FieldBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('FieldBackfill');

  constructor(private readonly db: Db, private readonly repo: CasesRepository, private readonly cipher: FieldCipher) {}

  async onApplicationBootstrap(): Promise<void> {
    // A wrong or missing master key stops the start here, loudly.
    await this.cipher.verifyKeys();
    const total = await this.cipher.backfillOnce('cases', () => this.db.transaction((tx) => this.repo.sealClearRows(tx, BATCH)));
    if (total) this.logger.log(`sealed ${total} rows written in clear before field encryption`);
    // Events: walked once by id (most have no free text to seal), so the batch says how many it read.
    const sealed = await this.cipher.backfillWalk('case_events', '0', (after) => this.db.transaction((tx) => this.repo.sealClearEvents(tx, after, BATCH)));
    if (sealed) this.logger.log(`sealed the free text of ${sealed} case events written in clear before its encryption`);
    // The context's copies of the plan and the closure's reason (src/cases/case-fields.ts), walked once by id.
    const snapshots = await this.cipher.backfillWalk('cases_snapshot', FIRST_UUID, (after) => this.db.transaction((tx) => this.repo.sealClearSnapshots(tx, after, BATCH)));
    if (snapshots) this.logger.log(`sealed the context free text of ${snapshots} cases written in clear before its encryption`);
  }
}
