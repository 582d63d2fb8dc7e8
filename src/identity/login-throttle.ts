/**
 * Sign-in throttling that a burst cannot race. Each attempt is counted BEFORE its password is
 * checked, in one Lua script (atomic in Redis), against three fixed windows of
 * LOGIN_WINDOW_SECONDS:
 * - per user and address (LOGIN_MAX_ATTEMPTS): a guesser locks out only themselves — the same
 *   user signs in from any other address;
 * - per user from every address (LOGIN_USER_MAX_ATTEMPTS, 10× by default): the ceiling against
 *   guessing spread over many addresses;
 * - per address for every user (LOGIN_IP_MAX_ATTEMPTS, 20× by default): a commune office shares
 *   one address, so it is high.
 * A successful sign-in gives its attempt back (it counted against nothing but guessing). So of N
 * concurrent attempts, at most the limit reach the (costly) password check. Redis down is a 503.
 */
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { AppConfig } from '../config/config';
import { ServiceUnavailable, TooManyRequests } from '../common/errors';
import { CONFIG, REDIS } from '../common/tokens';

/** KEYS: pair, user, address. ARGV: their limits, the window (ms). Returns {0} or {which, ms left, first refusal}. */
const RESERVE = `
local limits = { tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]) }
for i = 1, 3 do
  local n = tonumber(redis.call('GET', KEYS[i]) or '0')
  if n >= limits[i] then
    local left = redis.call('PTTL', KEYS[i])
    local first = redis.call('SET', KEYS[i] .. '-noted', '1', 'PX', math.max(left, 1), 'NX')
    return { i, left, first and 1 or 0 }
  end
end
for i = 1, 3 do
  redis.call('INCR', KEYS[i])
  if redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[4]) end
end
return { 0, 0, 0 }
`;

/** KEYS: pair, user, address. The attempt succeeded: the pair starts afresh, the others get one back. */
const REFUND = `
redis.call('DEL', KEYS[1])
for i = 2, 3 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
return 0
`;

const LIMITS = ['pair', 'user', 'address'] as const;
export type ThrottleScope = (typeof LIMITS)[number];

/** Redis's answer must come within this, or sign-in answers 503 rather than hang. */
const REDIS_TIMEOUT_MS = 3_000;

export class Throttled extends TooManyRequests {
  constructor(readonly scope: ThrottleScope, readonly retryAfterSeconds: number, readonly firstRefusal: boolean) {
    super(
      `Quá nhiều lần đăng nhập sai; thử lại sau ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} phút / ` +
        `Too many failed sign-ins; retry in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
    );
  }
}

type ThrottleRedis = Redis & {
  baoveLoginReserve(k1: string, k2: string, k3: string, ...argv: number[]): Promise<[number, number, number]>;
  baoveLoginRefund(k1: string, k2: string, k3: string): Promise<number>;
};

@Injectable()
export class LoginThrottle {
  private readonly redis: ThrottleRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(CONFIG) private readonly config: AppConfig) {
    this.redis = redis as ThrottleRedis;
    if (!('baoveLoginReserve' in redis)) {
      redis.defineCommand('baoveLoginReserve', { numberOfKeys: 3, lua: RESERVE });
      redis.defineCommand('baoveLoginRefund', { numberOfKeys: 3, lua: REFUND });
    }
  }

  /** Counts one attempt; throws Throttled (429) over a limit, ServiceUnavailable (503) without Redis. */
  async reserve(username: string, ip: string): Promise<void> {
    const c = this.config;
    const [which, leftMs, first] = await this.call(() => this.redis.baoveLoginReserve(
      ...this.keys(username, ip), c.loginMaxAttempts, c.loginUserMaxAttempts, c.loginIpMaxAttempts, c.loginWindowSeconds * 1000,
    ));
    if (which > 0) throw new Throttled(LIMITS[which - 1], Math.max(1, Math.ceil(leftMs / 1000)), first === 1);
  }

  /** The attempt was right: give it back. Best effort (the user is already signed in). */
  async succeeded(username: string, ip: string): Promise<void> {
    await this.call(() => this.redis.baoveLoginRefund(...this.keys(username, ip))).catch(() => undefined);
  }

  private keys(username: string, ip: string): [string, string, string] {
    const p = `${this.config.queuePrefix}-login`;
    const user = encodeURIComponent(username.toLowerCase());
    const addr = encodeURIComponent(ip || 'unknown');
    return [`${p}-pair-${user}-${addr}`, `${p}-user-${user}`, `${p}-ip-${addr}`];
  }

  private async call<T>(op: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        op(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('Redis timeout')), REDIS_TIMEOUT_MS);
        }),
      ]);
    } catch {
      throw new ServiceUnavailable(
        'Tạm thời không đăng nhập được (hệ thống đếm lượt đăng nhập không phản hồi); thử lại sau ít phút / ' +
          'Sign-in is temporarily unavailable; try again in a few minutes',
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
