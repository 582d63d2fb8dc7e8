import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { InvalidInput, Unauthenticated } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { AuditService } from '../audit/audit.service';
import { Db } from '../database/db';
import { IdentityRepository, LoginRow } from './identity.repository';
import { LoginThrottle, Throttled } from './login-throttle';
import { MfaRepository } from './mfa.repository';
import { dummyHash, hashPassword, passwordProblems, verifyPassword } from './passwords';
import { SignInTickets } from './sign-in-tickets';
import { hashRecoveryCode, openSecret, totpStep } from './totp';
import type { AgencyType, Principal, Role } from './roles';
import { Authenticated, SessionsService } from './sessions.service';

const BAD_LOGIN = 'Tên đăng nhập hoặc mật khẩu không đúng / Wrong username or password';
const BAD_CODE = 'Mã xác thực không đúng / Wrong verification code';
const CHALLENGE_ENDED = 'Bước xác thực đã hết hạn; hãy đăng nhập lại / The verification step has expired; sign in again';
/** How long the second step of a sign-in may take. */
export const MFA_CHALLENGE_SECONDS = 300;
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
  /** The user's role requires a second factor they have not enrolled: only enrolment is open. */
  mfaEnrolmentRequired: boolean;
}

/** A right password of a user with a second factor: the code comes next (POST /auth/mfa/verify). */
export interface MfaChallenge {
  mfaRequired: true;
  mfaToken: string;
  expiresIn: number;
}

export type SignInMethod = 'password' | 'totp' | 'recovery_code' | 'oidc';

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly db: Db,
    private readonly users: IdentityRepository,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly mfa: MfaRepository,
    private readonly tickets: SignInTickets,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Signs a user in: the attempt is counted (throttle) before the password is checked; a right
   * password starts a session. An old-style hash is replaced while the password is at hand.
   */
  async login(username: string, password: string, client: ClientMeta): Promise<(SessionTokens & { user: PublicUser }) | MfaChallenge> {
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
    if (newHash) await this.db.transaction((tx) => this.users.setPasswordHash(tx, row.id, newHash, false));
    if (await this.mfa.totpEnabled(row.id)) {
      // The password was right, but no session yet: the second step names the user, nothing more.
      const mfaToken = await this.tickets.issue('mfa', { userId: row.id }, MFA_CHALLENGE_SECONDS);
      await this.db.transaction((tx) => this.audit.record(tx, {
        actor: { id: row.id, role: row.role }, action: 'auth.mfa_challenged', entity: 'user', entityId: row.id,
        details: { ip: client.ip, ...(newHash ? { rehashed: true } : {}) },
      }));
      return { mfaRequired: true, mfaToken, expiresIn: MFA_CHALLENGE_SECONDS };
    }
    return this.signIn(row, client, 'password', newHash ? { rehashed: true } : {});
  }

  /**
   * The second step of a password sign-in: a current TOTP code (each accepted once) or an unused
   * recovery code (spent). Counted against the same throttle as passwords.
   */
  async verifyMfa(mfaToken: string, answer: { code?: string; recoveryCode?: string }, client: ClientMeta): Promise<SessionTokens & { user: PublicUser }> {
    const ticket = await this.tickets.peek<{ userId: string }>('mfa', mfaToken);
    if (!ticket) throw new Unauthenticated(CHALLENGE_ENDED);
    const row = await this.users.userWithCredentials(ticket.userId);
    if (!row || !row.active) throw new Unauthenticated(CHALLENGE_ENDED);
    await this.countAttempt(row.username, client, null);
    const method: SignInMethod = answer.recoveryCode ? 'recovery_code' : 'totp';
    const accepted = await this.db.transaction(async (tx) => {
      const totp = await this.mfa.lockTotp(tx, row.id);
      if (!totp?.confirmed) return false;
      if (answer.recoveryCode) return this.mfa.useRecoveryCode(tx, row.id, hashRecoveryCode(answer.recoveryCode));
      const step = totpStep(openSecret(totp.secret_encrypted, this.config.jwtSecret), answer.code ?? '',
        totp.last_time_step === null ? null : Number(totp.last_time_step));
      if (step === null) return false;
      await this.mfa.acceptStep(tx, row.id, step, false);
      return true;
    });
    if (!accepted) {
      await this.db.transaction((tx) => this.audit.record(tx, {
        actor: { id: row.id, role: row.role }, action: 'auth.mfa_failed', entity: 'user', entityId: row.id,
        details: { ip: client.ip, method },
      }));
      throw new Unauthenticated(BAD_CODE);
    }
    // Of two right answers racing, one signs in.
    if (!(await this.tickets.take('mfa', mfaToken))) throw new Unauthenticated(CHALLENGE_ENDED);
    await this.throttle.succeeded(row.username, client.ip);
    return this.signIn(row, client, method, {});
  }

  /**
   * Starts a session for a user who proved who they are (password, password and second factor,
   * or the province's identity provider), audited as `auth.login` with the method.
   */
  async signIn(row: LoginRow, client: ClientMeta, method: SignInMethod, details: Record<string, unknown>): Promise<SessionTokens & { user: PublicUser }> {
    const enrolmentRequired = await this.mfaEnrolmentRequired(row.id, row.role);
    const { sessionId, refreshToken } = await this.db.transaction(async (tx) => {
      const started = await this.sessions.start(tx, row.id, client);
      await this.audit.record(tx, {
        actor: { id: row.id, role: row.role }, action: 'auth.login', entity: 'user', entityId: row.id,
        details: { ip: client.ip, sessionId: started.sessionId, method, ...details,
          ...(row.must_change_password ? { passwordChangeRequired: true } : {}),
          ...(enrolmentRequired ? { mfaEnrolmentRequired: true } : {}) },
      });
      return started;
    });
    return { ...(await this.tokens(row.id, sessionId, refreshToken, row.must_change_password, enrolmentRequired)), user: publicUser(row) };
  }

  mfaEnabled(userId: string): Promise<boolean> {
    return this.mfa.totpEnabled(userId);
  }

  /** The role requires a second factor and the user has none. */
  async mfaEnrolmentRequired(userId: string, role: Role): Promise<boolean> {
    return this.config.mfaRequiredRoles.includes(role) && !(await this.mfa.totpEnabled(userId));
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
    return this.tokens(result.userId, result.sessionId, result.refreshToken, row?.must_change_password ?? false,
      await this.mfaEnrolmentRequired(result.userId, result.role));
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

  private async tokens(userId: string, sessionId: string, refreshToken: string, passwordChangeRequired: boolean, mfaEnrolmentRequired: boolean): Promise<SessionTokens> {
    return {
      mfaEnrolmentRequired,
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
