import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROLES, type Role } from '../../workflows/vocabulary';

/**
 * One typed, validated configuration object. The process refuses to start on a bad value and the
 * error names the variable, so an operator can fix the deployment without reading code.
 */
export interface AppConfig {
  /**
   * The service's own connection (DATABASE_URL): in production an application role that may read
   * and write data but cannot alter the schema nor UPDATE, DELETE or TRUNCATE `audit_log`.
   * Absent: the bootstrap resolves a local or embedded PostgreSQL.
   */
  databaseUrl?: string;
  /**
   * The owner's connection that runs migrations (DATABASE_OWNER_URL, or its alias
   * DATABASE_MIGRATION_URL); absent: migrations run over DATABASE_URL (the quick start's single role).
   */
  databaseOwnerUrl?: string;
  /** Absent: the bootstrap resolves a local or spawned redis-server. */
  redisUrl?: string;
  port: number;
  host: string;
  /** HMAC key of access tokens: JWT_SECRET, or (outside production) a random key kept in DATA_DIR/jwt-secret. */
  jwtSecret: string;
  /** Lifetime of an access token (short: the console refreshes it). */
  jwtTtlSeconds: number;
  /** Absolute lifetime of a sign-in session (its refresh tokens), however often it is refreshed. */
  sessionTtlSeconds: number;
  /** Bearer token Prometheus must present at /metrics; unset: public outside production, closed in production. */
  metricsToken?: string;
  /** Namespaces every BullMQ key and rate-limit key, so several installs or test runs share one Redis. */
  queuePrefix: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  dataDir: string;
  nodeEnv: 'production' | 'development' | 'test';
  /** How often the reconciler re-checks deadlines against Redis. */
  reconcileIntervalMs: number;
  /** How often the outbox relay polls when no NOTIFY arrives. */
  outboxPollMs: number;
  /** Run the demo seed when the database holds no users. */
  seedDemo: boolean;
  /** Failed sign-ins per user and address in a window (then that pair waits). */
  loginMaxAttempts: number;
  /** Failed sign-ins per user from all addresses in a window (the ceiling against distributed guessing). */
  loginUserMaxAttempts: number;
  /** Failed sign-ins per address, whatever the user, in a window (a shared office address gets a high one). */
  loginIpMaxAttempts: number;
  loginWindowSeconds: number;
  workerConcurrency: number;
  /**
   * Express "trust proxy" (hops, or false): behind a reverse proxy the client's address (for the
   * per-IP login limit and logs) comes from X-Forwarded-For; never trust it when exposed directly.
   */
  trustProxy: number | false;
  /** Hours between rungs of every escalation ladder; unset = each deadline table's own. */
  escalationAfterHours?: number;
  /** Days a partner agency keeps read-only sight of a case after completing its handoff. */
  partnerSightDays: number;
  /** Counts from 1 to below this are suppressed in statistics exported for publication (a count of 1 in a small commune identifies a child). */
  statisticsSuppressBelow: number;
  /**
   * Hours the commune chair and the provincial Department of Health have to receive an urgent
   * report (báo cáo đột xuất), from its opening: URGENT_REPORT_HOURS (24, a product default), and
   * each province's own from URGENT_REPORT_HOURS_BY_PROVINCE (`<province code>:<hours>,…`).
   */
  urgentReportHours: number;
  urgentReportHoursByProvince: Record<string, number>;
  /**
   * Temporary separations (src/separations): days between the worker's monitoring visits
   * (SEPARATION_MONITORING_DAYS, product default 3) and how many days before the end the warning
   * fires (SEPARATION_END_WARNING_DAYS, product default 2).
   */
  separation: { monitoringDays: number; endWarningDays: number };
  /**
   * The special-circumstances register (src/supports), product defaults: the assessment due
   * SUPPORT_ASSESSMENT_WORKING_DAYS (7) working days after registration, the plan
   * SUPPORT_PLAN_WORKING_DAYS (10) after the assessment, a review every SUPPORT_REVIEW_MONTHS (6).
   */
  support: { assessmentWorkingDays: number; planWorkingDays: number; reviewMonths: number };
  /** Roles that must sign in with a second factor (TOTP); until enrolled, their sessions may only enrol. */
  mfaRequiredRoles: Role[];
  /** Sign-in through the province's OpenID Connect provider; absent when OIDC_ISSUER is unset. */
  oidc?: OidcConfig;
  /** Files on cases and handoffs (src/attachments): limits, where they are kept, the keys that seal them. */
  attachments: AttachmentsConfig;
  /** Channels beyond the in-app inbox (src/channels, src/delivery); each absent when not configured. */
  notify: NotifyConfig;
  /** The audit chain's key and its checkpoints outside the database (src/audit). */
  audit: AuditConfig;
  /** How long personal data is kept (src/retention/): purged or anonymised by the worker's `retention` job. */
  retention: RetentionConfig;
}

