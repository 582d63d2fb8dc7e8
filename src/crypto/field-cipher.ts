/**
 * Encryption of single fields (free text, identity) with envelope encryption: the field is sealed
 * with AES-256-GCM under a data key of `field_keys`, which is stored only wrapped by a master key
 * of the Keyring. A sealed field is one string, kept in the column (or JSON member) it replaces:
 *
 *     "enc1:" ‖ data key id (uuid) ‖ ":" ‖ base64url( iv (12) ‖ ciphertext ‖ tag (16) )
 *     AAD = "baove-field/v1\0" ‖ purpose        (e.g. "case_reporters.phone")
 *
 * The purpose in the AAD keeps a value from opening as another column's. Values without the
 * prefix are clear (written before the migration's backfill): they open as themselves.
 */
import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { fieldKeyContext, FieldKeysRepository } from './field-keys.repository';
import { KEYRING, type Keyring, KeyringError } from './keyring';

const PREFIX = 'enc1:';
const AAD = 'baove-field/v1\0';
const SEALED = /^enc1:([0-9a-f-]{36}):([A-Za-z0-9_-]+)$/;

/** Whether `value` is a sealed field. */
/** Below every uuid: where a walk by uuid (`backfillWalk`) starts. */
export const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(PREFIX);

@Injectable()
export class FieldCipher {
  /** Unwrapped data keys by id: unwrapped once per process (a KMS call each, otherwise). */
  private readonly keys = new Map<string, Promise<Buffer>>();
  private current?: Promise<{ id: string; key: Buffer }>;

  constructor(@Inject(KEYRING) private readonly keyring: Keyring, private readonly repo: FieldKeysRepository) {}

