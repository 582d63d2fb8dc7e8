import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { InvalidInput, Unauthenticated } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { AuditService } from '../audit/audit.service';
import { Db } from '../database/db';
import { IdentityRepository, LoginRow } from './identity.repository';
import { LoginThrottle, Throttled } from './login-throttle';
import { dummyHash, hashPassword, passwordProblems, verifyPassword } from './passwords';
import type { AgencyType, Principal, Role } from './roles';
import { Authenticated, SessionsService } from './sessions.service';

const BAD_LOGIN = 'Tên đăng nhập hoặc mật khẩu không đúng / Wrong username or password';
const BAD_REFRESH = 'Phiên đăng nhập đã kết thúc; hãy đăng nhập lại / Your session has ended; sign in again';

export interface ClientMeta {
  ip: string;
  userAgent: string | null;
}

export interface SessionTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  passwordChangeRequired: boolean;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly db: Db,
    private readonly users: IdentityRepository,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Signs a user in: the attempt is counted (throttle) before the password is checked; a right
   * password starts a session. An old-style hash is replaced while the password is at hand.
   */
  async login(username: string, password: string, client: ClientMeta): Promise<SessionTokens & { user: PublicUser }> {
    await this.countAttempt(username, client, null);
    const row = await this.users.userForLogin(username);
    const { ok, rehash } = await verifyPassword(row?.password_hash ?? (await dummyHash()), password);
    if (!row || !ok || !row.active) {
      await this.db.transaction((tx) => this.audit.record(tx, {
        actor: row ? { id: row.id, role: row.role } : null, action: 'auth.login_failed',
        entity: 'user', entityId: row?.id ?? null, details: { ip: client.ip, ...(row && ok && !row.active ? { inactive: true } : {}) },
      }));
      throw new Unauthenticated(BAD_LOGIN);
    }
    await this.throttle.succeeded(username, client.ip);
    const newHash = rehash ? await hashPassword(password) : null;
    const { sessionId, refreshToken } = await this.db.transaction(async (tx) => {
      if (newHash) await this.users.setPasswordHash(tx, row.id, newHash, false);
      const started = await this.sessions.start(tx, row.id, client);
      await this.audit.record(tx, {
        actor: { id: row.id, role: row.role }, action: 'auth.login', entity: 'user', entityId: row.id,
        details: { ip: client.ip, sessionId: started.sessionId, ...(newHash ? { rehashed: true } : {}),
          ...(row.must_change_password ? { passwordChangeRequired: true } : {}) },
      });
      return started;
    });
    return { ...(await this.tokens(row.id, sessionId, refreshToken, row.must_change_password)), user: publicUser(row) };
  }

  /** Exchanges a refresh token for a new pair; a reused one revokes its session (committed) before the 401. */
  async refresh(refreshToken: string, client: ClientMeta): Promise<SessionTokens> {
    const result = await this.db.transaction(async (tx) => {
      const r = await this.sessions.rotate(tx, refreshToken);
      if (r.kind === 'invalid') return r;
      await this.audit.record(tx, {
        actor: { id: r.userId, role: r.role }, action: r.kind === 'rotated' ? 'auth.refresh' : 'auth.refresh_reuse_detected',
        entity: 'session', entityId: r.sessionId, details: { ip: client.ip },
      });
      return r;
    });
    if (result.kind === 'reused') {
      this.sessions.forgetUser(result.userId);
      this.logger.warn({ sessionId: result.sessionId }, 'A used refresh token was presented again: session revoked');
    }
    if (result.kind !== 'rotated') throw new Unauthenticated(BAD_REFRESH);
    const row = await this.users.userWithCredentials(result.userId);
    return this.tokens(result.userId, result.sessionId, result.refreshToken, row?.must_change_password ?? false);
  }

  /** Ends the caller's session: its access and refresh tokens stop working at once. */
  async logout(p: Principal, sessionId: string, client: ClientMeta): Promise<{ revoked: boolean }> {
    const revoked = await this.db.transaction(async (tx) => {
      const userId = await this.sessions.revoke(tx, sessionId, 'signed_out');
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'auth.logout', entity: 'session', entityId: sessionId, details: { ip: client.ip },
      });
      return userId !== undefined;
    });
    this.sessions.forgetUser(p.userId);
    return { revoked };
  }

  /**
   * The user changes their own password: the current one is checked (and counted like a sign-in,
   * so a stolen token cannot be used to guess it), the new one must pass the policy; every other
   * session of the user is revoked, this one goes on, and a forced change is lifted.
   */
  async changePassword(p: Principal, sessionId: string, current: string, next: string, client: ClientMeta): Promise<{ passwordChangeRequired: false; otherSessionsRevoked: number }> {
    await this.countAttempt(p.username, client, p);
    const row = await this.users.userWithCredentials(p.userId);
    if (!row || !(await verifyPassword(row.password_hash, current)).ok) {
      await this.db.transaction((tx) => this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'auth.password_change_failed', entity: 'user', entityId: p.userId,
        details: { ip: client.ip, reason: 'wrong_current_password' },
      }));
      throw new InvalidInput({ currentPassword: ['Mật khẩu hiện tại không đúng / The current password is wrong'] });
    }
    await this.throttle.succeeded(p.username, client.ip);
    const problems = passwordProblems(next, row.username);
    if (next === current) problems.unshift('Mật khẩu mới phải khác mật khẩu hiện tại / The new password must differ from the current one');
    if (problems.length) throw new InvalidInput({ newPassword: problems }, 'Mật khẩu mới chưa đạt yêu cầu / The new password is not accepted');
    const hash = await hashPassword(next);
    const revoked = await this.db.transaction(async (tx) => {
      await this.users.setPasswordHash(tx, p.userId, hash, true);
      const n = await this.sessions.revokeAll(tx, p.userId, 'password_changed', { exceptSessionId: sessionId });
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'auth.password_changed', entity: 'user', entityId: p.userId,
        details: { ip: client.ip, sessionId, otherSessionsRevoked: n },
      });
      return n;
    });
    this.sessions.forgetUser(p.userId);
    return { passwordChangeRequired: false, otherSessionsRevoked: revoked };
  }

  /** The principal a bearer token stands for now (benchmarks and tools; the guard uses `SessionsService.authenticate`). */
  async verify(token: string): Promise<Principal> {
    return (await this.sessions.authenticate(token)).principal;
  }

  authenticate(token: string): Promise<Authenticated> {
    return this.sessions.authenticate(token);
  }

  private async countAttempt(username: string, client: ClientMeta, actor: Principal | null): Promise<void> {
    try {
      await this.throttle.reserve(username, client.ip);
    } catch (e) {
      if (e instanceof Throttled && e.firstRefusal) {
        // Once per locked window, not per refused attempt: a flood must not become a flood of writes.
        await this.db.transaction((tx) => this.audit.record(tx, {
          actor: actor ? { id: actor.userId, role: actor.role } : null, action: 'auth.login_throttled', entity: 'user',
          entityId: actor?.userId ?? null, details: { ip: client.ip, username: username.slice(0, 100), scope: e.scope },
        }));
      }
      throw e;
    }
  }

  private async tokens(userId: string, sessionId: string, refreshToken: string, passwordChangeRequired: boolean): Promise<SessionTokens> {
    return {
      accessToken: await this.sessions.accessToken(userId, sessionId),
      expiresIn: this.config.jwtTtlSeconds,
      refreshToken,
      passwordChangeRequired,
    };
  }
}

function publicUser(row: LoginRow): PublicUser {
  return {
    id: row.id, username: row.username, fullName: row.full_name, role: row.role,
    agency: { id: row.agency_id, type: row.agency_type, name: row.agency_name },
    provinceCode: row.province_code, communeCode: row.commune_code,
  };
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
