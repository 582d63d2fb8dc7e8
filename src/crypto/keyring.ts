/**
 * Master keys behind an interface: a `Keyring` wraps and unwraps data keys (32-byte AES-256 keys
 * that seal attachments and encrypted fields); the master keys themselves never leave it. The
 * configured implementation (`ConfigKeyring`) holds them in memory from ATTACHMENTS_MASTER_KEY(S);
 * a KMS (Vault transit, a cloud KMS, an HSM) implements the same three members with its own
 * wrap/unwrap calls, which is why they are asynchronous.
 *
 * A wrapping is AES-256-GCM under the master key named by its id, with that id and the data key's
 * `context` (an attachment's storage key, a field key's id) in the AAD, so a wrapped key copied to
 * another row does not open there:
 *
 *     wrapped = iv (12) ‖ AES-256-GCM(master, iv, aad = "baove-attachment-key/v1\0" ‖ id ‖ "\0" ‖ context)(data key) ‖ tag (16)
 *
 * (The AAD's prefix names attachments, which wrapped keys first; field keys' contexts start with
 * "field-key/", which no attachment storage key does, so the two never open each other's keys.)
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const WRAP_AAD = 'baove-attachment-key/v1\0';
const TAG_BYTES = 16;
const WRAPPED_BYTES = 12 + 32 + TAG_BYTES;

export interface MasterKey {
  id: string;
  /** 32 bytes (AES-256). */
  key: Buffer;
}

/** A data key that does not wrap or unwrap: unknown master key id, wrong key, another context, tampering. */
export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

/** What a key management service must do for the application. */
export interface Keyring {
  /** The id of the master key new wrappings use (the newest). */
  currentKeyId(): string;
  /** `dataKey` wrapped by the current master key, bound to `context`. */
  wrap(dataKey: Buffer, context: string): Promise<{ keyId: string; wrapped: Buffer }>;
  /** The data key `wrapped` holds, or KeyringError. */
  unwrap(wrapped: Buffer, keyId: string, context: string): Promise<Buffer>;
}

/** Nest's injection token of the process's Keyring. */
export const KEYRING = Symbol('KEYRING');

function aad(id: string, context: string): Buffer {
  return Buffer.from(WRAP_AAD + id + '\0' + context);
}

/** Wraps `dataKey` with one master key (pure). */
export function wrapKey(dataKey: Buffer, master: MasterKey, context: string): Buffer {
  if (dataKey.length !== 32 || master.key.length !== 32) throw new KeyringError('an AES-256 key is 32 bytes');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master.key, iv);
  cipher.setAAD(aad(master.id, context));
  return Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
}

/** The keyring of master keys from configuration: the first wraps, every one unwraps what it wrapped. */
export class ConfigKeyring implements Keyring {
  constructor(private readonly keys: readonly MasterKey[]) {
    if (keys.length === 0) throw new KeyringError('no master key configured');
  }

  currentKeyId(): string {
    return this.keys[0].id;
  }

  async wrap(dataKey: Buffer, context: string): Promise<{ keyId: string; wrapped: Buffer }> {
    return { keyId: this.keys[0].id, wrapped: wrapKey(dataKey, this.keys[0], context) };
  }

  async unwrap(wrapped: Buffer, keyId: string, context: string): Promise<Buffer> {
    const master = this.keys.find((k) => k.id === keyId);
    if (!master) throw new KeyringError(`master key "${keyId}" is not configured`);
    if (wrapped.length !== WRAPPED_BYTES) throw new KeyringError('wrapped key has the wrong length');
    const decipher = createDecipheriv('aes-256-gcm', master.key, wrapped.subarray(0, 12));
    decipher.setAAD(aad(master.id, context));
    decipher.setAuthTag(wrapped.subarray(12 + 32));
    try {
      return Buffer.concat([decipher.update(wrapped.subarray(12, 12 + 32)), decipher.final()]);
    } catch {
      throw new KeyringError(`wrapped key does not open with master key "${keyId}"`);
    }
  }
}

/** A fresh data key and its wrapping under the keyring's current master key. */
export async function newDataKey(keyring: Keyring, context: string): Promise<{ dataKey: Buffer; wrapped: Buffer; keyId: string }> {
  const dataKey = randomBytes(32);
  return { dataKey, ...(await keyring.wrap(dataKey, context)) };
}
