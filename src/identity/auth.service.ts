import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import bcrypt from 'bcryptjs';
import type Redis from 'ioredis';
import type { AppConfig } from '../config/config';
import { TooManyRequests, Unauthenticated } from '../common/errors';
import { CONFIG, REDIS } from '../common/tokens';
import { AuditService } from '../audit/audit.service';
import { Db } from '../database/db';
import { IdentityRepository, UserStanding } from './identity.repository';
import type { AgencyType, Principal, Role } from './roles';

interface TokenClaims {
  sub: string;
  usr: string;
  role: Role;
  agc: string;
  agt: AgencyType;
  prv: string | null;
  com: string | null;
}

/** Compared against when the username is unknown, so both failures take the same time. */
const DUMMY_HASH = bcrypt.hashSync('baove-no-such-user', 10);
const BAD_LOGIN = 'Tên đăng nhập hoặc mật khẩu không đúng / Wrong username or password';

export const PASSWORD_HASH_ROUNDS = 10;

/** How stale a user's standing (active, role, agency) may be when a token is checked. */
const STANDING_CACHE_MS = 5_000;
/** Tokens whose signature this process already checked, with their claims (bounded; emptied when full). */
const VERIFIED_CACHE_MAX = 10_000;

@Injectable()
export class AuthService {
  private readonly standing = new Map<string, { at: number; row: UserStanding | undefined }>();
  private readonly verified = new Map<string, TokenClaims & { exp: number }>();

  constructor(
    private readonly db: Db,
    private readonly users: IdentityRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, ip: string): Promise<{ accessToken: string; expiresIn: number; user: PublicUser }> {
    await this.throttle(username, ip);
    const row = await this.users.userForLogin(username);
    const ok = await bcrypt.compare(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok || !row.active) {
      await this.countFailure(username, ip);
      await this.db.transaction((tx) => this.audit.record(tx, {
        actor: row ? { id: row.id, role: row.role } : null, action: 'auth.login_failed',
        entity: 'user', entityId: row?.id ?? null, details: { ip },
      }));
      throw new Unauthenticated(BAD_LOGIN);
    }
    await this.redis.del(this.userKey(username));
    const principal: Principal = {
      userId: row.id, username: row.username, role: row.role, agencyId: row.agency_id, agencyType: row.agency_type,
      provinceCode: row.province_code, communeCode: row.commune_code,
    };
    const claims: TokenClaims = {
      sub: principal.userId, usr: principal.username, role: principal.role, agc: principal.agencyId,
      agt: principal.agencyType, prv: principal.provinceCode, com: principal.communeCode,
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.jwtTtlSeconds });
    await this.db.transaction((tx) => this.audit.record(tx, {
      actor: { id: row.id, role: row.role }, action: 'auth.login', entity: 'user', entityId: row.id, details: { ip },
    }));
    return {
      accessToken,
      expiresIn: this.config.jwtTtlSeconds,
      user: {
        id: row.id, username: row.username, fullName: row.full_name, role: row.role,
        agency: { id: row.agency_id, type: row.agency_type, name: row.agency_name },
        provinceCode: row.province_code, communeCode: row.commune_code,
      },
    };
  }

  async verify(token: string): Promise<Principal> {
    const claims = await this.verifiedClaims(token);
    // A deactivated user, or one whose role or agency changed, loses the old token within a few seconds.
    const current = await this.currentStanding(claims.sub);
    if (!current || !current.active || current.role !== claims.role || current.agency_id !== claims.agc) {
      throw new Unauthenticated('Tài khoản đã bị khóa hoặc thay đổi quyền; hãy đăng nhập lại / Account disabled or changed; log in again');
    }
    return {
      userId: claims.sub, username: claims.usr, role: claims.role, agencyId: claims.agc, agencyType: claims.agt,
      provinceCode: claims.prv, communeCode: claims.com,
    };
  }

  /**
   * The token's claims once its signature and expiry check out. A token seen before skips the
   * signature check (the same bytes were verified), never the expiry check.
   */
  private async verifiedClaims(token: string): Promise<TokenClaims> {
    const hit = this.verified.get(token);
    if (hit && hit.exp * 1000 > Date.now()) return hit;
    let claims: TokenClaims & { exp: number };
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & { exp: number }>(token);
    } catch {
      this.verified.delete(token);
      throw new Unauthenticated('Phiên đăng nhập không hợp lệ hoặc đã hết hạn / Invalid or expired token');
    }
    if (this.verified.size >= VERIFIED_CACHE_MAX) this.verified.clear();
    this.verified.set(token, claims);
    return claims;
  }

  /** Each user's active flag, role and agency, re-read at most every STANDING_CACHE_MS per process. */
  private async currentStanding(userId: string): Promise<UserStanding | undefined> {
    const now = Date.now();
    const hit = this.standing.get(userId);
    if (hit && now - hit.at < STANDING_CACHE_MS) return hit.row;
    const row = await this.users.userStanding(userId);
    if (this.standing.size > 50_000) this.standing.clear();
    this.standing.set(userId, { at: now, row });
    return row;
  }

  /**
   * Fixed-window counters of failed logins, per username and per IP (the IP gets ten times the
   * allowance: a commune office shares one address). Both are checked before the password is.
   */
  private async throttle(username: string, ip: string): Promise<void> {
    const [user, byIp] = await this.redis.mget(this.userKey(username), this.ipKey(ip));
    const max = this.config.loginMaxAttempts;
    if (Number(user ?? 0) >= max || Number(byIp ?? 0) >= max * 10) {
      throw new TooManyRequests(
        `Quá nhiều lần đăng nhập sai; thử lại sau ${Math.ceil(this.config.loginWindowSeconds / 60)} phút / ` +
          'Too many failed logins; retry later',
      );
    }
  }

  private async countFailure(username: string, ip: string): Promise<void> {
    const window = this.config.loginWindowSeconds;
    const m = this.redis.multi();
    for (const key of [this.userKey(username), this.ipKey(ip)]) m.incr(key).expire(key, window, 'NX');
    await m.exec();
  }

  private ipKey(ip: string): string {
    return `${this.config.queuePrefix}-login-ip-${ip}`;
  }

  private userKey(username: string): string {
    return `${this.config.queuePrefix}-login-user-${username.toLowerCase()}`;
  }
}

export interface PublicUser {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  agency: { id: string; type: AgencyType; name: string };
  provinceCode: string | null;
  communeCode: string | null;
}
