/**
 * The audit chain's link: each sealed row's hash is HMAC-SHA256, under a key held outside the
 * database (AUDIT_HMAC_KEY), of the previous row's hash and the row's canonical text. Whoever owns
 * the database but not the key can edit a row, but cannot compute the hashes that would hide it.
 *
 * Free of the framework: the service (audit.service.ts) and the walker thread (chain-walker.ts)
 * check rows with the same code.
 */
import { createHmac } from 'node:crypto';

/** The chain's genesis "previous hash". */
export const GENESIS = '0'.repeat(64);

export function chainHash(key: Buffer, prevHash: string, canonical: string): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * The canonical text of a row, computed by PostgreSQL (jsonb text output is deterministic), so the
 * sealer and the verifier hash exactly the same bytes. Every column of meaning is included.
 */
const CANONICAL = `jsonb_build_array(id, seq, occurred_at, actor_id, actor_role, action, case_id, entity, entity_id, details, access)::text`;

/** Sealed rows from position $1 on, in chain order, at most $2, with their canonical texts. */
export const SEALED_FROM = `SELECT id, seq, prev_hash, hash, ${CANONICAL} AS c FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`;

/** A sealed row as the verifier needs it, with its canonical text. */
export interface SealedRow {
  id: string;
  seq: string;
  prev_hash: string;
  hash: string;
  c: string;
}

/** Where a walk along the chain stands: the position and previous hash the next row must carry. */
export interface WalkState {
  expectedSeq: number;
  prev: string;
  checked: number;
}

/**
 * Checks a batch of rows in chain order against the walk so far, advancing it past each row that
 * holds; answers the id of the first row that does not (a gap, a wrong link or a wrong hash).
 */
export function checkRows(key: Buffer, state: WalkState, rows: readonly SealedRow[]): string | undefined {
  for (const r of rows) {
    if (Number(r.seq) !== state.expectedSeq || r.prev_hash !== state.prev || chainHash(key, state.prev, r.c) !== r.hash) return r.id;
    state.prev = r.hash;
    state.expectedSeq++;
    state.checked++;
  }
  return undefined;
}

/** What a walk found: rows checked, the chain's length as walked, and where it broke, if it did. */
export interface WalkResult {
  checked: number;
  length: number;
  /** The first row whose link or hash does not hold. */
  bad?: string;
  /** The first row at an anchor's position that carries another hash than the anchor's. */
  mismatch?: { id: string; seq: number };
}
