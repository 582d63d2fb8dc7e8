/**
 * Encryption at rest of attachments, pure (node:crypto only, no I/O).
 *
 * Each file has a data key of its own (32 random bytes). Its content is sealed in chunks with
 * AES-256-GCM in the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár: "Online
 * authenticated-encryption and its nonce-reuse misuse-resistance", 2015), so a file of any size is
 * encrypted and decrypted in constant memory and every chunk is verified before it is released:
 *
 *     header  = "BAOVE1" ‖ chunk size (uint32 BE) ‖ nonce prefix (8 random bytes)       18 bytes
 *     chunk i = AES-256-GCM(key, nonce = prefix ‖ i (uint32 BE), aad = header ‖ final flag)
 *               ciphertext ‖ tag (16 bytes); every chunk holds `chunk size` bytes of plaintext
 *               but the last, which holds 0…chunk size and alone has final flag 1.
 *
 * The final flag in the AAD makes truncation at a chunk boundary fail (the new last chunk was
 * sealed as not final); the counter in the nonce makes reordering or dropping chunks fail; the
 * header in the AAD makes changing the chunk size or the prefix fail.
 *
 * The data key is stored only wrapped by a master key of the keyring (src/crypto/keyring.ts), with
 * the object's storage key in the AAD (a wrapped key copied to another row does not open that
 * row's file).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const MAGIC = Buffer.from('BAOVE1', 'latin1');
export const HEADER_BYTES = MAGIC.length + 4 + 8;
export const TAG_BYTES = 16;
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
/** Chunks a reader accepts: a header claiming more is not ours (or is an attempt to exhaust memory). */
const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
const MAX_CHUNKS = 0xffffffff;

/** A sealed file or key that does not open: tampered with, truncated, reordered, or another key's. */
export class AttachmentCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttachmentCryptoError';
  }
}

/** Bytes queued across chunk boundaries, taken from the front. */
class ByteQueue {
  private parts: Buffer[] = [];
  length = 0;

  push(b: Buffer): void {
    if (b.length === 0) return;
    this.parts.push(b);
    this.length += b.length;
  }

  take(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const head = this.parts[0];
      const used = Math.min(head.length, n - filled);
      head.copy(out, filled, 0, used);
      filled += used;
      if (used === head.length) this.parts.shift();
      else this.parts[0] = head.subarray(used);
    }
    this.length -= n;
    return out;
  }
}

function nonceOf(prefix: Buffer, counter: number): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(counter, 8);
  return nonce;
}

function aadOf(header: Buffer, final: boolean): Buffer {
  return Buffer.concat([header, Buffer.from([final ? 1 : 0])]);
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new AttachmentCryptoError('an AES-256 key is 32 bytes');
}

const asBuffer = (chunk: unknown): Buffer =>
  Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);

/** Seals a plaintext stream with `key`: the header, then each chunk as soon as it is known not to be the last. */
export async function* encryptChunks(source: AsyncIterable<unknown> | Iterable<unknown>, key: Buffer, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncGenerator<Buffer> {
  checkKey(key);
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) throw new AttachmentCryptoError('bad chunk size');
  const prefix = randomBytes(8);
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32BE(chunkBytes, MAGIC.length);
  prefix.copy(header, MAGIC.length + 4);
  yield header;
  let counter = 0;
  const seal = (plain: Buffer, final: boolean): Buffer => {
    if (counter >= MAX_CHUNKS) throw new AttachmentCryptoError('file too large for one key');
    const cipher = createCipheriv('aes-256-gcm', key, nonceOf(prefix, counter++));
    cipher.setAAD(aadOf(header, final));
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  };
  const pending = new ByteQueue();
  for await (const chunk of source) {
    pending.push(asBuffer(chunk));
    // Strictly more than a chunk: only then is the chunk known not to be the last.
    while (pending.length > chunkBytes) yield seal(pending.take(chunkBytes), false);
  }
  yield seal(pending.take(pending.length), true);
}

/** Opens a sealed stream with `key`, yielding each chunk's plaintext only once its tag verified. */
export async function* decryptChunks(source: AsyncIterable<unknown> | Iterable<unknown>, key: Buffer): AsyncGenerator<Buffer> {
  checkKey(key);
  const pending = new ByteQueue();
  let header: Buffer | undefined;
  let block = 0;
  let prefix: Buffer = Buffer.alloc(0);
  let counter = 0;
  const open = (sealed: Buffer, final: boolean): Buffer => {
    if (sealed.length < TAG_BYTES) throw new AttachmentCryptoError('sealed file truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(prefix, counter++));
    decipher.setAAD(aadOf(header!, final));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new AttachmentCryptoError('sealed file does not verify (tampered, truncated, reordered, or another key)');
    }
  };
  for await (const chunk of source) {
    pending.push(asBuffer(chunk));
    if (!header && pending.length >= HEADER_BYTES) {
      header = pending.take(HEADER_BYTES);
      if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new AttachmentCryptoError('not a sealed attachment (bad magic)');
      const chunkBytes = header.readUInt32BE(MAGIC.length);
      if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) throw new AttachmentCryptoError('bad chunk size in header');
      block = chunkBytes + TAG_BYTES;
      prefix = header.subarray(MAGIC.length + 4);
    }
    if (header) {
      while (pending.length > block) {
        if (counter >= MAX_CHUNKS) throw new AttachmentCryptoError('too many chunks');
        yield open(pending.take(block), false);
      }
    }
  }
  if (!header) throw new AttachmentCryptoError('sealed file truncated (no header)');
  const last = open(pending.take(pending.length), true);
  if (last.length > 0) yield last;
}