/**
 * Notification channels (issue 18). With none configured, notifications stay in the console's
 * inbox only, and every process says so when it starts.
 */
export interface NotifyConfig {
  /** The console's public address, for the links in messages (NOTIFY_PUBLIC_URL). */
  publicUrl: string;
  /** SMTP_URL (smtp: or smtps:, credentials in it) and SMTP_FROM. */
  smtp?: { url: string; from: string };
  /** SMS_PROVIDER: `http` (the generic JSON gateway) or `brandname` (a Vietnamese brand-name SMS API). */
  sms?: HttpChannelConfig;
  /** ZALO_PROVIDER: `http` (the generic JSON gateway) or `zns` (Zalo Notification Service). */
  zalo?: HttpChannelConfig;
  /** VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT: Web Push to the console. */
  vapid?: { publicKey: string; privateKey: string; subject: string };
  /** Minutes an urgent alert waits for an acknowledgement before the next rung is alerted (NOTIFY_ACK_MINUTES). */
  ackMinutes: number;
  /** Attempts per message and channel (NOTIFY_SEND_ATTEMPTS), the first back-off (NOTIFY_BACKOFF_MS, doubling), a send's time-out. */
  sendAttempts: number;
  backoffMs: number;
  sendTimeoutMs: number;
  /** Shared secret the providers' delivery reports must carry (NOTIFY_CALLBACK_TOKEN); unset: reports refused. */
  callbackToken?: string;
}

export interface HttpChannelConfig {
  provider: 'http' | 'brandname' | 'zns';
  url: string;
  /** Bearer token (http), API key (brandname) or access token (zns). */
  token: string;
  /** brandname: the secret key; zns: unused. */
  secret?: string;
  /** brandname: the registered sender name; zns: the approved template's id. */
  sender?: string;
}


export interface AuditConfig {
  /**
   * HMAC-SHA256 key of the audit chain (AUDIT_HMAC_KEY): held outside the database, so its owner
   * cannot re-compute the chain after an edit. Outside production, a random key kept in DATA_DIR.
   */
  hmacKey: Buffer;
  /** Ed25519 private key (AUDIT_SIGNING_KEY, a 32-byte seed in base64) signing checkpoints; absent: HMAC-signed. */
  signingKey?: Buffer;
  /** The folder of the append-only checkpoint file (AUDIT_CHECKPOINT_DIR, default DATA_DIR/audit-checkpoints). */
  checkpointDir: string;
  /** Seconds between checkpoints (AUDIT_CHECKPOINT_SECONDS, default 60): the window a truncation of the newest rows could hide in. */
  checkpointSeconds: number;
}


export interface RetentionConfig {
  /** Hours an Idempotency-Key's answer is kept for replay (RETENTION_IDEMPOTENCY_HOURS, 24). */
  idempotencyHours: number;
  /** Days a notification is kept, read or not (RETENTION_NOTIFICATIONS_DAYS, 180). */
  notificationsDays: number;
  /** Days a session is kept after it expired or was revoked, with its address and browser (RETENTION_SESSIONS_DAYS, 30). */
  sessionsDays: number;
  /** Days a finished delivery (its address, its provider's answer) stays in the delivery log (RETENTION_DELIVERIES_DAYS, 30). */
  deliveriesDays: number;
  /** Days an urgent alert's acknowledgement record (who acknowledged, when) is kept (RETENTION_NOTIFICATION_ACKS_DAYS, 180). */
  notificationAcksDays: number;
  /** Days after its closure a case is anonymised unless under a legal hold (RETENTION_ANONYMISE_CLOSED_AFTER_DAYS, 1825 = 5 years). */
  anonymiseClosedAfterDays: number;
  /** When the `retention` job runs: a 5-field cron pattern in Vietnam's time (RETENTION_CRON, `17 * * * *`: hourly). */
  cron: string;
}

