import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, OLD_DEV_JWT_SECRET } from './config';

const tmp = () => mkdtempSync(join(tmpdir(), 'baove-config-'));
const STRONG = 'b5Jq0xN2v9Lr7TzK1mWc4Yh8PdFs3GaE6uRi';

describe('loadConfig', () => {
  it('gives working defaults for development', () => {
    const c = loadConfig({ DATA_DIR: tmp() });
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', nodeEnv: 'development', queuePrefix: 'baove', seedDemo: true, jwtTtlSeconds: 900 });
    expect(loadConfig({ DATA_DIR: tmp(), HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(c.redisUrl).toBeUndefined();
  });

  it('signs development tokens with a random key kept in the data folder (0600), never a constant', () => {
    const dir = tmp();
    const first = loadConfig({ DATA_DIR: dir }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(first).not.toBe(OLD_DEV_JWT_SECRET);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first); // kept across restarts
    expect(loadConfig({ DATA_DIR: tmp() }).jwtSecret).not.toBe(first); // another install, another key
    expect(loadConfig({ DATA_DIR: tmp(), JWT_SECRET: STRONG }).jwtSecret).toBe(STRONG);
  });

  it.each([
    [{ NODE_ENV: 'production' }, 'JWT_SECRET', 'required'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }, 'JWT_SECRET', 'repetitive'],
    [{ NODE_ENV: 'production', JWT_SECRET: OLD_DEV_JWT_SECRET }, 'JWT_SECRET', 'published'],
    [{ NODE_ENV: 'production', JWT_SECRET: STRONG, SEED_DEMO: 'true' }, 'SEED_DEMO', 'demo'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN', '16'],
  ])('refuses in production what is unsafe: %j', (env, variable, why) => {
    let err: unknown;
    try {
      loadConfig({ DATA_DIR: tmp(), ...env });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe(variable);
    expect((err as ConfigError).message).toContain(why);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://localhost' }, 'REDIS_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ QUEUE_PREFIX: 'has:colon' }, 'QUEUE_PREFIX'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
  ])('refuses %j naming %s', (env, variable) => {
    let err: unknown;
    try {
      loadConfig({ DATA_DIR: tmp(), ...env });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe(variable);
    expect((err as ConfigError).message).toContain(variable);
  });

  it('requires a real secret in production and turns the demo seed off', () => {
    const c = loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG });
    expect(c.seedDemo).toBe(false);
    expect(c.logLevel).toBe('info');
  });
});
