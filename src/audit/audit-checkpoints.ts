/**
 * Signed checkpoints of the audit chain (its head hash, its length, the time), appended to a file
 * OUTSIDE the database (AUDIT_CHECKPOINT_DIR/checkpoints.jsonl, one JSON object a line) and served
 * to auditors at `GET /audit/checkpoints` for archiving. A checkpoint anchors the chain: an edited
 * row, a chain re-computed without the key, or rows deleted from the end no longer match it.
 *
 * Signed with Ed25519 when AUDIT_SIGNING_KEY is set (an auditor verifies with the public key alone),
 * else with HMAC-SHA256 under a key derived from AUDIT_HMAC_KEY.
 */
import { createHmac, createPrivateKey, createPublicKey, KeyObject, sign, timingSafeEqual, verify } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, fstatSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditConfig } from '../config/config';

export interface Checkpoint {
  /** The chain's length at the checkpoint: its head row's `seq` (rows are numbered from 1 without gaps). */
  seq: number;
  /** The head row's hash. */
  head: string;
  /** ISO time the checkpoint was taken. */
  at: string;
  alg: 'ed25519' | 'hmac-sha256';
  /** Signature of `checkpointText(seq, head, at)`, base64. */
  sig: string;
}

export const CHECKPOINT_FILE = 'checkpoints.jsonl';
/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** The last checkpoints fit in this tail of the file (a line is about 250 bytes). */
const TAIL_BYTES = 16 * 1024;

export function checkpointText(seq: number, head: string, at: string): string {
  return `baove-audit-checkpoint:v1\n${seq}\n${head}\n${at}`;
}

export class CheckpointSigner {
  private readonly privateKey?: KeyObject;
  private readonly publicKeyObject?: KeyObject;
  private readonly macKey: Buffer;

  constructor(config: Pick<AuditConfig, 'hmacKey' | 'signingKey'>) {
    if (config.signingKey) {
      this.privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, config.signingKey]), format: 'der', type: 'pkcs8' });
      this.publicKeyObject = createPublicKey(this.privateKey);
    }
    this.macKey = createHmac('sha256', config.hmacKey).update('baove-audit-checkpoint-key').digest();
  }

  get algorithm(): Checkpoint['alg'] {
    return this.privateKey ? 'ed25519' : 'hmac-sha256';
  }

  /** The Ed25519 public key, raw 32 bytes in base64, when checkpoints are signed with one. */
  get publicKey(): string | undefined {
    return this.publicKeyObject?.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
  }

  sign(seq: number, head: string, at: string): Checkpoint {
    const text = Buffer.from(checkpointText(seq, head, at));
    const sig = this.privateKey ? sign(null, text, this.privateKey) : createHmac('sha256', this.macKey).update(text).digest();
    return { seq, head, at, alg: this.algorithm, sig: sig.toString('base64') };
  }

  verify(c: Checkpoint): boolean {
    const text = Buffer.from(checkpointText(c.seq, c.head, c.at));
    const sig = Buffer.from(c.sig, 'base64');
    if (c.alg === 'ed25519') return this.publicKeyObject !== undefined && verify(null, text, this.publicKeyObject, sig);
    const mac = createHmac('sha256', this.macKey).update(text).digest();
    return sig.length === mac.length && timingSafeEqual(sig, mac);
  }
}

function parse(line: string): Checkpoint | undefined {
  try {
    const c = JSON.parse(line) as Checkpoint;
    return Number.isSafeInteger(c.seq) && typeof c.head === 'string' && typeof c.at === 'string' && typeof c.sig === 'string' ? c : undefined;
  } catch {
    return undefined;
  }
}

/** The append-only checkpoint file. */
export class CheckpointFile {
  readonly path: string;

  constructor(dir: string) {
    this.path = join(dir, CHECKPOINT_FILE);
  }

  /** Appends one checkpoint and forces it to disk before answering. */
  append(c: Checkpoint): void {
    mkdirSync(join(this.path, '..'), { recursive: true, mode: 0o700 });
    const fd = openSync(this.path, 'a', 0o600);
    try {
      writeSync(fd, JSON.stringify(c) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** The newest checkpoint, read from the file's tail only (the file grows without end). */
  latest(): Checkpoint | undefined {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    try {
      const size = fstatSync(fd).size;
      const length = Math.min(size, TAIL_BYTES);
      const buf = Buffer.alloc(length);
      readSync(fd, buf, 0, length, size - length);
      const lines = buf.toString('utf8').split('\n').filter(Boolean);
      for (let i = lines.length - 1; i >= 0; i--) {
        const c = parse(lines[i]);
        if (c) return c;
      }
      return undefined;
    } finally {
      closeSync(fd);
    }
  }

  /** Every checkpoint, oldest first (the full verification and the auditors' archive). */
  all(): Checkpoint[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return text.split('\n').filter(Boolean).map(parse).filter((c): c is Checkpoint => c !== undefined);
  }
}