export interface AttachmentsConfig {
  /** Largest file accepted, in bytes (ATTACHMENTS_MAX_BYTES). */
  maxBytes: number;
  /** The local folder the files are kept in when no S3 bucket is configured. */
  dir: string;
  /** An S3-compatible bucket instead of the local folder; absent when ATTACHMENTS_S3_BUCKET is unset. */
  s3?: AttachmentsS3Config;
  /**
   * Master keys that wrap each file's own data key, by id; the first wraps new files, the others
   * still unwrap the files they wrapped (rotation). Outside production, without a configured key,
   * one random development key kept in DATA_DIR (id `dev`).
   */
  masterKeys: MasterKey[];
}

export interface MasterKey {
  id: string;
  /** 32 bytes (AES-256). */
  key: Buffer;
}

export interface AttachmentsS3Config {
  /** Absent: AWS itself; else the S3-compatible service's URL (MinIO, Ceph, a cloud's object storage). */
  endpoint?: string;
  bucket: string;
  region: string;
  /** Both or neither; neither: the SDK's default credential chain (environment, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible services need. */
  forcePathStyle: boolean;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This API's `/api/v1/auth/oidc/callback` as the provider has it registered. */
  redirectUri: string;
  /** The verified ID-token claim whose value is a baove user name (`users.username`). */
  claim: string;
  /** Where the callback sends the browser (with a one-time code) to finish signing in. */
  consoleUrl: string;
}

/** Roles that must use a second factor in production unless MFA_REQUIRED_ROLES says otherwise. */
export const DEFAULT_MFA_REQUIRED_ROLES: Role[] = ['chair', 'supervisor', 'auditor', 'admin', 'national_admin'];

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** A 5-field cron pattern (minute hour day month weekday: digits, `*`, `,`, `-`, `/`). */
function cronPattern(env: Env, name: string, fallback: string): string {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^[\d*,/-]+( [\d*,/-]+){4}$/.test(raw.trim())) throw new ConfigError(name, `must be a 5-field cron pattern, e.g. "17 * * * *", got "${raw}"`);
  return raw.trim();
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** The constant key earlier versions signed development tokens with: published, so never accepted. */
export const OLD_DEV_JWT_SECRET = 'baove-development-secret-do-not-use-in-production';
export const DEV_SECRET_FILE = 'jwt-secret';

/**
 * The development signing key: random, generated once per data folder and kept there (mode 0600),
 * so tokens survive a restart but no two installs — and no attacker reading this repository —
 * share a key.
 */
export function developmentSecret(dataDir: string, fileName = DEV_SECRET_FILE): string {
  const file = join(resolve(dataDir), fileName);
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(resolve(dataDir), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process of this install wrote it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw e;
  }
  chmodSync(file, 0o600);
  return secret;
}

export const DEV_ATTACHMENTS_KEY_FILE = 'attachments-master-key';
export const DEV_ATTACHMENTS_KEY_ID = 'dev';
const DEFAULT_ATTACHMENTS_MAX_BYTES = 20 * 1024 * 1024;

/**
 * The development master key of attachments: random, generated once per data folder (mode 0600),
 * like the development signing key. Never used in production, which must configure its own.
 */
export function developmentAttachmentsKey(dataDir: string): Buffer {
  const file = join(resolve(dataDir), DEV_ATTACHMENTS_KEY_FILE);
  const parse = (text: string) => {
    const key = Buffer.from(text.trim(), 'base64');
    return key.length === 32 ? key : undefined;
  };
  try {
    const kept = parse(readFileSync(file, 'utf8'));
    if (kept) return kept;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(resolve(dataDir), { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      const theirs = parse(readFileSync(file, 'utf8'));
      if (theirs) return theirs;
      throw new ConfigError('ATTACHMENTS_MASTER_KEY', `is unset and ${file} holds no 32-byte base64 key`);
    }
    throw e;
  }
  chmodSync(file, 0o600);
  return key;
}

/** A 32-byte key written in base64 (standard or URL-safe alphabet), or a ConfigError naming `variable`. */
export function masterKeyOf(variable: string, text: string): Buffer {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    throw new ConfigError(variable, 'must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)');
  }
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== 32) throw new ConfigError(variable, 'must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)');
  if (new Set(key).size < 8) throw new ConfigError(variable, 'is too repetitive to be a random key');
  return key;
}

