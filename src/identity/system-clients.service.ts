/**
 * System clients at the door: the token endpoint (OAuth 2.0 client credentials) and the check of
 * their tokens on every request.
 *
 * A client token is a JWT signed like the users' (HS256, `iss`/`aud`/`exp`) whose `cid` claim tells
 * the guard it is a client's, with `ver` (the secret version it was issued with) and `scope`. It is
 * checked against the client's row on every request — no cache — so a revocation, a rotation
 * without overlap or a narrowed scope refuses live tokens at once in every process. Each request
 * also takes one slot of the client's per-minute rate limit (one Lua script in Redis).
 */
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type Redis from 'ioredis';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/config';
import { Forbidden, InvalidInput, ServiceUnavailable, TooManyRequests, Unauthenticated } from '../common/errors';
import { CONFIG, REDIS } from '../common/tokens';
import { Db } from '../database/db';
import { secretMatches } from './client-secrets';
import { LoginThrottle, Throttled } from './login-throttle';
import { CLIENT_SCOPES, ClientPrincipal, ClientScope, SYSTEM_CLIENT_ROLE } from './roles';
import { SystemClientsRepository } from './system-clients.repository';

/** How long a client's access token lasts. Short: a client asks for another when it runs out. */
export const CLIENT_TOKEN_TTL_SECONDS = 600;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BAD_CLIENT = 'Thông tin hệ thống kết nối không đúng / Invalid client credentials';
const INVALID_TOKEN = 'Mã truy cập của hệ thống kết nối không hợp lệ hoặc đã bị thu hồi / Invalid, expired or revoked client token';

interface ClientClaims {
  cid: string;
  ver: number;
  scope: string;
  exp: number;
}

export interface ClientTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

export class RateLimited extends TooManyRequests {
  constructor(readonly retryAfterSeconds: number) {
    super(`Vượt giới hạn số yêu cầu mỗi phút; thử lại sau ${retryAfterSeconds} giây / Rate limit exceeded; retry in ${retryAfterSeconds} s`,
      { retryAfterSeconds });
  }
}

/** KEYS: the client's window. ARGV: its limit, the window (ms). Returns 0, or the ms left (negated on the window's first refusal). */
const CONSUME = `
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if n <= tonumber(ARGV[1]) then return 0 end
local left = math.max(redis.call('PTTL', KEYS[1]), 1)
if n == tonumber(ARGV[1]) + 1 then return -left end
return left
`;

type RateRedis = Redis & { baoveClientConsume(key: string, limit: number, windowMs: number): Promise<number> };

@Injectable()
export class SystemClientsService {
  private readonly redis: RateRedis;

