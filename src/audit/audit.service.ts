import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { CONFIG } from '../common/tokens';
import { Db, Tx } from '../database/db';
import { chainHash, GENESIS } from './audit-chain';
import { Checkpoint, CheckpointFile, CheckpointSigner } from './audit-checkpoints';
import { AuditRepository } from './audit.repository';
import { currentAccess } from './request-context';

export { chainHash, GENESIS } from './audit-chain';

export interface AuditRecord {
  actor: { id: string | null; role: string } | null;
  action: string;
  caseId?: string | null;
  entity: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

/** Why a verification failed. */
export type ChainProblem =
  /** A row's hash or link does not hold under the key (an edit, or a chain re-computed without the key). */
  | 'broken_link'
  /** The row a checkpoint names is gone or carries another hash: rows deleted or the chain rewritten. */
  | 'checkpoint_mismatch'
  /** The chain is shorter than a checkpoint says it was: rows were deleted from its end. */
  | 'truncated'
  /** A checkpoint in the file does not carry a valid signature. */
  | 'bad_checkpoint';

export interface ChainVerification {
  ok: boolean;
  /** Rows recomputed (from the last checkpoint on, or all of them in a full verification). */
  checked: number;
  /** Rows written but not yet sealed into the chain (normally sealed within a second). */
  unsealed: number;
  firstBadId?: string;
  problem?: ChainProblem;
  /** The checkpoint the verification started from (null: from the chain's start). */
  fromCheckpoint?: { seq: number; at: string } | null;
  /** The chain's length (its head's position) when verified. */
  length?: number;
}

export interface FullVerificationProgress {
  checked: number;
  total: number;
}

const SEAL_BATCH = 5000;
const VERIFY_BATCH = 10_000;
/**
 * The full verification's pace: batches of 2,000 entries, each followed by a pause at least as long
 * as the batch took (and 10 ms), so it takes at most half of a core and of its share of PostgreSQL,
 * and a worker process that also serves the API (`node dist/src/main.js`) keeps answering case reads
 * on time (npm run bench:audit).
 */
const FULL_VERIFY_BATCH = 2000;
const FULL_VERIFY_PAUSE_MS = 10;

const pause = (ms: number) => new Promise<boolean>((r) => setTimeout(() => r(true), ms));

@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');
  private readonly key: Buffer;
  readonly signer: CheckpointSigner;
  readonly checkpoints: CheckpointFile;

  constructor(private readonly db: Db, private readonly repo: AuditRepository, @Inject(CONFIG) config: AppConfig) {
    this.key = config.audit.hmacKey;
    this.signer = new CheckpointSigner(config.audit);
    this.checkpoints = new CheckpointFile(config.audit.checkpointDir);
  }