/** Why a signing key is too weak for production, or null. */
export function weakSecret(secret: string): string | null {
  if (secret.length < 32) return 'must be at least 32 characters';
  if (secret === OLD_DEV_JWT_SECRET) return 'must not be the published development key';
  if (new Set(secret).size < 12) return 'is too repetitive (use e.g. `openssl rand -base64 48`)';
  return null;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['production', 'development', 'test'] as const, 'development');
  const production = nodeEnv === 'production';
  const dataDir = str(env, 'DATA_DIR') ?? '.data';
  const givenSecret = str(env, 'JWT_SECRET');
  if (givenSecret === undefined && production) throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  if (givenSecret !== undefined) {
    const weak = production ? weakSecret(givenSecret) : givenSecret.length < 32 ? 'must be at least 32 characters' : null;
    if (weak) throw new ConfigError('JWT_SECRET', weak);
  }
  const jwtSecret = givenSecret ?? developmentSecret(dataDir);
  const seedDemo = bool(env, 'SEED_DEMO', !production);
  if (production && seedDemo) throw new ConfigError('SEED_DEMO', 'must be off in production (the demo users share a published password)');
  const metricsToken = str(env, 'METRICS_TOKEN');
  if (metricsToken !== undefined && metricsToken.length < 16) throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters');
  const loginMaxAttempts = int(env, 'LOGIN_MAX_ATTEMPTS', 10, 1, 1000);
  const queuePrefix = str(env, 'QUEUE_PREFIX') ?? 'baove';
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(queuePrefix)) {
    throw new ConfigError('QUEUE_PREFIX', 'may hold only letters, digits, "-" and "_" (at most 40)');
  }
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const ownerName = str(env, 'DATABASE_OWNER_URL') !== undefined ? 'DATABASE_OWNER_URL' : 'DATABASE_MIGRATION_URL';
  const databaseOwnerUrl = url(env, ownerName, ['postgres:', 'postgresql:']);
  if (databaseOwnerUrl !== undefined && databaseUrl === undefined) throw new ConfigError('DATABASE_URL', `is required when ${ownerName} is set (the application role's connection)`);
  if (production) {
    for (const [name, value] of [['DATABASE_URL', databaseUrl], [ownerName, databaseOwnerUrl]] as const) {
      if (value !== undefined && !tlsOrLocal(value)) {
        throw new ConfigError(name, 'reaches a remote PostgreSQL without TLS: add ?sslmode=require (or verify-full) in production');
      }
    }
  }
  return {
    mfaRequiredRoles: mfaRoles(env, production),
    oidc: oidcConfig(env, production),
    databaseUrl,
    databaseOwnerUrl,
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    port: int(env, 'PORT', 3000, 0, 65535),
    // Only this machine unless told otherwise: an install is exposed on purpose, never by default.
    host: str(env, 'HOST') ?? '127.0.0.1',
    jwtSecret,
    jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 15 * 60, 60, 3600),
    sessionTtlSeconds: int(env, 'SESSION_TTL_SECONDS', 12 * 3600, 300, 30 * 24 * 3600),
    metricsToken,
    queuePrefix,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info'),
    dataDir,
    nodeEnv,
    reconcileIntervalMs: int(env, 'RECONCILE_INTERVAL_MS', 60_000, 1_000, 3_600_000),
    outboxPollMs: int(env, 'OUTBOX_POLL_MS', 250, 20, 60_000),
    seedDemo,
    loginMaxAttempts,
    loginUserMaxAttempts: int(env, 'LOGIN_USER_MAX_ATTEMPTS', loginMaxAttempts * 10, 1, 100_000),
    loginIpMaxAttempts: int(env, 'LOGIN_IP_MAX_ATTEMPTS', loginMaxAttempts * 20, 1, 100_000),
    loginWindowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 8, 1, 256),
    trustProxy: str(env, 'TRUST_PROXY') === undefined ? false : int(env, 'TRUST_PROXY', 1, 0, 10),
    escalationAfterHours: str(env, 'ESCALATION_AFTER_HOURS') === undefined ? undefined : int(env, 'ESCALATION_AFTER_HOURS', 24, 1, 24 * 30),
    partnerSightDays: int(env, 'PARTNER_SIGHT_DAYS', 30, 0, 365),
    statisticsSuppressBelow: int(env, 'STATISTICS_SUPPRESS_BELOW', 5, 1, 100),
    urgentReportHours: int(env, 'URGENT_REPORT_HOURS', 24, 1, 168),
    urgentReportHoursByProvince: hoursByProvince(env),
    separation: { monitoringDays: int(env, 'SEPARATION_MONITORING_DAYS', 3, 1, 15), endWarningDays: int(env, 'SEPARATION_END_WARNING_DAYS', 2, 1, 7) },
    support: {
      assessmentWorkingDays: int(env, 'SUPPORT_ASSESSMENT_WORKING_DAYS', 7, 1, 60),
      planWorkingDays: int(env, 'SUPPORT_PLAN_WORKING_DAYS', 10, 1, 60),
      reviewMonths: int(env, 'SUPPORT_REVIEW_MONTHS', 6, 1, 12),
    },
    attachments: attachmentsConfig(env, production, dataDir),
    notify: notifyConfig(env, production),
    audit: auditConfig(env, production, dataDir),
    retention: {
      idempotencyHours: int(env, 'RETENTION_IDEMPOTENCY_HOURS', 24, 1, 24 * 30),
      notificationsDays: int(env, 'RETENTION_NOTIFICATIONS_DAYS', 180, 1, 3650),
      sessionsDays: int(env, 'RETENTION_SESSIONS_DAYS', 30, 1, 3650),
      deliveriesDays: int(env, 'RETENTION_DELIVERIES_DAYS', 30, 1, 3650),
      notificationAcksDays: int(env, 'RETENTION_NOTIFICATION_ACKS_DAYS', 180, 1, 3650),
      anonymiseClosedAfterDays: int(env, 'RETENTION_ANONYMISE_CLOSED_AFTER_DAYS', 1825, 30, 36500),
      cron: cronPattern(env, 'RETENTION_CRON', '17 * * * *'),
    },
  };
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '']);

