import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, OLD_DEV_JWT_SECRET } from './config';

const tmp = () => mkdtempSync(join(tmpdir(), 'baove-config-'));
const STRONG = 'b5Jq0xN2v9Lr7TzK1mWc4Yh8PdFs3GaE6uRi';
const KEY = randomBytes(32).toString('base64');

describe('loadConfig', () => {
  it('gives urgent reports 24 hours by default, and each configured province its own', () => {
    const c = loadConfig({ DATA_DIR: tmp() });
    expect([c.urgentReportHours, c.urgentReportHoursByProvince]).toEqual([24, {}]);
    const d = loadConfig({ DATA_DIR: tmp(), URGENT_REPORT_HOURS: '48', URGENT_REPORT_HOURS_BY_PROVINCE: 'thanh-hoa:12, ha-noi:6' });
    expect([d.urgentReportHours, d.urgentReportHoursByProvince]).toEqual([48, { 'thanh-hoa': 12, 'ha-noi': 6 }]);
    for (const bad of ['thanh-hoa', 'thanh-hoa:0', 'thanh-hoa:169', 'thanh-hoa:x', 'a:1,a:2', 'bad code:3']) {
      expect(() => loadConfig({ DATA_DIR: tmp(), URGENT_REPORT_HOURS_BY_PROVINCE: bad })).toThrow(/URGENT_REPORT_HOURS_BY_PROVINCE/);
    }
    expect(() => loadConfig({ DATA_DIR: tmp(), URGENT_REPORT_HOURS: '0' })).toThrow(/URGENT_REPORT_HOURS/);
  });

  it('keeps personal data for the documented retention by default, and refuses a bad period or schedule', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).retention).toEqual({
      idempotencyHours: 24, notificationsDays: 180, sessionsDays: 30, deliveriesDays: 30, notificationAcksDays: 180, anonymiseClosedAfterDays: 1825, cron: '17 * * * *',
    });
    const set = loadConfig({ DATA_DIR: tmp(), RETENTION_ANONYMISE_CLOSED_AFTER_DAYS: '3650', RETENTION_CRON: '0 2 * * *' }).retention;
    expect(set).toMatchObject({ anonymiseClosedAfterDays: 3650, cron: '0 2 * * *' });
    expect(() => loadConfig({ DATA_DIR: tmp(), RETENTION_ANONYMISE_CLOSED_AFTER_DAYS: '7' })).toThrow(/RETENTION_ANONYMISE_CLOSED_AFTER_DAYS/);
    expect(() => loadConfig({ DATA_DIR: tmp(), RETENTION_IDEMPOTENCY_HOURS: '0' })).toThrow(/RETENTION_IDEMPOTENCY_HOURS/);
    for (const bad of ['hourly', '* * * *', '0 2 * * * *', '0 2 * * mon; rm']) {
      expect(() => loadConfig({ DATA_DIR: tmp(), RETENTION_CRON: bad })).toThrow(/RETENTION_CRON/);
    }
  });

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
    const c = loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG, ATTACHMENTS_MASTER_KEY: KEY, AUDIT_HMAC_KEY: STRONG });
    expect(c.seedDemo).toBe(false);
    expect(c.logLevel).toBe('info');
  });

  describe('attachments', () => {
    const refusal = (env: Record<string, string>) => {
      try {
        loadConfig({ DATA_DIR: tmp(), ...env });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('accepted');
    };

    it('defaults: 20 MiB, a folder under DATA_DIR, no S3, a random development key kept in the data folder (0600)', () => {
      const dir = tmp();
      const a = loadConfig({ DATA_DIR: dir }).attachments;
      expect(a.maxBytes).toBe(20 * 1024 * 1024);
      expect(a.dir).toBe(join(dir, 'attachments'));
      expect(a.s3).toBeUndefined();
      expect(a.masterKeys).toHaveLength(1);
      expect(a.masterKeys[0].id).toBe('dev');
      expect(a.masterKeys[0].key).toHaveLength(32);
      expect(statSync(join(dir, 'attachments-master-key')).mode & 0o777).toBe(0o600);
      expect(loadConfig({ DATA_DIR: dir }).attachments.masterKeys[0].key.equals(a.masterKeys[0].key)).toBe(true);
      expect(loadConfig({ DATA_DIR: tmp() }).attachments.masterKeys[0].key.equals(a.masterKeys[0].key)).toBe(false);
    });

    it('takes a master key, or a keyring whose first key wraps new files', () => {
      const single = loadConfig({ DATA_DIR: tmp(), ATTACHMENTS_MASTER_KEY: KEY }).attachments.masterKeys;
      expect(single.map((k) => [k.id, k.key.toString('base64')])).toEqual([['default', KEY]]);
      const other = randomBytes(32);
      const ring = loadConfig({ DATA_DIR: tmp(), ATTACHMENTS_MASTER_KEYS: `k2:${other.toString('base64url')}, default:${KEY}` }).attachments.masterKeys;
      expect(ring.map((k) => [k.id, k.key.toString('base64')])).toEqual([['k2', other.toString('base64')], ['default', KEY]]);
    });

    it('never falls back to a development key in production', () => {
      const e = refusal({ NODE_ENV: 'production', JWT_SECRET: STRONG });
      expect([e.variable, e.message]).toEqual(['ATTACHMENTS_MASTER_KEY', expect.stringContaining('required when NODE_ENV=production')]);
      expect(refusal({ NODE_ENV: 'production', JWT_SECRET: STRONG, ATTACHMENTS_MASTER_KEYS: `dev:${KEY}` }).variable).toBe('ATTACHMENTS_MASTER_KEYS');
      const dir = tmp();
      loadConfig({ DATA_DIR: dir }); // a development key now lies in the folder: production still refuses
      expect(refusal({ DATA_DIR: dir, NODE_ENV: 'production', JWT_SECRET: STRONG }).variable).toBe('ATTACHMENTS_MASTER_KEY');
    });

    it('turns the S3 store on with a bucket; path-style by default with an endpoint', () => {
      const s3 = loadConfig({ DATA_DIR: tmp(), ATTACHMENTS_S3_BUCKET: 'baove-files', ATTACHMENTS_S3_ENDPOINT: 'http://127.0.0.1:9000',
        ATTACHMENTS_S3_ACCESS_KEY_ID: 'id', ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'secret' }).attachments.s3;
      expect(s3).toEqual({ bucket: 'baove-files', endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', accessKeyId: 'id', secretAccessKey: 'secret', forcePathStyle: true });
      expect(loadConfig({ DATA_DIR: tmp(), ATTACHMENTS_S3_BUCKET: 'b-1', ATTACHMENTS_S3_REGION: 'ap-southeast-1' }).attachments.s3)
        .toMatchObject({ region: 'ap-southeast-1', forcePathStyle: false, endpoint: undefined });
    });

    it.each([
      [{ ATTACHMENTS_MAX_BYTES: '12MB' }, 'ATTACHMENTS_MAX_BYTES'],
      [{ ATTACHMENTS_MAX_BYTES: '10' }, 'ATTACHMENTS_MAX_BYTES'],
      [{ ATTACHMENTS_MASTER_KEY: 'c2hvcnQ=' }, 'ATTACHMENTS_MASTER_KEY'],
      [{ ATTACHMENTS_MASTER_KEY: Buffer.alloc(32).toString('base64') }, 'ATTACHMENTS_MASTER_KEY'],
      [{ ATTACHMENTS_MASTER_KEY: KEY, ATTACHMENTS_MASTER_KEYS: `a:${KEY}` }, 'ATTACHMENTS_MASTER_KEYS'],
      [{ ATTACHMENTS_MASTER_KEYS: KEY }, 'ATTACHMENTS_MASTER_KEYS'],
      [{ ATTACHMENTS_MASTER_KEYS: `a:${KEY},a:${KEY}` }, 'ATTACHMENTS_MASTER_KEYS'],
      [{ ATTACHMENTS_MASTER_KEYS: `a b:${KEY}` }, 'ATTACHMENTS_MASTER_KEYS'],
      [{ ATTACHMENTS_S3_ENDPOINT: 'http://127.0.0.1:9000' }, 'ATTACHMENTS_S3_BUCKET'],
      [{ ATTACHMENTS_S3_BUCKET: 'Not_A_Bucket' }, 'ATTACHMENTS_S3_BUCKET'],
      [{ ATTACHMENTS_S3_BUCKET: 'b-1', ATTACHMENTS_S3_ENDPOINT: 'ftp://x' }, 'ATTACHMENTS_S3_ENDPOINT'],
      [{ ATTACHMENTS_S3_BUCKET: 'b-1', ATTACHMENTS_S3_ACCESS_KEY_ID: 'id' }, 'ATTACHMENTS_S3_SECRET_ACCESS_KEY'],
      [{ ATTACHMENTS_S3_BUCKET: 'b-1', ATTACHMENTS_S3_FORCE_PATH_STYLE: 'sometimes' }, 'ATTACHMENTS_S3_FORCE_PATH_STYLE'],
    ])('refuses %j naming %s', (env, variable) => {
      const e = refusal(env);
      expect(e).toBeInstanceOf(ConfigError);
      expect(e.variable).toBe(variable);
    });
  });

  describe('audit and database roles', () => {
    const PROD = { NODE_ENV: 'production', JWT_SECRET: STRONG, ATTACHMENTS_MASTER_KEY: KEY };
    const refusal = (env: Record<string, string>) => {
      try {
        loadConfig({ DATA_DIR: tmp(), ...env });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error(`accepted ${JSON.stringify(env)}`);
    };

    it('requires AUDIT_HMAC_KEY in production, and outside it keeps one random key per data folder', () => {
      expect([refusal(PROD).variable, refusal(PROD).message]).toEqual(['AUDIT_HMAC_KEY', expect.stringContaining('required')]);
      expect(refusal({ ...PROD, AUDIT_HMAC_KEY: 'x'.repeat(40) }).message).toContain('repetitive');
      expect(loadConfig({ ...PROD, AUDIT_HMAC_KEY: STRONG }).audit.hmacKey.toString()).toBe(STRONG);
      const dir = tmp();
      const a = loadConfig({ DATA_DIR: dir }).audit.hmacKey;
      expect(a.length).toBeGreaterThanOrEqual(32);
      expect(loadConfig({ DATA_DIR: dir }).audit.hmacKey.equals(a)).toBe(true);
      expect(loadConfig({ DATA_DIR: tmp() }).audit.hmacKey.equals(a)).toBe(false);
      expect(statSync(join(dir, 'audit-hmac-key')).mode & 0o777).toBe(0o600);
      expect(refusal({ AUDIT_SIGNING_KEY: 'c2hvcnQ=' }).variable).toBe('AUDIT_SIGNING_KEY');
      expect(refusal({ AUDIT_CHECKPOINT_SECONDS: '0' }).variable).toBe('AUDIT_CHECKPOINT_SECONDS');
    });

    it('takes the owner’s URL for migrations apart from the service’s, and refuses a remote database without TLS in production', () => {
      const c = loadConfig({ DATA_DIR: tmp(), DATABASE_URL: 'postgres://baove_app:a@db:5432/baove', DATABASE_OWNER_URL: 'postgres://baove:o@db:5432/baove' });
      expect([c.databaseUrl, c.databaseOwnerUrl]).toEqual(['postgres://baove_app:a@db:5432/baove', 'postgres://baove:o@db:5432/baove']);
      expect(loadConfig({ DATA_DIR: tmp(), DATABASE_URL: 'postgres://a@db/b', DATABASE_MIGRATION_URL: 'postgres://o@db/b' }).databaseOwnerUrl).toBe('postgres://o@db/b');
      expect(refusal({ DATABASE_OWNER_URL: 'postgres://o@db/b' }).variable).toBe('DATABASE_URL');
      const prod = { ...PROD, AUDIT_HMAC_KEY: STRONG };
      expect(refusal({ ...prod, DATABASE_URL: 'postgres://a:b@db.example.org:5432/baove' }).message).toContain('sslmode');
      expect(refusal({ ...prod, DATABASE_URL: 'postgres://a:b@127.0.0.1/baove?sslmode=require', DATABASE_OWNER_URL: 'postgres://o@db.example.org/baove?sslmode=disable' }).variable).toBe('DATABASE_OWNER_URL');
      for (const ok of ['postgres://a:b@db.example.org/baove?sslmode=verify-full', 'postgres://a:b@localhost/baove', 'postgres://a@socket/baove?host=/var/run/postgresql']) {
        expect(loadConfig({ DATA_DIR: tmp(), ...prod, DATABASE_URL: ok }).databaseUrl).toBe(ok);
      }
    });
  });

  describe('notification channels (issue 18)', () => {
    it('is in-app only by default, and builds each configured channel', () => {
      expect(loadConfig({ DATA_DIR: tmp() }).notify).toMatchObject({ ackMinutes: 30, sendAttempts: 5, publicUrl: 'http://localhost:3000' });
      const c = loadConfig({
        DATA_DIR: tmp(), SMTP_URL: 'smtp://u:p@mail.example.vn:587', SMS_PROVIDER: 'brandname', SMS_URL: 'https://sms.example.vn/send', SMS_TOKEN: 'k',
        SMS_SECRET: 's', SMS_SENDER: 'BAOVE', ZALO_PROVIDER: 'zns', ZALO_URL: 'https://business.openapi.zalo.me/message/template', ZALO_TOKEN: 't', ZALO_SENDER: '231456',
        NOTIFY_ACK_MINUTES: '15',
      }).notify;
      expect(c.smtp?.url).toBe('smtp://u:p@mail.example.vn:587');
      expect(c.sms).toMatchObject({ provider: 'brandname', sender: 'BAOVE' });
      expect(c.zalo).toMatchObject({ provider: 'zns', sender: '231456' });
      expect(c.ackMinutes).toBe(15);
    });

    it.each([
      [{ SMTP_FROM: 'a@b.vn' }, 'SMTP_URL'],
      [{ SMS_URL: 'https://x' }, 'SMS_PROVIDER'],
      [{ SMS_PROVIDER: 'http', SMS_URL: 'https://x' }, 'SMS_TOKEN'],
      [{ SMS_PROVIDER: 'brandname', SMS_URL: 'https://x', SMS_TOKEN: 'k' }, 'SMS_SECRET'],
      [{ ZALO_PROVIDER: 'zns', ZALO_URL: 'https://x', ZALO_TOKEN: 't' }, 'ZALO_SENDER'],
      [{ ZALO_PROVIDER: 'fax' }, 'ZALO_PROVIDER'],
      [{ VAPID_PUBLIC_KEY: 'short' }, 'VAPID_PUBLIC_KEY'],
      [{ NOTIFY_ACK_MINUTES: '0' }, 'NOTIFY_ACK_MINUTES'],
      [{ NOTIFY_CALLBACK_TOKEN: 'short' }, 'NOTIFY_CALLBACK_TOKEN'],
    ])('refuses %j', (env, variable) => {
      expect(() => loadConfig({ DATA_DIR: tmp(), ...env })).toThrow(expect.objectContaining({ variable }));
    });
  });
});
