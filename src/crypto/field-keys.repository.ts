import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import type { WrappedKeyRow, WrappedKeyStore } from './rotation';

/** The context a field data key is wrapped under (never an attachment's storage key). */
export const fieldKeyContext = (id: string) => `field-key/${id}`;

export interface FieldKeyRow {
  id: string;
  master_key_id: string;
  wrapped: Buffer;
}

/** The `field_keys` table: the data keys of encrypted fields, each wrapped by a master key. */
@Injectable()
export class FieldKeysRepository implements WrappedKeyStore {
  readonly name = 'field_keys';

  constructor(private readonly db: Db) {}

  byId(id: string): Promise<FieldKeyRow | undefined> {
    return this.db.query<FieldKeyRow>(`SELECT id, master_key_id, wrapped FROM field_keys WHERE id = $1`, [id]).then((r) => r[0]);
  }

  /**
   * The newest data key, or the one `create` makes when there is none. Serialised by an advisory
   * lock so replicas starting together agree on one key.
   */
  current(create: (id: string) => Promise<{ keyId: string; wrapped: Buffer }>, newId: string): Promise<FieldKeyRow> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('field-keys', 0))`);
      const [row] = await tx.query<FieldKeyRow>(`SELECT id, master_key_id, wrapped FROM field_keys ORDER BY created_at DESC, id LIMIT 1`);
      if (row) return row;
      const { keyId, wrapped } = await create(newId);
      const [made] = await tx.query<FieldKeyRow>(
        `INSERT INTO field_keys (id, master_key_id, wrapped) VALUES ($1, $2, $3) RETURNING id, master_key_id, wrapped`, [newId, keyId, wrapped],
      );
      return made;
    });
  }

  /** Whether the backfill `name` has finished. */
  async backfillDone(name: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM field_backfills WHERE name = $1`, [name])).length > 0;
  }

  async markBackfillDone(name: string): Promise<void> {
    await this.db.query(`INSERT INTO field_backfills (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [name]);
  }

  /** Every data key, for the check at start that the keyring opens them all. */
  all(): Promise<FieldKeyRow[]> {
    return this.db.query<FieldKeyRow>(`SELECT id, master_key_id, wrapped FROM field_keys ORDER BY created_at`);
  }

  async stale(currentKeyId: string, limit: number, skip: readonly string[]): Promise<WrappedKeyRow[]> {
    const rows = await this.db.query<FieldKeyRow>(
      `SELECT id, master_key_id, wrapped FROM field_keys WHERE master_key_id <> $1 AND NOT (id::text = ANY($3)) ORDER BY created_at, id LIMIT $2`,
      [currentKeyId, limit, skip],
    );
    return rows.map((r) => ({ id: r.id, keyId: r.master_key_id, wrapped: r.wrapped, context: fieldKeyContext(r.id) }));
  }

  async rewrap(row: WrappedKeyRow, keyId: string, wrapped: Buffer): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE field_keys SET master_key_id = $3, wrapped = $4, rewrapped_at = now() WHERE id = $1 AND master_key_id = $2 RETURNING id`,
      [row.id, row.keyId, keyId, wrapped],
    );
    return rows.length === 1;
  }
}