/** A connection to this machine (TCP loopback or a socket folder), or one that asks for TLS (sslmode require/verify-ca/verify-full). */
export function tlsOrLocal(databaseUrl: string): boolean {
  const u = new URL(databaseUrl);
  const host = u.searchParams.get('host') ?? u.hostname;
  if (LOCAL_HOSTS.has(host) || host.startsWith('/')) return true;
  const mode = u.searchParams.get('sslmode');
  return mode === 'require' || mode === 'verify-ca' || mode === 'verify-full';
}

export const DEV_AUDIT_KEY_FILE = 'audit-hmac-key';

/** The audit chain's HMAC key: AUDIT_HMAC_KEY (required in production), else a random development key kept in DATA_DIR. */
export function auditHmacKey(env: Env, production: boolean, dataDir: string): Buffer {
  const given = str(env, 'AUDIT_HMAC_KEY');
  if (given === undefined) {
    if (production) throw new ConfigError('AUDIT_HMAC_KEY', 'is required when NODE_ENV=production (32+ random characters: `openssl rand -base64 48`); keep it apart from the database and its backups');
    return Buffer.from(developmentSecret(dataDir, DEV_AUDIT_KEY_FILE), 'utf8');
  }
  const weak = production ? weakSecret(given) : given.length < 32 ? 'must be at least 32 characters' : null;
  if (weak) throw new ConfigError('AUDIT_HMAC_KEY', weak);
  return Buffer.from(given, 'utf8');
}

function auditConfig(env: Env, production: boolean, dataDir: string): AuditConfig {
  const seed = str(env, 'AUDIT_SIGNING_KEY');
  return {
    hmacKey: auditHmacKey(env, production, dataDir),
    signingKey: seed === undefined ? undefined : masterKeyOf('AUDIT_SIGNING_KEY', seed),
    checkpointDir: resolve(str(env, 'AUDIT_CHECKPOINT_DIR') ?? join(dataDir, 'audit-checkpoints')),
    checkpointSeconds: int(env, 'AUDIT_CHECKPOINT_SECONDS', 60, 1, 86_400),
  };
}

