import { randomBytes } from 'node:crypto';
import { ConfigKeyring, KeyringError, newDataKey, wrapKey } from './keyring';

describe('data keys wrapped by a master keyring', () => {
  const current = { id: 'k2', key: randomBytes(32) };
  const previous = { id: 'k1', key: randomBytes(32) };

  it('wraps with the current key and unwraps with the keyring, old keys included', async () => {
    const ring = new ConfigKeyring([current, previous]);
    const fresh = await newDataKey(ring, 'ab/0123');
    expect(fresh.keyId).toBe('k2');
    expect(ring.currentKeyId()).toBe('k2');
    expect((await ring.unwrap(fresh.wrapped, 'k2', 'ab/0123')).equals(fresh.dataKey)).toBe(true);
    const old = randomBytes(32);
    expect((await ring.unwrap(wrapKey(old, previous, 'cd/4567'), 'k1', 'cd/4567')).equals(old)).toBe(true);
  });

  it('refuses an unknown key id, a wrong master key, another context, a tampered wrapping', async () => {
    const ring = new ConfigKeyring([current]);
    const { wrapped } = await newDataKey(ring, 'ab/0123');
    await expect(ring.unwrap(wrapped, 'k9', 'ab/0123')).rejects.toThrow(KeyringError);
    await expect(new ConfigKeyring([{ id: 'k2', key: randomBytes(32) }]).unwrap(wrapped, 'k2', 'ab/0123')).rejects.toThrow(KeyringError);
    await expect(ring.unwrap(wrapped, 'k2', 'ab/9999')).rejects.toThrow(KeyringError);
    const bad = Buffer.from(wrapped);
    bad[20] ^= 1;
    await expect(ring.unwrap(bad, 'k2', 'ab/0123')).rejects.toThrow(KeyringError);
    await expect(ring.unwrap(wrapped.subarray(1), 'k2', 'ab/0123')).rejects.toThrow(KeyringError);
  });

  it('needs a master key', () => {
    expect(() => new ConfigKeyring([])).toThrow(KeyringError);
  });
});
