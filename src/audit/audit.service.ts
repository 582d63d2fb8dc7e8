import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Db, Tx } from '../database/db';

export interface AuditRecord {
  actor: { id: string | null; role: string } | null;
  action: string;
  caseId?: string | null;
  entity: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** Rows written but not yet sealed into the chain (normally sealed within a second). */
  unsealed: number;
  firstBadId?: string;
}

/** The chain's genesis "previous hash". */
export const GENESIS = '0'.repeat(64);
const SEAL_LOCK = 7_260_001; // advisory lock key: one sealer at a time, across all processes
const SEAL_BATCH = 5000;

/**
 * The oldest transaction id that may still add audit rows: the oldest write transaction of THIS
 * database still running (or prepared), else the snapshot's xmax. Transactions of other databases
 * on the same server cannot write here, so a long one there does not hold sealing back.
 */
const SEAL_HORIZON = `
  WITH snap AS (SELECT pg_current_snapshot() AS s),
  ours AS (
    SELECT backend_xid::text::bigint AS xid FROM pg_stat_activity
     WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()
    UNION ALL
    SELECT transaction::text::bigint FROM pg_prepared_xacts WHERE database = current_database()
  )
  SELECT COALESCE(
    (SELECT min(x::text::bigint) FROM snap, pg_snapshot_xip(snap.s) AS x
      WHERE (x::text::bigint & 4294967295) IN (SELECT xid FROM ours)),
    (SELECT pg_snapshot_xmax(s)::text::bigint FROM snap))`;

/**
 * The canonical text of a row, computed by PostgreSQL (jsonb text output is deterministic), so the
 * sealer and the verifier hash exactly the same bytes. Every column of meaning is included.
 */
const CANONICAL = `jsonb_build_array(id, seq, occurred_at, actor_id, actor_role, action, case_id, entity, entity_id, details)::text`;

export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

@Injectable()
export class AuditService {
  constructor(private readonly db: Db) {}

  /** Appends one entry inside the caller's transaction: it commits or rolls back with the write. */
  async record(tx: Tx, r: AuditRecord): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (actor_id, actor_role, action, case_id, entity, entity_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [r.actor?.id ?? null, r.actor?.role ?? 'anonymous', r.action, r.caseId ?? null, r.entity, r.entityId ?? null,
        JSON.stringify(r.details ?? {})],
    );
  }

  /**
   * Seals committed rows into the chain, in id order among rows whose writing transaction has
   * ended (xid below the oldest running write transaction of this database), so no later commit
   * can slip in before them.
   * Returns how many rows were sealed.
   */
  async seal(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.db.transaction(async (tx) => {
        const [{ locked }] = await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [SEAL_LOCK]);
        if (!locked) return 0;
        const [head] = await tx.query(`SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`);
        let seq = head ? Number(head.seq) : 0;
        let prev: string = head ? head.hash : GENESIS;
        const rows: Array<{ id: string }> = await tx.query(
          `SELECT id FROM audit_log WHERE hash IS NULL AND tx_id < (${SEAL_HORIZON}) ORDER BY id LIMIT ${SEAL_BATCH}`,
        );
        if (rows.length === 0) return 0;
        const ids: string[] = [];
        const seqs: number[] = [];
        for (const r of rows) {
          ids.push(r.id);
          seqs.push(++seq);
        }
        // Assign positions first: the canonical text includes seq.
        await tx.query(
          `UPDATE audit_log a SET seq = v.seq FROM unnest($1::bigint[], $2::bigint[]) AS v(id, seq) WHERE a.id = v.id`,
          [ids, seqs],
        );
        const canon: Array<{ id: string; c: string }> = await tx.query(
          `SELECT id, ${CANONICAL} AS c FROM audit_log WHERE id = ANY($1::bigint[]) ORDER BY seq`, [ids],
        );
        const prevs: string[] = [];
        const hashes: string[] = [];
        for (const r of canon) {
          prevs.push(prev);
          prev = chainHash(prev, r.c);
          hashes.push(prev);
        }
        await tx.query(
          `UPDATE audit_log a SET prev_hash = v.prev, hash = v.hash
             FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, prev, hash) WHERE a.id = v.id`,
          [canon.map((r) => r.id), prevs, hashes],
        );
        return canon.length;
      });
      total += sealed;
      if (sealed < SEAL_BATCH) return total;
    }
  }

  /** Recomputes the whole chain in order; reports the first row whose hash or link does not hold. */
  async verify(): Promise<ChainVerification> {
    await this.seal();
    let prev = GENESIS;
    let expectedSeq = 1;
    let checked = 0;
    for (;;) {
      const rows: Array<{ id: string; seq: string; prev_hash: string; hash: string; c: string }> = await this.db.query(
        `SELECT id, seq, prev_hash, hash, ${CANONICAL} AS c FROM audit_log
          WHERE seq >= $1 ORDER BY seq LIMIT 10000`, [expectedSeq],
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        const ok = Number(r.seq) === expectedSeq && r.prev_hash === prev && chainHash(prev, r.c) === r.hash;
        if (!ok) return { ok: false, checked, unsealed: await this.unsealed(), firstBadId: r.id };
        prev = r.hash;
        expectedSeq++;
        checked++;
      }
    }
    return { ok: true, checked, unsealed: await this.unsealed() };
  }

  private async unsealed(): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE hash IS NULL`);
    return n;
  }
}