  constructor(
    private readonly repo: SystemClientsRepository,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly db: Db,
    @Inject(REDIS) redis: Redis,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {
    this.redis = redis as RateRedis;
    if (!('baoveClientConsume' in redis)) redis.defineCommand('baoveClientConsume', { numberOfKeys: 1, lua: CONSUME });
  }

  /**
   * Client credentials grant. The attempt is counted (like a password) before the secret is
   * checked; the current secret, or the previous one during its overlap, is accepted.
   */
  async issueToken(clientId: string, secret: string, requested: string | undefined, ip: string): Promise<ClientTokenResponse> {
    if (!UUID.test(clientId)) throw new Unauthenticated(BAD_CLIENT);
    try {
      await this.throttle.reserve(`client:${clientId}`, ip);
    } catch (e) {
      if (e instanceof Throttled && e.firstRefusal) {
        await this.record(null, 'auth.client_token_throttled', clientId, { ip, scope: e.scope });
      }
      throw e;
    }
    const row = await this.repo.credentials(clientId);
    const ver = !row || row.revoked ? null
      : secretMatches(secret, row.secret_hash) ? row.secret_version
        : secretMatches(secret, row.live_previous_secret_hash) ? row.secret_version - 1 : null;
    if (!row || ver === null) {
      await this.record(row ? clientId : null, 'auth.client_token_failed', clientId, { ip, ...(row?.revoked ? { revoked: true } : {}) });
      throw new Unauthenticated(BAD_CLIENT);
    }
    const scopes = requested === undefined || requested.trim() === '' ? row.scopes : requested.trim().split(/\s+/);
    const refused = scopes.filter((s) => !row.scopes.includes(s));
    if (refused.length) {
      throw new InvalidInput({ scope: [`Hệ thống không được cấp phạm vi: ${refused.join(' ')} / scope not granted to this client: ${refused.join(' ')}`] });
    }
    await this.throttle.succeeded(`client:${clientId}`, ip);
    const scope = [...new Set(scopes)].join(' ');
    await this.record(clientId, 'auth.client_token', clientId, { ip, scope, secretVersion: ver });
    const token = await this.jwt.signAsync({ cid: clientId, ver, scope }, { expiresIn: CLIENT_TOKEN_TTL_SECONDS });
    return { access_token: token, token_type: 'Bearer', expires_in: CLIENT_TOKEN_TTL_SECONDS, scope };
  }

  /** Whether a bearer token is a client's (then `authenticate` here checks it, not the sessions). */
  isClientToken(token: string): boolean {
    const claims = this.jwt.decode<Record<string, unknown> | null>(token);
    return !!claims && typeof claims === 'object' && 'cid' in claims;
  }

  /** The client a token stands for now: refused (401) once revoked or its secret rotated away. */
  async authenticate(token: string): Promise<{ client: ClientPrincipal; rateLimitPerMinute: number }> {
    let claims: ClientClaims;
    try {
      claims = await this.jwt.verifyAsync<ClientClaims>(token);
    } catch {
      throw new Unauthenticated(INVALID_TOKEN);
    }
    if (typeof claims.exp !== 'number' || typeof claims.cid !== 'string' || !UUID.test(claims.cid) ||
      typeof claims.ver !== 'number' || typeof claims.scope !== 'string') {
      throw new Unauthenticated(INVALID_TOKEN);
    }
    const row = await this.repo.standing(claims.cid);
    const secretLive = row && (claims.ver === row.secret_version || (claims.ver === row.secret_version - 1 && row.previous_secret_live));
    if (!row || row.revoked || !secretLive) throw new Unauthenticated(INVALID_TOKEN);
    // Scopes taken away since the token was issued are gone at once.
    const scopes = claims.scope.split(' ').filter((s): s is ClientScope => row.scopes.includes(s) && (CLIENT_SCOPES as readonly string[]).includes(s));
    return {
      client: {
        clientId: row.id, clientName: row.name, scopes, agencyId: row.agency_id, agencyType: row.agency_type,
        provinceCode: row.province_code, communeCode: row.commune_code,
      },
      rateLimitPerMinute: row.rate_limit_per_minute,
    };
  }

  /** Takes one request of the client's minute; throws RateLimited (429) over its limit, 503 without Redis. */
  async consume(client: ClientPrincipal, limit: number, route: string): Promise<void> {
    let left: number;
    try {
      left = await this.redis.baoveClientConsume(`${this.config.queuePrefix}-client-rate-${client.clientId}`, limit, 60_000);
    } catch {
      throw new ServiceUnavailable('Tạm thời không phục vụ được hệ thống kết nối; thử lại sau ít phút / Client requests are temporarily unavailable');
    }
    if (left === 0) return;
    // Only the first refusal of a window is audited: a flood must not become a flood of writes.
    if (left < 0) await this.record(client.clientId, 'client.rate_limited', client.clientId, { route, limit });
    throw new RateLimited(Math.max(1, Math.ceil(Math.abs(left) / 1000)));
  }

  /** A client's token on a route that does not take it (or not with its scopes): audited, 403. */
  async refuse(client: ClientPrincipal, route: string, needed: readonly string[] | undefined): Promise<never> {
    await this.record(client.clientId, 'client.request_refused', client.clientId, { route, ...(needed ? { needed } : {}) });
    throw new Forbidden(needed
      ? `Hệ thống kết nối thiếu phạm vi ${needed.join(' hoặc ')} / The client lacks scope ${needed.join(' or ')}`
      : 'Hệ thống kết nối không được gọi chức năng này / System clients may not call this endpoint');
  }

  private record(actorId: string | null, action: string, clientId: string, details: Record<string, unknown>): Promise<void> {
    return this.db.transaction((tx) => this.audit.record(tx, {
      actor: actorId ? { id: actorId, role: SYSTEM_CLIENT_ROLE } : null, action, entity: 'system_client', entityId: clientId, details,
    }));
  }
}
