/**
 * The audit chain's link: each sealed row's hash is HMAC-SHA256, under a key held outside the
 * database (AUDIT_HMAC_KEY), of the previous row's hash and the row's canonical text. Whoever owns
 * the database but not the key can edit a row, but cannot compute the hashes that would hide it.
 */
import { createHmac } from 'node:crypto';

/** The chain's genesis "previous hash". */
export const GENESIS = '0'.repeat(64);

export function chainHash(key: Buffer, prevHash: string, canonical: string): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonical).digest('hex');
}