function notifyConfig(env: Env, production: boolean): NotifyConfig {
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  const from = str(env, 'SMTP_FROM');
  if (from !== undefined && smtpUrl === undefined) throw new ConfigError('SMTP_URL', 'is required when SMTP_FROM is set');
  if (from !== undefined && !/^[^\s<>@]+@[^\s<>@]+$|^[^<>]*<[^\s<>@]+@[^\s<>@]+>$/.test(from)) {
    throw new ConfigError('SMTP_FROM', 'must be an e-mail address, optionally with a name: "baove <no-reply@example.vn>"');
  }
  const vapidPublic = str(env, 'VAPID_PUBLIC_KEY');
  const vapidPrivate = str(env, 'VAPID_PRIVATE_KEY');
  const vapidSubject = str(env, 'VAPID_SUBJECT');
  let vapid: NotifyConfig['vapid'];
  if (vapidPublic !== undefined || vapidPrivate !== undefined || vapidSubject !== undefined) {
    if (vapidPublic === undefined || !/^[A-Za-z0-9_-]{87}$/.test(vapidPublic)) {
      throw new ConfigError('VAPID_PUBLIC_KEY', 'must be the 65-byte P-256 public key in base64url (npx web-push generate-vapid-keys)');
    }
    if (vapidPrivate === undefined || !/^[A-Za-z0-9_-]{43}$/.test(vapidPrivate)) {
      throw new ConfigError('VAPID_PRIVATE_KEY', 'must be the 32-byte P-256 private key in base64url (npx web-push generate-vapid-keys)');
    }
    if (vapidSubject === undefined || !/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(vapidSubject)) {
      throw new ConfigError('VAPID_SUBJECT', 'must be a mailto: address or an https: URL to reach the operator');
    }
    vapid = { publicKey: vapidPublic, privateKey: vapidPrivate, subject: vapidSubject };
  }
  const callbackToken = str(env, 'NOTIFY_CALLBACK_TOKEN');
  if (callbackToken !== undefined && callbackToken.length < 16) throw new ConfigError('NOTIFY_CALLBACK_TOKEN', 'must be at least 16 characters');
  return {
    publicUrl: (url(env, 'NOTIFY_PUBLIC_URL', production ? ['https:'] : ['https:', 'http:']) ?? 'http://localhost:3000').replace(/\/+$/, ''),
    smtp: smtpUrl === undefined ? undefined : { url: smtpUrl, from: from ?? 'baove <no-reply@baove.local>' },
    sms: httpChannel(env, 'SMS', ['http', 'brandname'], production),
    zalo: httpChannel(env, 'ZALO', ['http', 'zns'], production),
    vapid,
    ackMinutes: int(env, 'NOTIFY_ACK_MINUTES', 30, 1, 24 * 60),
    sendAttempts: int(env, 'NOTIFY_SEND_ATTEMPTS', 5, 1, 20),
    backoffMs: int(env, 'NOTIFY_BACKOFF_MS', 2_000, 10, 600_000),
    sendTimeoutMs: int(env, 'NOTIFY_SEND_TIMEOUT_MS', 10_000, 100, 120_000),
    callbackToken,
  };
}

/** `<P>_PROVIDER`, `<P>_URL`, `<P>_TOKEN`, `<P>_SECRET`, `<P>_SENDER`: all needed ones, or none. */
function httpChannel(env: Env, prefix: 'SMS' | 'ZALO', providers: Array<HttpChannelConfig['provider']>, production: boolean): HttpChannelConfig | undefined {
  const names = ['URL', 'TOKEN', 'SECRET', 'SENDER'].map((n) => `${prefix}_${n}`);
  const provider = str(env, `${prefix}_PROVIDER`);
  if (provider === undefined) {
    for (const name of names) if (str(env, name) !== undefined) throw new ConfigError(`${prefix}_PROVIDER`, `is required when ${name} is set (${providers.join(' or ')})`);
    return undefined;
  }
  const chosen = oneOf(env, `${prefix}_PROVIDER`, providers, providers[0]);
  const target = url(env, `${prefix}_URL`, production ? ['https:'] : ['https:', 'http:']);
  if (target === undefined) throw new ConfigError(`${prefix}_URL`, `is required when ${prefix}_PROVIDER is set`);
  const token = str(env, `${prefix}_TOKEN`);
  if (token === undefined) throw new ConfigError(`${prefix}_TOKEN`, `is required when ${prefix}_PROVIDER is set`);
  const secret = str(env, `${prefix}_SECRET`);
  const sender = str(env, `${prefix}_SENDER`);
  if (chosen === 'brandname' && (secret === undefined || sender === undefined)) {
    throw new ConfigError(secret === undefined ? `${prefix}_SECRET` : `${prefix}_SENDER`, 'is required by the brandname provider (its secret key and the registered brand name)');
  }
  if (chosen === 'zns' && sender === undefined) throw new ConfigError(`${prefix}_SENDER`, 'is required by the zns provider (the approved ZNS template id)');
  return { provider: chosen, url: target, token, secret, sender };
}

