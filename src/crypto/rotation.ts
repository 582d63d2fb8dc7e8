/**
 * Key rotation (`npm run keys:rotate`): every data key wrapped by a master key other than the
 * keyring's current one is unwrapped and wrapped again under the current one. The data keys — and
 * so the fields and files they seal — do not change; afterwards the old master keys can leave the
 * configuration. A store's rows are rewrapped one at a time, each only if it was not rewrapped
 * meanwhile, so the command may run while the application serves.
 */
import type { Keyring } from './keyring';

/** A data key as a table keeps it. */
export interface WrappedKeyRow {
  id: string;
  keyId: string;
  wrapped: Buffer;
  /** What the wrapping is bound to (the AAD's context). */
  context: string;
}

/** A table of wrapped data keys. */
export interface WrappedKeyStore {
  name: string;
  /** Up to `limit` rows wrapped by another master key than `currentKeyId`, none of `skip`. */
  stale(currentKeyId: string, limit: number, skip: readonly string[]): Promise<WrappedKeyRow[]>;
  /** Replaces the wrapping if the row is still wrapped by `row.keyId`; whether it did. */
  rewrap(row: WrappedKeyRow, keyId: string, wrapped: Buffer): Promise<boolean>;
}

/** Rewraps every stale data key of `stores`; how many per store. A key that does not unwrap stops it (KeyringError). */
export async function rotateKeys(keyring: Keyring, stores: readonly WrappedKeyStore[], batch = 200): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  const current = keyring.currentKeyId();
  for (const store of stores) {
    done[store.name] = 0;
    // Rows a concurrent writer changed under us are skipped this round, not retried forever.
    const skip: string[] = [];
    for (;;) {
      const rows = await store.stale(current, batch, skip);
      if (rows.length === 0) break;
      for (const row of rows) {
        const dataKey = await keyring.unwrap(row.wrapped, row.keyId, row.context);
        try {
          const next = await keyring.wrap(dataKey, row.context);
          if (await store.rewrap(row, next.keyId, next.wrapped)) done[store.name]++;
          else skip.push(row.id);
        } finally {
          dataKey.fill(0);
        }
      }
    }
  }
  return done;
}
