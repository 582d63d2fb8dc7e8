/**
 * Enrolment of the second factor (TOTP): a new seed is shown once (setup), becomes active when the
 * user types a code from it (confirm, which hands out ten recovery codes), and is removed only
 * with a current code or a recovery code. Seeds are never logged nor returned again.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { Conflict, InvalidInput } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { AuditService } from '../audit/audit.service';
import { Db, Tx } from '../database/db';
import type { ClientMeta } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { MfaRepository, TotpRow } from './mfa.repository';
import type { Principal } from './roles';
import { SessionsService } from './sessions.service';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, openSecret, sealSecret, totpStep, totpUri } from './totp';

const WRONG_CODE = 'Mã xác thực không đúng / Wrong verification code';

@Injectable()
export class MfaService {
  constructor(
    private readonly db: Db,
    private readonly repo: MfaRepository,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new seed for the caller (replacing an unconfirmed one); refused while one is active. */
  async setup(p: Principal, client: ClientMeta): Promise<{ secret: string; otpauthUri: string }> {
    const secret = newTotpSecret();
    const saved = await this.db.transaction(async (tx) => {
      if (!(await this.repo.saveUnconfirmed(tx, p.userId, sealSecret(secret, this.config.jwtSecret)))) return false;
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'auth.mfa_setup', entity: 'user', entityId: p.userId, details: { ip: client.ip },
      });
      return true;
    });
    if (!saved) throw new Conflict('Xác thực hai bước đã được bật / Two-step verification is already on');
    return { secret, otpauthUri: totpUri(secret, p.username) };
  }

  /** Activates the seed with a code from it; returns the ten recovery codes (shown only now). */
  async confirm(p: Principal, code: string, client: ClientMeta): Promise<{ recoveryCodes: string[] }> {
    await this.throttle.reserve(p.username, client.ip);
    const codes = newRecoveryCodes();
    const ok = await this.db.transaction(async (tx) => {
      const totp = await this.repo.lockTotp(tx, p.userId);
      if (!totp) return false;
      if (totp.confirmed) throw new Conflict('Xác thực hai bước đã được bật / Two-step verification is already on');
      const step = this.step(totp, code);
      if (step === null) return false;
      await this.repo.acceptStep(tx, p.userId, step, true);
      await this.repo.replaceRecoveryCodes(tx, p.userId, codes.map(hashRecoveryCode));
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'auth.mfa_enabled', entity: 'user', entityId: p.userId, details: { ip: client.ip },
      });
      // A session limited to enrolment becomes a full one at commit, in every process.
      await this.sessions.standingChanged(tx, p.userId);
      return true;
    });
    if (!ok) throw new InvalidInput({ code: [WRONG_CODE] }, WRONG_CODE);
    await this.throttle.succeeded(p.username, client.ip);
    this.sessions.forgetUser(p.userId);
    return { recoveryCodes: codes };
  }

  /** Turns the second factor off with a current code or a recovery code. */
  async disable(p: Principal, answer: { code?: string; recoveryCode?: string }, client: ClientMeta): Promise<{ mfaEnabled: false }> {
    await this.throttle.reserve(p.username, client.ip);
    const ok = await this.db.transaction(async (tx) => {
      const totp = await this.repo.lockTotp(tx, p.userId);
      if (!totp?.confirmed) return false;
      if (!(await this.answered(tx, p.userId, totp, answer))) return false;
      await this.repo.remove(tx, p.userId);
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'auth.mfa_disabled', entity: 'user', entityId: p.userId, details: { ip: client.ip },
      });
      await this.sessions.standingChanged(tx, p.userId);
      return true;
    });
    if (!ok) throw new InvalidInput({ code: [WRONG_CODE] }, WRONG_CODE);
    await this.throttle.succeeded(p.username, client.ip);
    this.sessions.forgetUser(p.userId);
    return { mfaEnabled: false };
  }

  private async answered(tx: Tx, userId: string, totp: TotpRow, answer: { code?: string; recoveryCode?: string }): Promise<boolean> {
    if (answer.recoveryCode) return this.repo.useRecoveryCode(tx, userId, hashRecoveryCode(answer.recoveryCode));
    const step = this.step(totp, answer.code ?? '');
    if (step === null) return false;
    await this.repo.acceptStep(tx, userId, step, false);
    return true;
  }

  private step(totp: TotpRow, code: string): number | null {
    return totpStep(openSecret(totp.secret_encrypted, this.config.jwtSecret), code, totp.last_time_step === null ? null : Number(totp.last_time_step));
  }
}