/** URGENT_REPORT_HOURS_BY_PROVINCE: `thanh-hoa:12,ha-noi:24` — each province at most once, 1–168 hours. */
function hoursByProvince(env: Env): Record<string, number> {
  const raw = str(env, 'URGENT_REPORT_HOURS_BY_PROVINCE');
  const out: Record<string, number> = {};
  if (raw === undefined) return out;
  for (const entry of raw.split(',').map((e) => e.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9_-]{1,64}):(\d{1,3})$/.exec(entry);
    const hours = m ? Number(m[2]) : NaN;
    if (!m || hours < 1 || hours > 168) {
      throw new ConfigError('URGENT_REPORT_HOURS_BY_PROVINCE', 'must be a comma list of <province code>:<hours> with hours from 1 to 168, e.g. "thanh-hoa:12,ha-noi:24"');
    }
    if (m[1] in out) throw new ConfigError('URGENT_REPORT_HOURS_BY_PROVINCE', `names province ${m[1]} twice`);
    out[m[1]] = hours;
  }
  return out;
}

function attachmentsConfig(env: Env, production: boolean, dataDir: string): AttachmentsConfig {
  const single = str(env, 'ATTACHMENTS_MASTER_KEY');
  const ring = str(env, 'ATTACHMENTS_MASTER_KEYS');
  if (single !== undefined && ring !== undefined) {
    throw new ConfigError('ATTACHMENTS_MASTER_KEYS', 'and ATTACHMENTS_MASTER_KEY are both set: keep one (a single key is the keyring "default:<key>")');
  }
  let masterKeys: MasterKey[];
  if (ring !== undefined) {
    masterKeys = ring.split(',').map((entry) => {
      const at = entry.indexOf(':');
      const id = entry.slice(0, at).trim();
      if (at < 0 || !/^[A-Za-z0-9_.-]{1,32}$/.test(id)) {
        throw new ConfigError('ATTACHMENTS_MASTER_KEYS', 'must be a comma list of id:base64key (ids: 1–32 letters, digits, ".", "_", "-")');
      }
      return { id, key: masterKeyOf('ATTACHMENTS_MASTER_KEYS', entry.slice(at + 1)) };
    });
    const ids = masterKeys.map((k) => k.id);
    if (new Set(ids).size !== ids.length) throw new ConfigError('ATTACHMENTS_MASTER_KEYS', 'names a key id twice');
  } else if (single !== undefined) {
    masterKeys = [{ id: 'default', key: masterKeyOf('ATTACHMENTS_MASTER_KEY', single) }];
  } else if (production) {
    throw new ConfigError('ATTACHMENTS_MASTER_KEY', 'is required when NODE_ENV=production (32 random bytes in base64: `openssl rand -base64 32`)');
  } else {
    masterKeys = [{ id: DEV_ATTACHMENTS_KEY_ID, key: developmentAttachmentsKey(dataDir) }];
  }
  if (production && masterKeys.some((k) => k.id === DEV_ATTACHMENTS_KEY_ID)) {
    throw new ConfigError('ATTACHMENTS_MASTER_KEYS', `must not name a key "${DEV_ATTACHMENTS_KEY_ID}" in production (the development key's id)`);
  }
  return {
    maxBytes: int(env, 'ATTACHMENTS_MAX_BYTES', DEFAULT_ATTACHMENTS_MAX_BYTES, 1024, 2 * 1024 * 1024 * 1024),
    dir: resolve(str(env, 'ATTACHMENTS_DIR') ?? join(dataDir, 'attachments')),
    s3: attachmentsS3(env),
    masterKeys,
  };
}

