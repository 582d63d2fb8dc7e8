import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Db, Tx } from '../database/db';
import { AuditRepository } from './audit.repository';

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
const SEAL_BATCH = 5000;
const VERIFY_BATCH = 10_000;

export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

@Injectable()
export class AuditService {
  constructor(private readonly db: Db, private readonly repo: AuditRepository) {}

  /** Appends one entry inside the caller's transaction: it commits or rolls back with the write. */
  record(tx: Tx, r: AuditRecord): Promise<void> {
    return this.repo.insert(tx, {
      actorId: r.actor?.id ?? null, actorRole: r.actor?.role ?? 'anonymous', action: r.action, caseId: r.caseId ?? null,
      entity: r.entity, entityId: r.entityId ?? null, details: r.details ?? {},
    });
  }

  /**
   * Seals committed rows into the chain, in id order among rows whose writing transaction has
   * ended, so no later commit can slip in before them. Returns how many rows were sealed.
   */
  async seal(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.db.transaction(async (tx) => {
        if (!(await this.repo.trySealLock(tx))) return 0;
        const head = await this.repo.chainHead(tx);
        let seq = head ? Number(head.seq) : 0;
        let prev = head ? head.hash : GENESIS;
        const ids = await this.repo.sealableIds(tx, SEAL_BATCH);
        if (ids.length === 0) return 0;
        const canon = await this.repo.placeInChain(tx, ids, ids.map(() => ++seq));
        const prevs: string[] = [];
        const hashes: string[] = [];
        for (const r of canon) {
          prevs.push(prev);
          prev = chainHash(prev, r.c);
          hashes.push(prev);
        }
        await this.repo.setHashes(tx, canon.map((r) => r.id), prevs, hashes);
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
      const rows = await this.repo.sealedFrom(expectedSeq, VERIFY_BATCH);
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

  /** Rows written but not yet sealed into the chain. */
  unsealed(): Promise<number> {
    return this.repo.unsealedCount();
  }
}
