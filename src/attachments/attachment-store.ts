/**
 * Where the sealed bytes of attachments live: a local folder by default, an S3-compatible bucket
 * by configuration. Objects are named by random keys (`ab/0123…`, 2 + 32 hex digits), never by a
 * file's name, and hold only ciphertext (attachment-crypto.ts); the database row is the index.
 */
import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AttachmentsConfig, AttachmentsS3Config } from '../config/config';

export interface AttachmentStore {
  /** Recorded on each row (`attachments.storage`): which store holds its object. */
  readonly kind: 'local' | 's3';
  /** Prepares the store (the local folder, mode 0700). */
  init(): Promise<void>;
  /** Writes the whole stream under `key`; on failure nothing is left under it. */
  put(key: string, body: Readable): Promise<void>;
  /** The object's bytes; a missing object fails the stream on its first read. */
  get(key: string): Readable;
  /** Removes the object (and any partial write); absent is not an error. */
  delete(key: string): Promise<void>;
}

/** Injection token of the configured store. */
export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{32}$/;

/** A fresh random object key; the first two digits shard the local folder. */
export function newStorageKey(): string {
  const id = randomBytes(17).toString('hex');
  return `${id.slice(0, 2)}/${id.slice(2)}`;
}

function checkKey(key: string): void {
  // Keys come from our own rows, but a path is built from them: nothing else may pass.
  if (!KEY.test(key)) throw new Error('invalid attachment storage key');
}

const ignoreMissing = (e: unknown) => {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
};

/** A folder of this machine (or a mounted volume): `<dir>/ab/0123…`, folders 0700, files 0600. */
export class LocalAttachmentStore implements AttachmentStore {
  readonly kind = 'local' as const;

  constructor(private readonly dir: string) {}

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700);
  }

  private path(key: string): string {
    checkKey(key);
    return join(this.dir, key);
  }

  async put(key: string, body: Readable): Promise<void> {
    const final = this.path(key);
    const partial = `${final}.part`;
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true, mode: 0o700 });
    try {
      await pipeline(body, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
      // On disk before the row that points at it commits.
      const handle = await open(partial, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(partial, final);
    } catch (e) {
      await unlink(partial).catch(ignoreMissing);
      throw e;
    }
  }

  get(key: string): Readable {
    return createReadStream(this.path(key));
  }

  async delete(key: string): Promise<void> {
    const final = this.path(key);
    await unlink(`${final}.part`).catch(ignoreMissing);
    await unlink(final).catch(ignoreMissing);
  }
}

/** An S3-compatible bucket (AWS S3, MinIO, Ceph…), written with streaming multipart uploads. */
export class S3AttachmentStore implements AttachmentStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly config: AttachmentsS3Config) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined,
    });
  }

  async init(): Promise<void> {
    // Nothing to prepare: the bucket is the operator's (its reachability shows at the first upload).
  }

  async put(key: string, body: Readable): Promise<void> {
    checkKey(key);
    // 5 MiB parts (S3's minimum), two in flight: constant memory whatever the file's size. A
    // failed upload aborts its multipart upload (no orphan parts are left).
    await new Upload({
      client: this.client,
      params: { Bucket: this.config.bucket, Key: key, Body: body, ContentType: 'application/octet-stream' },
      partSize: 5 * 1024 * 1024,
      queueSize: 2,
      leavePartsOnError: false,
    }).done();
  }

  get(key: string): Readable {
    checkKey(key);
    const { client, config } = this;
    return Readable.from((async function* () {
      const res = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: key }));
      for await (const chunk of res.Body as Readable) yield chunk as Buffer;
    })());
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }));
  }

  destroy(): void {
    this.client.destroy();
  }
}

/** The store the configuration names: S3 when a bucket is set, else the local folder. */
export function createAttachmentStore(config: AttachmentsConfig): AttachmentStore {
  return config.s3 ? new S3AttachmentStore(config.s3) : new LocalAttachmentStore(config.dir);
}