  /**
   * Appends one entry inside the caller's transaction: it commits or rolls back with the write.
   * Written while serving a request, it carries the request's `access` (origin, scope rule).
   */
  record(tx: Tx, r: AuditRecord): Promise<void> {
    return this.repo.insert(tx, {
      actorId: r.actor?.id ?? null, actorRole: r.actor?.role ?? 'anonymous', action: r.action, caseId: r.caseId ?? null,
      entity: r.entity, entityId: r.entityId ?? null, details: r.details ?? {}, access: currentAccess(),
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
          prev = chainHash(this.key, prev, r.c);
          hashes.push(prev);
        }
        await this.repo.setHashes(tx, canon.map((r) => r.id), prevs, hashes);
        return canon.length;
      });
      total += sealed;
      if (sealed < SEAL_BATCH) return total;
    }
  }

  /**
   * Seals what is pending, then verifies the chain from the newest external checkpoint on: the
   * checkpoint's row must still carry the checkpoint's hash (else rows were deleted or the chain
   * rewritten), and every later row must link to it under the key. Cheap: it reads only the rows
   * written since the checkpoint. Edits of older rows are the full verification's (`verifyFull`).
   */
  verify(): Promise<ChainVerification> {
    return this.verifyFromCheckpoint(VERIFY_BATCH, 0);
  }

  /** `verify`, in batches of `batch` entries with `pauseMs` between them. */
  private async verifyFromCheckpoint(batch: number, pauseMs: number): Promise<ChainVerification> {
    await this.seal();
    const cp = this.checkpoints.latest();
    if (cp && !this.signer.verify(cp)) return this.failed({ problem: 'bad_checkpoint', checked: 0, fromCheckpoint: summary(cp) });
    let from = 1;
    let prev = GENESIS;
    if (cp) {
      const anchor = await this.repo.rowAt(cp.seq);
      if (!anchor) return this.failed({ problem: 'truncated', checked: 0, fromCheckpoint: summary(cp) });
      if (anchor.hash !== cp.head) return this.failed({ problem: 'checkpoint_mismatch', checked: 0, firstBadId: anchor.id, fromCheckpoint: summary(cp) });
      from = cp.seq + 1;
      prev = cp.head;
    }
    let batchStarted = Date.now();
    const walked = await this.walk(from, prev, batch, pauseMs > 0 ? async () => {
      await pause(Math.max(pauseMs, Date.now() - batchStarted));
      batchStarted = Date.now();
      return true;
    } : undefined);
    if (walked.bad) return this.failed({ problem: 'broken_link', checked: walked.checked, firstBadId: walked.bad, fromCheckpoint: cp ? summary(cp) : null });
    return { ok: true, checked: walked.checked, unsealed: await this.unsealed(), fromCheckpoint: cp ? summary(cp) : null, length: walked.length };
  }

  /**
   * Recomputes the whole chain from its start, in batches with a pause between them (so it never
   * holds a connection or a core long enough to slow case work), and checks it against every
   * external checkpoint: an edit anywhere, a re-computed chain and a truncation are all found.
   */
  async verifyFull(progress: (p: FullVerificationProgress) => Promise<unknown>, pauseMs = FULL_VERIFY_PAUSE_MS): Promise<ChainVerification> {
    await this.seal();
    const all = this.checkpoints.all();
    const bad = all.find((c) => !this.signer.verify(c));
    if (bad) return this.failed({ problem: 'bad_checkpoint', checked: 0, fromCheckpoint: summary(bad) });
    const anchors = new Map(all.map((c) => [c.seq, c]));
    const total = Number((await this.repo.head())?.seq ?? 0);
    const newest = all.at(-1);
    let mismatch: { id: string; cp: Checkpoint } | undefined;
    let batchStarted = Date.now();
    const walked = await this.walk(1, GENESIS, FULL_VERIFY_BATCH, async (rows, checked) => {
      for (const r of rows) {
        const cp = anchors.get(Number(r.seq));
        if (cp && cp.head !== r.hash && !mismatch) mismatch = { id: r.id, cp };
      }
      await progress({ checked, total });
      if (pauseMs > 0) await pause(Math.max(pauseMs, Date.now() - batchStarted));
      batchStarted = Date.now();
      return mismatch === undefined;
    });
    await progress({ checked: walked.checked, total });
    if (walked.bad) return this.failed({ problem: 'broken_link', checked: walked.checked, firstBadId: walked.bad, fromCheckpoint: null });
    if (mismatch) return this.failed({ problem: 'checkpoint_mismatch', checked: walked.checked, firstBadId: mismatch.id, fromCheckpoint: summary(mismatch.cp) });
    if (newest && walked.length < newest.seq) return this.failed({ problem: 'truncated', checked: walked.checked, fromCheckpoint: summary(newest) });
    return { ok: true, checked: walked.checked, unsealed: await this.unsealed(), fromCheckpoint: null, length: walked.length };
  }

  /**
   * Verifies from the last checkpoint and, when the chain holds and has grown, appends a new signed
   * checkpoint of its head to the file outside the database. A chain that does not hold is never
   * checkpointed (that would launder the tampering). Answers the checkpoint written, if any.
   */
  async checkpoint(now: Date = new Date()): Promise<Checkpoint | undefined> {
    // Paced like the full verification: with no checkpoint yet (a first start, an upgrade) this
    // walks the whole chain, and must not hold the worker's event loop while it does.
    const v = await this.verifyFromCheckpoint(FULL_VERIFY_BATCH, FULL_VERIFY_PAUSE_MS);
    if (!v.ok) {
      this.logger.error({ problem: v.problem, firstBadId: v.firstBadId }, 'audit chain does not hold: no checkpoint written');
      return undefined;
    }
    const head = await this.repo.head();
    if (!head || (v.fromCheckpoint && v.fromCheckpoint.seq >= Number(head.seq))) return undefined;
    // The head read after the verification: rows sealed in between link to the verified ones (one sealer at a time).
    const c = this.signer.sign(Number(head.seq), head.hash, now.toISOString());
    this.checkpoints.append(c);
    return c;
  }

  /** Rows written but not yet sealed into the chain. */
  unsealed(): Promise<number> {
    return this.repo.unsealedCount();
  }

  private async failed(v: Omit<ChainVerification, 'ok' | 'unsealed'>): Promise<ChainVerification> {
    return { ok: false, ...v, unsealed: await this.unsealed() };
  }

  /**
   * Walks the sealed rows from position `from` (whose previous hash is `prev`) to the head, checking
   * each position, link and HMAC. `onBatch` may stop the walk (answering false).
   */
  private async walk(
    from: number, prev: string, batch: number,
    onBatch?: (rows: Array<{ id: string; seq: string; hash: string }>, checked: number) => Promise<boolean>,
  ): Promise<{ checked: number; length: number; bad?: string }> {
    let expectedSeq = from;
    let checked = 0;
    for (;;) {
      const rows = await this.repo.sealedFrom(expectedSeq, batch);
      if (rows.length === 0) break;
      for (const r of rows) {
        const ok = Number(r.seq) === expectedSeq && r.prev_hash === prev && chainHash(this.key, prev, r.c) === r.hash;
        if (!ok) return { checked, length: expectedSeq - 1, bad: r.id };
        prev = r.hash;
        expectedSeq++;
        checked++;
      }
      if (onBatch && !(await onBatch(rows, checked))) break;
      if (rows.length < batch) break;
    }
    return { checked, length: expectedSeq - 1 };
  }
}

function summary(c: Checkpoint): { seq: number; at: string } {
  return { seq: c.seq, at: c.at };
}
