import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { CONFIG } from '../common/tokens';
import { Db, Tx } from '../database/db';
import { chainHash, checkRows, GENESIS, WalkResult, WalkState } from './audit-chain';
import { Checkpoint, CheckpointFile, CheckpointSigner } from './audit-checkpoints';
import { AuditRepository } from './audit.repository';
import type { WalkMessage, WalkRequest } from './chain-walker';
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
 * The paced walks' pace (the full verification, a checkpoint's first walk), in the walker thread:
 * batches of 2,000 entries, each followed by a pause three times as long as the batch took (at least
 * 10 ms; chain-walker.ts), so a walk takes at most a quarter of a core and of its share of PostgreSQL
 * and none of the event loop,
 * and a worker process that also serves the API (`node dist/src/main.js`) keeps answering case reads
 * on time (npm run bench:audit).
 */
const FULL_VERIFY_BATCH = 2000;
const FULL_VERIFY_PAUSE_MS = 10;

/**
 * The walker thread's script, compiled: beside this file when the service runs built, from dist/
 * when it runs from its sources (jest, after `npm run build`, as the tests' worker processes do).
 */
const CHAIN_WALKER = [join(__dirname, 'chain-walker.js'), join(__dirname, '../../dist/src/audit/chain-walker.js')].find((f) => existsSync(f))
  ?? join(__dirname, 'chain-walker.js');

@Injectable()
export class AuditService implements OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private readonly key: Buffer;
  readonly signer: CheckpointSigner;
  readonly checkpoints: CheckpointFile;
  private readonly walkers = new Set<Worker>();

  constructor(private readonly db: Db, private readonly repo: AuditRepository, @Inject(CONFIG) config: AppConfig) {
    this.key = config.audit.hmacKey;
    this.signer = new CheckpointSigner(config.audit);
    this.checkpoints = new CheckpointFile(config.audit.checkpointDir);
  }

  /** A walk under way ends with the process (its job is retried by the next worker). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.walkers].map((w) => w.terminate()));
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
    return this.verifyFromCheckpoint(false);
  }

  /**
   * `verify`: in this thread when `paced` is false (the rows since the newest checkpoint, a few
   * thousand), in the walker thread, paced, when true (with no checkpoint yet it walks the whole chain).
   */
  private async verifyFromCheckpoint(paced: boolean): Promise<ChainVerification> {
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
    const walked = paced
      ? await this.walkInThread({ from, prev, batch: FULL_VERIFY_BATCH, pauseMs: FULL_VERIFY_PAUSE_MS, anchors: [] }, () => undefined)
      : await this.walk(from, prev);
    if (walked.bad) return this.failed({ problem: 'broken_link', checked: walked.checked, firstBadId: walked.bad, fromCheckpoint: cp ? summary(cp) : null });
    return { ok: true, checked: walked.checked, unsealed: await this.unsealed(), fromCheckpoint: cp ? summary(cp) : null, length: walked.length };
  }

  /**
   * Recomputes the whole chain from its start, in the walker thread, paced (so it never holds the
   * event loop, a connection or a core long enough to slow case work), and checks it against every
   * external checkpoint: an edit anywhere, a re-computed chain and a truncation are all found.
   */
  async verifyFull(progress: (p: FullVerificationProgress) => Promise<unknown>, pauseMs = FULL_VERIFY_PAUSE_MS): Promise<ChainVerification> {
    await this.seal();
    const all = this.checkpoints.all();
    const bad = all.find((c) => !this.signer.verify(c));
    if (bad) return this.failed({ problem: 'bad_checkpoint', checked: 0, fromCheckpoint: summary(bad) });
    const total = Number((await this.repo.head())?.seq ?? 0);
    const newest = all.at(-1);
    // Progress is written in order, one report at a time.
    let reported: Promise<unknown> = progress({ checked: 0, total });
    const walked = await this.walkInThread(
      { from: 1, prev: GENESIS, batch: FULL_VERIFY_BATCH, pauseMs, anchors: all.map((c) => [c.seq, c.head]) },
      (checked) => { reported = reported.then(() => progress({ checked, total })); },
    );
    await reported;
    await progress({ checked: walked.checked, total });
    if (walked.bad) return this.failed({ problem: 'broken_link', checked: walked.checked, firstBadId: walked.bad, fromCheckpoint: null });
    if (walked.mismatch) {
      const cp = all.find((c) => c.seq === walked.mismatch!.seq)!;
      return this.failed({ problem: 'checkpoint_mismatch', checked: walked.checked, firstBadId: walked.mismatch.id, fromCheckpoint: summary(cp) });
    }
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
    const v = await this.verifyFromCheckpoint(true);
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
  /** Walks the chain from position `from` (whose previous hash is `prev`) to its head, in this thread. */
  private async walk(from: number, prev: string): Promise<WalkResult> {
    const state: WalkState = { expectedSeq: from, prev, checked: 0 };
    for (;;) {
      const rows = await this.repo.sealedFrom(state.expectedSeq, VERIFY_BATCH);
      if (rows.length === 0) break;
      const bad = checkRows(this.key, state, rows);
      if (bad) return { checked: state.checked, length: state.expectedSeq - 1, bad };
      if (rows.length < VERIFY_BATCH) break;
    }
    return { checked: state.checked, length: state.expectedSeq - 1 };
  }

  /**
   * Walks the chain in a worker thread of its own (chain-walker.ts), reporting the rows checked
   * after each batch; a shutdown meanwhile ends the thread and rejects.
   */
  private walkInThread(
    walk: Omit<WalkRequest, 'url' | 'key'>, onProgress: (checked: number) => void,
  ): Promise<WalkResult> {
    return new Promise<WalkResult>((resolve, reject) => {
      const thread = new Worker(CHAIN_WALKER, { workerData: { ...walk, url: this.db.url, key: this.key } satisfies WalkRequest });
      this.walkers.add(thread);
      let settled = false;
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        this.walkers.delete(thread);
        f();
        void thread.terminate();
      };
      thread.on('message', (m: WalkMessage) => {
        if (m.kind === 'progress') onProgress(m.checked);
        else if (m.kind === 'done') settle(() => resolve(m.result));
        else settle(() => reject(new Error(`audit chain walk failed: ${m.message}`)));
      });
      thread.on('error', (e) => settle(() => reject(e)));
      thread.on('exit', (code) => settle(() => reject(new Error(`audit chain walker ended (exit code ${code})`))));
    });
  }
}

function summary(c: Checkpoint): { seq: number; at: string } {
  return { seq: c.seq, at: c.at };
}
