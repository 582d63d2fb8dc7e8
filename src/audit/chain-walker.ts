/**
 * A paced walk along the audit chain in a worker thread of its own (the full verification, and a
 * checkpoint's walk from the chain's start), so reading and hashing millions of rows never holds
 * the event loop that answers case reads in the same process. The thread has its own connection;
 * it reads batches of `batch` rows, checks them (`checkRows`), compares the rows at the anchors'
 * positions with the anchors' hashes, reports progress after each batch and pauses three times as
 * long as the batch took (at least `pauseMs`), so it takes at most a quarter of a core and of its
 * share of PostgreSQL. Started and read by `AuditService` (`walkInThread`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { checkRows, SealedRow, SEALED_FROM, WalkResult, WalkState } from './audit-chain';

/** What the thread is started with. */
export interface WalkRequest {
  url: string;
  key: Buffer;
  from: number;
  prev: string;
  batch: number;
  pauseMs: number;
  /** Chain positions and the hashes their rows must carry (the checkpoints'). */
  anchors: Array<[number, string]>;
}

/** What the thread posts: progress after each batch, then the result (or the error that ended it). */
export type WalkMessage =
  | { kind: 'progress'; checked: number }
  | { kind: 'done'; result: WalkResult }
  | { kind: 'failed'; message: string };

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** After each batch the walk rests three times as long as the batch took: at most a quarter of a core and of its share of PostgreSQL. */
const REST_PER_WORK = 3;

async function walk(req: WalkRequest, post: (m: WalkMessage) => void): Promise<WalkResult> {
  const client = new Client({ connectionString: req.url, application_name: 'baove-audit-walk' });
  await client.connect();
  try {
    const anchors = new Map(req.anchors);
    const state: WalkState = { expectedSeq: req.from, prev: req.prev, checked: 0 };
    for (;;) {
      const started = Date.now();
      const { rows } = await client.query<SealedRow>(SEALED_FROM, [state.expectedSeq, req.batch]);
      if (rows.length === 0) break;
      const bad = checkRows(req.key, state, rows);
      if (bad) return { checked: state.checked, length: state.expectedSeq - 1, bad };
      const off = rows.find((r) => anchors.has(Number(r.seq)) && anchors.get(Number(r.seq)) !== r.hash);
      post({ kind: 'progress', checked: state.checked });
      if (off) return { checked: state.checked, length: state.expectedSeq - 1, mismatch: { id: off.id, seq: Number(off.seq) } };
      if (rows.length < req.batch) break;
      if (req.pauseMs > 0) await pause(Math.max(req.pauseMs, REST_PER_WORK * (Date.now() - started)));
    }
    return { checked: state.checked, length: state.expectedSeq - 1 };
  } finally {
    await client.end().catch(() => undefined);
  }
}

if (parentPort) {
  const port = parentPort;
  const post = (m: WalkMessage) => port.postMessage(m);
  walk(workerData as WalkRequest, post).then(
    (result) => post({ kind: 'done', result }),
    (e: unknown) => post({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
  );
}
