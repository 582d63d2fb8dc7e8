/** The second factor's tables: `user_totp` (encrypted seed, last accepted step) and `user_recovery_codes` (hashes). */
import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../database/db';

export interface TotpRow {
  secret_encrypted: string;
  confirmed: boolean;
  last_time_step: string | null;
}

@Injectable()
export class MfaRepository {
  constructor(private readonly db: Db) {}

  /** Whether the user signs in with a confirmed TOTP. */
  async totpEnabled(userId: string): Promise<boolean> {
    const [row] = await this.db.query<{ on: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM user_totp WHERE user_id = $1 AND confirmed_at IS NOT NULL) AS on`, [userId]);
    return row.on;
  }

  /** The user's seed, locked: two codes checked at once are serialised (a code counts once). */
  async lockTotp(tx: Tx, userId: string): Promise<TotpRow | undefined> {
    const [row] = await tx.query<TotpRow>(
      `SELECT secret_encrypted, confirmed_at IS NOT NULL AS confirmed, last_time_step::text AS last_time_step
         FROM user_totp WHERE user_id = $1 FOR UPDATE`,
      [userId],
    );
    return row;
  }

  /** A new, unconfirmed seed; refused (false) while a confirmed one exists. */
  async saveUnconfirmed(tx: Tx, userId: string, secretEncrypted: string): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO user_totp (user_id, secret_encrypted) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_encrypted = EXCLUDED.secret_encrypted, created_at = now(), last_time_step = NULL
        WHERE user_totp.confirmed_at IS NULL
       RETURNING user_id`,
      [userId, secretEncrypted],
    );
    return rows.length === 1;
  }

  /** Records the step of an accepted code; `confirm` also activates the seed. */
  async acceptStep(tx: Tx, userId: string, timeStep: number, confirm: boolean): Promise<void> {
    await tx.query(
      `UPDATE user_totp SET last_time_step = $2${confirm ? ', confirmed_at = now()' : ''} WHERE user_id = $1`,
      [userId, timeStep],
    );
  }

  async replaceRecoveryCodes(tx: Tx, userId: string, hashes: string[]): Promise<void> {
    await tx.query(`DELETE FROM user_recovery_codes WHERE user_id = $1`, [userId]);
    await tx.query(
      `INSERT INTO user_recovery_codes (code_hash, user_id) SELECT h, $1 FROM unnest($2::text[]) AS h`,
      [userId, hashes],
    );
  }

  /** Spends a recovery code: true once, false ever after (or for a code that is not the user's). */
  async useRecoveryCode(tx: Tx, userId: string, hash: string): Promise<boolean> {
    const rows = await tx.query(
      `UPDATE user_recovery_codes SET used_at = now() WHERE code_hash = $1 AND user_id = $2 AND used_at IS NULL RETURNING code_hash`,
      [hash, userId],
    );
    return rows.length === 1;
  }

  async recoveryCodesLeft(tx: Tx, userId: string): Promise<number> {
    const [row] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL`, [userId]);
    return row.n;
  }

  async remove(tx: Tx, userId: string): Promise<void> {
    await tx.query(`DELETE FROM user_recovery_codes WHERE user_id = $1`, [userId]);
    await tx.query(`DELETE FROM user_totp WHERE user_id = $1`, [userId]);
  }
}
