/**
 * Sign-in sessions: short-lived access tokens (JWT, HS256, `iss`/`aud`/`exp` required) that name
 * their session, and opaque refresh tokens rotated on every use.
 *
 * A request is authorised with what the database says now — the session is live, the user active,
 * their role, agency and jurisdiction — never with claims in the token (it carries only the user's
 * and session's ids). That standing is cached per session for a few seconds; a revocation or a
 * change of standing is announced with NOTIFY in the changing transaction (`revokeAll`,
 * `standingChanged`), and every API process drops what it cached for that user the moment the
 * transaction commits. While a process is not listening (its connection broke), it caches nothing.
 */
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/config';
import { Unauthenticated } from '../common/errors';
import { CONFIG } from '../common/tokens';
import type { Tx } from '../database/db';
import type { Principal, Role } from './roles';
import { SessionsRepository, SessionStanding } from './sessions.repository';

export const TOKEN_ISSUER = 'baove';
export const TOKEN_AUDIENCE = 'baove-api';

/** All an access token says: who and which session. Everything else is looked up. */
export interface AccessClaims {
  sub: string;
  sid: string;
  exp: number;
  iss: string;
  aud: string | string[];
}

export interface Authenticated {
  principal: Principal;
  sessionId: string;
  /** The user must change their password: only /auth/password, /auth/me and /auth/logout are open. */
  passwordChangeRequired: boolean;
  /** The role requires a second factor the user has not enrolled: only enrolment, /auth/me and /auth/logout are open. */
  mfaEnrolmentRequired: boolean;
}

/** Why a session was revoked (kept in `sessions.revoked_reason` and the audit log). */
export type RevocationReason =
  | 'signed_out' | 'password_changed' | 'refresh_token_reuse' | 'deactivated' | 'password_reset' | 'role_changed' | (string & {});

/** How stale a session's standing may be in a process that missed no notice. */
export const STANDING_CACHE_MS = 5_000;
const STANDING_CACHE_MAX = 50_000;
/** Tokens whose signature this process already checked (bounded; emptied when full). */
const VERIFIED_CACHE_MAX = 10_000;

const INVALID_TOKEN = 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn / Invalid or expired token';
const SESSION_ENDED = 'Phiên đăng nhập đã kết thúc; hãy đăng nhập lại / Your session has ended; sign in again';

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