/** ATTACHMENTS_S3_BUCKET turns the S3 store on; the other ATTACHMENTS_S3_* settings need it. */
function attachmentsS3(env: Env): AttachmentsS3Config | undefined {
  const bucket = str(env, 'ATTACHMENTS_S3_BUCKET');
  const others = ['ATTACHMENTS_S3_ENDPOINT', 'ATTACHMENTS_S3_REGION', 'ATTACHMENTS_S3_ACCESS_KEY_ID', 'ATTACHMENTS_S3_SECRET_ACCESS_KEY', 'ATTACHMENTS_S3_FORCE_PATH_STYLE'];
  if (bucket === undefined) {
    for (const name of others) if (str(env, name) !== undefined) throw new ConfigError('ATTACHMENTS_S3_BUCKET', `is required when ${name} is set`);
    return undefined;
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigError('ATTACHMENTS_S3_BUCKET', 'must be a bucket name (3–63 lowercase letters, digits, ".", "-")');
  const endpoint = url(env, 'ATTACHMENTS_S3_ENDPOINT', ['https:', 'http:']);
  const region = str(env, 'ATTACHMENTS_S3_REGION') ?? 'us-east-1';
  if (!/^[a-z0-9-]{1,40}$/.test(region)) throw new ConfigError('ATTACHMENTS_S3_REGION', 'must be a region name such as us-east-1');
  const accessKeyId = str(env, 'ATTACHMENTS_S3_ACCESS_KEY_ID');
  const secretAccessKey = str(env, 'ATTACHMENTS_S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new ConfigError(accessKeyId === undefined ? 'ATTACHMENTS_S3_ACCESS_KEY_ID' : 'ATTACHMENTS_S3_SECRET_ACCESS_KEY',
      'must be set together with the other (or neither, for the SDK\'s default credentials)');
  }
  return { endpoint, bucket, region, accessKeyId, secretAccessKey, forcePathStyle: bool(env, 'ATTACHMENTS_S3_FORCE_PATH_STYLE', endpoint !== undefined) };
}

function mfaRoles(env: Env, production: boolean): Role[] {
  const raw = str(env, 'MFA_REQUIRED_ROLES');
  if (raw === undefined) return production ? [...DEFAULT_MFA_REQUIRED_ROLES] : [];
  if (raw.toLowerCase() === 'none') return [];
  const roles = raw.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new ConfigError('MFA_REQUIRED_ROLES', `names unknown roles: ${unknown.join(', ')} (or say "none")`);
  return [...new Set(roles)] as Role[];
}

/** All of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI, or none of them. */
function oidcConfig(env: Env, production: boolean): OidcConfig | undefined {
  const protocols = production ? ['https:'] : ['https:', 'http:'];
  const issuer = url(env, 'OIDC_ISSUER', protocols);
  const clientId = str(env, 'OIDC_CLIENT_ID');
  const clientSecret = str(env, 'OIDC_CLIENT_SECRET');
  const redirectUri = url(env, 'OIDC_REDIRECT_URI', protocols);
  if (issuer === undefined) {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const) {
      if (str(env, name) !== undefined) throw new ConfigError('OIDC_ISSUER', `is required when ${name} is set`);
    }
    return undefined;
  }
  if (clientId === undefined) throw new ConfigError('OIDC_CLIENT_ID', 'is required when OIDC_ISSUER is set');
  if (clientSecret === undefined) throw new ConfigError('OIDC_CLIENT_SECRET', 'is required when OIDC_ISSUER is set');
  if (redirectUri === undefined) throw new ConfigError('OIDC_REDIRECT_URI', 'is required when OIDC_ISSUER is set');
  const claim = str(env, 'OIDC_CLAIM') ?? 'preferred_username';
  if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(claim)) throw new ConfigError('OIDC_CLAIM', 'must be a claim name');
  const consoleUrl = str(env, 'OIDC_CONSOLE_URL') ?? '/';
  if (!consoleUrl.startsWith('/') && url(env, 'OIDC_CONSOLE_URL', protocols) === undefined) {
    throw new ConfigError('OIDC_CONSOLE_URL', 'must be a path or a URL');
  }
  return { issuer, clientId, clientSecret, redirectUri, claim, consoleUrl };
}