  /** `plain` sealed for `purpose`; null and undefined stay null. */
  async seal(plain: string | null | undefined, purpose: string): Promise<string | null> {
    if (plain === null || plain === undefined) return null;
    const { id, key } = await this.currentKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(AAD + purpose));
    const body = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${id}:${body.toString('base64url')}`;
  }

  /** The clear value of a field sealed for `purpose` (a clear value as it is); KeyringError if it does not open. */
  async open(value: string | null | undefined, purpose: string): Promise<string | null> {
    if (value === null || value === undefined) return null;
    if (!isSealed(value)) return value;
    const m = SEALED.exec(value);
    if (!m) throw new KeyringError(`${purpose}: malformed sealed field`);
    const key = await this.dataKey(m[1]);
    const body = Buffer.from(m[2], 'base64url');
    if (body.length < 12 + 16) throw new KeyringError(`${purpose}: sealed field truncated`);
    const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, 12));
    decipher.setAAD(Buffer.from(AAD + purpose));
    decipher.setAuthTag(body.subarray(body.length - 16));
    try {
      return Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      throw new KeyringError(`${purpose}: sealed field does not verify (tampered, or another field's)`);
    }
  }

  /** `value` sealed for `purpose`, unless it is already (a backfill meets both). */
  async sealOnce(value: string, purpose: string): Promise<string> {
    return isSealed(value) ? value : (await this.seal(value, purpose))!;
  }

  /** The members `fields` of `obj` sealed for `${purpose}.${field}` (a copy; the others as they are). */
  async sealMembers<T extends Record<string, unknown>>(obj: T, fields: readonly string[], purpose: string): Promise<T> {
    const out: Record<string, unknown> = { ...obj };
    for (const f of fields) if (typeof out[f] === 'string') out[f] = await this.sealOnce(out[f] as string, `${purpose}.${f}`);
    return out as T;
  }

  /**
   * `value` (a copy) with the strings at the dotted `paths` sealed, each for `${purpose}.${path}`
   * (`sealPaths(ctx, ['services.detail'], 'x')` seals every service's detail for `x.services.detail`):
   * a list met on the way is walked item by item, a list of strings sealed line by line — what
   * `openDeep(value, purpose)` opens. Members missing, null or not text stay as they are.
   */
  async sealPaths<T>(value: T, paths: readonly string[], purpose: string): Promise<T> {
    let out: unknown = value;
    for (const path of paths) out = await this.sealAt(out, path.split('.'), purpose);
    return out as T;
  }

  private async sealAt(value: unknown, keys: readonly string[], purpose: string): Promise<unknown> {
    if (Array.isArray(value)) return Promise.all(value.map((v) => this.sealAt(v, keys, purpose)));
    if (keys.length === 0) return typeof value === 'string' ? this.sealOnce(value, purpose) : value;
    if (value === null || typeof value !== 'object') return value;
    const [key, ...rest] = keys;
    const obj = value as Record<string, unknown>;
    return key in obj ? { ...obj, [key]: await this.sealAt(obj[key], rest, `${purpose}.${key}`) } : obj;
  }

  /** The members `fields` of `obj` opened (a copy). */
  async openMembers<T extends Record<string, unknown>>(obj: T, fields: readonly string[], purpose: string): Promise<T> {
    const out: Record<string, unknown> = { ...obj };
    for (const f of fields) if (isSealed(out[f])) out[f] = await this.open(out[f] as string, `${purpose}.${f}`);
    return out as T;
  }

  /**
   * `value` (any JSON) with every sealed string in it opened: a member `k` of an object opens for
   * `${purpose}.k`, the items of a list for the list's own purpose (how `sealFreeText` in
   * src/engine/free-text.ts seals event data: `openDeep(data, 'case_events')`). Clear strings stay.
   */
  async openDeep(value: unknown, purpose: string): Promise<unknown> {
    if (typeof value === 'string') return isSealed(value) ? this.open(value, purpose) : value;
    if (Array.isArray(value)) return Promise.all(value.map((v) => this.openDeep(v, purpose)));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await this.openDeep(v, `${purpose}.${k}`);
    return out;
  }

  /**
   * Unwraps every data key (at start): a master key missing from the configuration, or a wrong
   * one, stops the process with the keys it cannot open rather than failing case by case later.
   * Each module's backfill calls it first; a key this process has already unwrapped is not unwrapped again.
   */
  async verifyKeys(): Promise<number> {
    const rows = await this.repo.all();
    const failed: string[] = [];
    for (const r of rows) {
      if (await this.keys.get(r.id)?.then(() => true, () => false)) continue;
      try {
        this.keys.set(r.id, Promise.resolve(await this.keyring.unwrap(r.wrapped, r.master_key_id, fieldKeyContext(r.id))));
      } catch (e) {
        failed.push(`${r.id} (master key "${r.master_key_id}": ${(e as Error).message})`);
      }
    }
    if (failed.length) {
      throw new KeyringError(`the configured master keys (ATTACHMENTS_MASTER_KEY(S)) do not open ${failed.length} field data key(s): ${failed.join('; ')}`);
    }
    return rows.length;
  }

  /**
   * `backfillOnce` as a walk by id from `first`: `batch(after)` seals the rows after `after` and says
   * how many it read and sealed and the last id it read; answers how many were sealed.
   */
  async backfillWalk(name: string, first: string, batch: (after: string) => Promise<{ read: number; sealed: number; lastId: string }>): Promise<number> {
    let after = first;
    let sealed = 0;
    await this.backfillOnce(name, async () => {
      const b = await batch(after);
      after = b.lastId;
      sealed += b.sealed;
      return b.read;
    });
    return sealed;
  }

  /**
   * Runs `batch` (which seals clear rows and says how many) until it finds none, once per database:
   * a finished backfill is recorded and skipped at later starts. How many rows it sealed.
   */
  async backfillOnce(name: string, batch: () => Promise<number>): Promise<number> {
    if (await this.repo.backfillDone(name)) return 0;
    let total = 0;
    for (;;) {
      const n = await batch();
      total += n;
      if (n === 0) break;
    }
    await this.repo.markBackfillDone(name);
    return total;
  }

  private currentKey(): Promise<{ id: string; key: Buffer }> {
    this.current ??= (async () => {
      const row = await this.repo.current((id) => this.keyring.wrap(randomBytes(32), fieldKeyContext(id)), randomUUID());
      return { id: row.id, key: await this.dataKey(row.id) };
    })();
    // A failure (database down) is not cached: the next seal tries again.
    this.current.catch(() => { this.current = undefined; });
    return this.current;
  }

  private dataKey(id: string): Promise<Buffer> {
    let key = this.keys.get(id);
    if (!key) {
      key = (async () => {
        const row = await this.repo.byId(id);
        if (!row) throw new KeyringError(`field data key ${id} does not exist`);
        return this.keyring.unwrap(row.wrapped, row.master_key_id, fieldKeyContext(id));
      })();
      this.keys.set(id, key);
      key.catch(() => this.keys.delete(id));
    }
    return key;
  }
}