@Injectable()
export class SessionsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Sessions');
  private readonly standingCache = new Map<string, { at: number; row: SessionStanding | undefined }>();
  private readonly verified = new Map<string, AccessClaims>();
  private listener?: { close(): Promise<void> };
  private listening = false;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly repo: SessionsRepository,
    private readonly jwt: JwtService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.listener?.close();
  }

  /** Starts a session for a user who just proved who they are; returns its id and first refresh token. */
  async start(tx: Tx, userId: string, meta: { ip: string | null; userAgent: string | null }): Promise<{ sessionId: string; refreshToken: string }> {
    const refreshToken = newRefreshToken();
    const sessionId = await this.repo.create(tx, {
      userId, ttlSeconds: this.config.sessionTtlSeconds, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null,
      tokenHash: hashRefreshToken(refreshToken),
    });
    return { sessionId, refreshToken };
  }

  accessToken(userId: string, sessionId: string): Promise<string> {
    return this.jwt.signAsync({ sub: userId, sid: sessionId }, { expiresIn: this.config.jwtTtlSeconds });
  }

  /**
   * Exchanges a refresh token for its successor. A token used before means a copy is in other
   * hands: the whole session is revoked (in this transaction, which the caller commits before
   * refusing) and both holders must sign in again.
   */
  async rotate(tx: Tx, refreshToken: string): Promise<
    | { kind: 'rotated'; sessionId: string; userId: string; role: Role; refreshToken: string }
    | { kind: 'reused'; sessionId: string; userId: string; role: Role }
    | { kind: 'invalid' }
  > {
    const hash = hashRefreshToken(refreshToken);
    const row = await this.repo.lockRefreshToken(tx, hash);
    if (!row) return { kind: 'invalid' };
    if (row.used_at) {
      await this.repo.revoke(tx, row.session_id, 'refresh_token_reuse');
      return { kind: 'reused', sessionId: row.session_id, userId: row.user_id, role: row.role };
    }
    if (!row.session_live || !row.user_active) return { kind: 'invalid' };
    const next = newRefreshToken();
    await this.repo.rotate(tx, hash, row.session_id, hashRefreshToken(next));
    return { kind: 'rotated', sessionId: row.session_id, userId: row.user_id, role: row.role, refreshToken: next };
  }

  /** Revokes one session (sign-out). Its access tokens stop working when the transaction commits. */
  revoke(tx: Tx, sessionId: string, reason: RevocationReason): Promise<string | undefined> {
    return this.repo.revoke(tx, sessionId, reason);
  }

  /**
   * Revokes every session of a user — to call on deactivation, password reset or a change of role
   * or agency, inside the command's transaction. Their access tokens and refresh tokens stop
   * working, in every API process, when that transaction commits. Returns how many were live.
   */
  revokeAll(tx: Tx, userId: string, reason: RevocationReason, options: { exceptSessionId?: string } = {}): Promise<number> {
    this.forgetUser(userId);
    return this.repo.revokeAll(tx, userId, reason, options.exceptSessionId ?? null);
  }

  /**
   * The user's role, agency or jurisdiction changed (without revoking their sessions): every
   * process re-reads it at commit. Call inside the changing transaction.
   */
  standingChanged(tx: Tx, userId: string): Promise<void> {
    this.forgetUser(userId);
    return this.repo.announce(tx, userId);
  }

  /** Checks an access token and looks up who it stands for now. */
  async authenticate(token: string): Promise<Authenticated> {
    const claims = await this.verifiedClaims(token);
    const row = await this.standing(claims.sid, claims.sub);
    if (!row || !row.session_live || !row.active) throw new Unauthenticated(SESSION_ENDED);
    return {
      principal: {
        userId: row.user_id, username: row.username, role: row.role, agencyId: row.agency_id, agencyType: row.agency_type,
        provinceCode: row.province_code, communeCode: row.commune_code,
      },
      sessionId: claims.sid,
      passwordChangeRequired: row.must_change_password,
      mfaEnrolmentRequired: !row.totp_enabled && this.config.mfaRequiredRoles.includes(row.role),
    };
  }

  /** Forgets what this process cached for the user (on a notice, or after its own change committed). */
  forgetUser(userId: string): void {
    for (const [key, entry] of this.standingCache) {
      if (key.endsWith(`:${userId}`) || entry.row?.user_id === userId) this.standingCache.delete(key);
    }
  }

  /**
   * The token's claims once its signature, issuer, audience and expiry check out. A token seen
   * before skips the signature check (the same bytes were verified), never the expiry check.
   */
  private async verifiedClaims(token: string): Promise<AccessClaims> {
    const hit = this.verified.get(token);
    if (hit && hit.exp * 1000 > Date.now()) return hit;
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token);
    } catch {
      this.verified.delete(token);
      throw new Unauthenticated(INVALID_TOKEN);
    }
    // jsonwebtoken checks `exp` only when present: a token without one never expires, so refuse it.
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string' ||
      !/^[0-9a-f-]{36}$/i.test(claims.sid) || !/^[0-9a-f-]{36}$/i.test(claims.sub)) {
      throw new Unauthenticated(INVALID_TOKEN);
    }
    if (this.verified.size >= VERIFIED_CACHE_MAX) this.verified.clear();
    this.verified.set(token, claims);
    return claims;
  }

  private async standing(sessionId: string, userId: string): Promise<SessionStanding | undefined> {
    const key = `${sessionId}:${userId}`;
    const now = Date.now();
    const hit = this.standingCache.get(key);
    if (hit && this.listening && now - hit.at < STANDING_CACHE_MS) return hit.row;
    const row = await this.repo.standing(sessionId, userId);
    if (this.listening) {
      if (this.standingCache.size >= STANDING_CACHE_MAX) this.standingCache.clear();
      this.standingCache.set(key, { at: now, row });
    }
    return row;
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    try {
      this.listener = await this.repo.listen((userId) => this.forgetUser(userId), (e) => this.lost(e));
      this.listening = true;
    } catch (e) {
      this.lost(e as Error);
    }
  }

  /** Notices may have been missed: forget everything, cache nothing until listening again. */
  private lost(e: Error): void {
    if (this.stopped) return;
    if (this.listening) this.logger.warn({ error: e.message }, 'Revocation listener lost; caching no sessions until it is back');
    this.listening = false;
    this.standingCache.clear();
    void this.listener?.close();
    this.listener = undefined;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.listen(), 1_000);
    this.retry.unref();
  }
}
