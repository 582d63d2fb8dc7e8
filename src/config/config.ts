/**
 * One typed, validated configuration object. The process refuses to start on a bad value and the
 * error names the variable, so an operator can fix the deployment without reading code.
 */
export interface AppConfig {
  /** Absent: the bootstrap resolves a local or embedded PostgreSQL. */
  databaseUrl?: string;
  /** Absent: the bootstrap resolves a local or spawned redis-server. */
  redisUrl?: string;
  port: number;
  host: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
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
  loginMaxAttempts: number;
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
}

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

const DEV_JWT_SECRET = 'baove-development-secret-do-not-use-in-production';

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['production', 'development', 'test'] as const, 'development');
  const jwtSecret = str(env, 'JWT_SECRET') ?? (nodeEnv === 'production' ? undefined : DEV_JWT_SECRET);
  if (jwtSecret === undefined) throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  if (nodeEnv === 'production' && jwtSecret === DEV_JWT_SECRET) {
    throw new ConfigError('JWT_SECRET', 'must not be the development default in production');
  }
  const queuePrefix = str(env, 'QUEUE_PREFIX') ?? 'baove';
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(queuePrefix)) {
    throw new ConfigError('QUEUE_PREFIX', 'may hold only letters, digits, "-" and "_" (at most 40)');
  }
  return {
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    port: int(env, 'PORT', 3000, 0, 65535),
    host: str(env, 'HOST') ?? '0.0.0.0',
    jwtSecret,
    jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 7 * 24 * 3600),
    queuePrefix,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info'),
    dataDir: str(env, 'DATA_DIR') ?? '.data',
    nodeEnv,
    reconcileIntervalMs: int(env, 'RECONCILE_INTERVAL_MS', 60_000, 1_000, 3_600_000),
    outboxPollMs: int(env, 'OUTBOX_POLL_MS', 250, 20, 60_000),
    seedDemo: bool(env, 'SEED_DEMO', nodeEnv !== 'production'),
    loginMaxAttempts: int(env, 'LOGIN_MAX_ATTEMPTS', 10, 1, 1000),
    loginWindowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 8, 1, 256),
    trustProxy: str(env, 'TRUST_PROXY') === undefined ? false : int(env, 'TRUST_PROXY', 1, 0, 10),
    escalationAfterHours: str(env, 'ESCALATION_AFTER_HOURS') === undefined ? undefined : int(env, 'ESCALATION_AFTER_HOURS', 24, 1, 24 * 30),
    partnerSightDays: int(env, 'PARTNER_SIGHT_DAYS', 30, 0, 365),
  };
}
