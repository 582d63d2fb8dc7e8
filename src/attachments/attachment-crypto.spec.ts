import { createHash, randomBytes } from 'node:crypto';
import {
  AttachmentCryptoError, decryptChunks, encryptChunks, HEADER_BYTES, MAGIC, TAG_BYTES,
} from './attachment-crypto';

async function collect(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of it) parts.push(b);
  return Buffer.concat(parts);
}

/** The plaintext in pieces of irregular sizes, as a socket delivers it. */
async function* pieces(b: Buffer, sizes = [1, 7, 4096, 65_537, 3]): AsyncGenerator<Buffer> {
  let at = 0;
  for (let i = 0; at < b.length; i++) {
    const n = sizes[i % sizes.length];
    yield b.subarray(at, at + n);
    at += n;
  }
}

const seal = (plain: Buffer, key: Buffer, chunk?: number) => collect(encryptChunks(pieces(plain), key, chunk));
const open = (sealed: Buffer, key: Buffer) => collect(decryptChunks(pieces(sealed, [5, 70_000, 13]), key));

describe('attachment encryption (STREAM over AES-256-GCM)', () => {
  const key = randomBytes(32);

  it.each([0, 1, 100, 4096, 4097, 8192, 3 * 4096 + 5])('round-trips %i bytes (4 KiB chunks) in any piece sizes', async (n) => {
    const plain = randomBytes(n);
    const sealed = await seal(plain, key, 4096);
    expect(sealed.subarray(0, MAGIC.length).toString('latin1')).toBe('BAOVE1');
    // Header, then one tag per chunk: a file of a whole number of chunks still ends with a (short) final chunk.
    expect(sealed.length).toBe(HEADER_BYTES + n + TAG_BYTES * (Math.floor(n / 4096) + (n % 4096 === 0 && n > 0 ? 0 : 1)));
    expect((await open(sealed, key)).equals(plain)).toBe(true);
  });

  it('round-trips a 1 MiB file with the default 64 KiB chunks, and the sealed bytes hide the plaintext', async () => {
    const marker = Buffer.from('BAOVE-PLAINTEXT-MARKER-Nguyễn Thị Lan');
    const plain = Buffer.concat([marker, randomBytes(1024 * 1024), marker]);
    const sealed = await seal(plain, key);
    expect(sealed.includes(marker)).toBe(false);
    expect(createHash('sha256').update(await open(sealed, key)).digest('hex')).toBe(createHash('sha256').update(plain).digest('hex'));
  });

  it('never seals two files alike (random nonce prefix)', async () => {
    const plain = Buffer.from('the same content');
    expect((await seal(plain, key)).equals(await seal(plain, key))).toBe(false);
  });

  const refuses = async (sealed: Buffer, k = key) => {
    let err: unknown;
    try {
      await open(sealed, k);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AttachmentCryptoError);
  };

  it('refuses a flipped bit anywhere: header, ciphertext, tag', async () => {
    const sealed = await seal(randomBytes(10_000), key, 4096);
    for (const at of [0, 7, 12, HEADER_BYTES + 1, HEADER_BYTES + 4096 + 3, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at] ^= 0x01;
      await refuses(bad);
    }
  });

  it('refuses truncation: at a chunk boundary, inside a chunk, to the header alone, to nothing', async () => {
    const sealed = await seal(randomBytes(3 * 4096 + 100), key, 4096);
    const boundary = HEADER_BYTES + 2 * (4096 + TAG_BYTES);
    await refuses(sealed.subarray(0, boundary));
    await refuses(sealed.subarray(0, boundary + 50));
    await refuses(sealed.subarray(0, HEADER_BYTES));
    await refuses(sealed.subarray(0, 5));
    await refuses(Buffer.alloc(0));
  });

  it('refuses a file sealed to a whole number of chunks cut after its last full chunk', async () => {
    const sealed = await seal(randomBytes(2 * 4096), key, 4096);
    // Two full chunks, the second final; dropping nothing but appending a chunk must fail too.
    await refuses(Buffer.concat([sealed, sealed.subarray(HEADER_BYTES, HEADER_BYTES + 4096 + TAG_BYTES)]));
    await refuses(sealed.subarray(0, HEADER_BYTES + 4096 + TAG_BYTES));
  });

  it('refuses reordered or duplicated chunks', async () => {
    const sealed = await seal(randomBytes(3 * 4096 + 10), key, 4096);
    const c = (i: number) => sealed.subarray(HEADER_BYTES + i * (4096 + TAG_BYTES), HEADER_BYTES + (i + 1) * (4096 + TAG_BYTES));
    const tail = sealed.subarray(HEADER_BYTES + 3 * (4096 + TAG_BYTES));
    const header = sealed.subarray(0, HEADER_BYTES);
    await refuses(Buffer.concat([header, c(1), c(0), c(2), tail]));
    await refuses(Buffer.concat([header, c(0), c(0), c(2), tail]));
  });

  it('refuses another key, and anything that is not a sealed file', async () => {
    const sealed = await seal(Buffer.from('%PDF-1.7 secret'), key);
    await refuses(sealed, randomBytes(32));
    await refuses(Buffer.from('%PDF-1.7 plain text file, never sealed, long enough to have a header'));
  });

  it('yields nothing unverified: a tampered last chunk fails before any of its bytes are released', async () => {
    const plain = randomBytes(4096 + 10);
    const sealed = await seal(plain, key, 4096);
    sealed[sealed.length - 1] ^= 1;
    const released: Buffer[] = [];
    await expect((async () => {
      for await (const b of decryptChunks(pieces(sealed), key)) released.push(b);
    })()).rejects.toBeInstanceOf(AttachmentCryptoError);
    expect(Buffer.concat(released).equals(plain.subarray(0, 4096))).toBe(true);
  });
});
