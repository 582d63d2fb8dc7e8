import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../database/db';

export interface SettingsRow {
  language: 'vi' | 'en';
  quiet_start: number | null;
  quiet_end: number | null;
  channels: Record<string, string[]>;
}

export interface ContactRow {
  kind: 'email' | 'phone';
  value: string;
  verified_at: Date | null;
  code_hash: string | null;
  code_expires_at: Date | null;
  code_attempts: number;
  updated_at: Date;
}

export interface PushRow {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: Date;
}

/** `notification_settings`, `user_contacts` and `push_subscriptions`: what each user chose and has. */
@Injectable()
export class PreferencesRepository {
  constructor(private readonly db: Db) {}

  async settings(userId: string): Promise<SettingsRow | undefined> {
    const rows = await this.db.query<SettingsRow>(`SELECT language, quiet_start, quiet_end, channels FROM notification_settings WHERE user_id = $1`, [userId]);
    return rows[0];
  }

  async saveSettings(tx: Tx, userId: string, s: SettingsRow, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO notification_settings (user_id, language, quiet_start, quiet_end, channels, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id) DO UPDATE SET language = $2, quiet_start = $3, quiet_end = $4, channels = $5, updated_at = $6`,
      [userId, s.language, s.quiet_start, s.quiet_end, JSON.stringify(s.channels), now],
    );
  }

  contacts(userId: string): Promise<ContactRow[]> {
    return this.db.query<ContactRow>(`SELECT kind, value, verified_at, code_hash, code_expires_at, code_attempts, updated_at FROM user_contacts WHERE user_id = $1 ORDER BY kind`, [userId]);
  }

  async lockContact(tx: Tx, userId: string, kind: string): Promise<ContactRow | undefined> {
    const rows = await tx.query<ContactRow>(
      `SELECT kind, value, verified_at, code_hash, code_expires_at, code_attempts, updated_at FROM user_contacts WHERE user_id = $1 AND kind = $2 FOR UPDATE`, [userId, kind],
    );
    return rows[0];
  }

  /** A new address waiting for its code (replaces the former one, verified or not). */
  async setPending(tx: Tx, userId: string, kind: string, value: string, codeHash: string, expiresAt: Date, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO user_contacts (user_id, kind, value, verified_at, code_hash, code_expires_at, code_attempts, updated_at) VALUES ($1, $2, $3, NULL, $4, $5, 0, $6)
       ON CONFLICT (user_id, kind) DO UPDATE SET value = $3, verified_at = NULL, code_hash = $4, code_expires_at = $5, code_attempts = 0, updated_at = $6`,
      [userId, kind, value, codeHash, expiresAt, now],
    );
  }

  async countAttempt(tx: Tx, userId: string, kind: string): Promise<void> {
    await tx.query(`UPDATE user_contacts SET code_attempts = code_attempts + 1 WHERE user_id = $1 AND kind = $2`, [userId, kind]);
  }

  async markVerified(tx: Tx, userId: string, kind: string, now: Date): Promise<void> {
    await tx.query(`UPDATE user_contacts SET verified_at = $3, code_hash = NULL, code_expires_at = NULL, updated_at = $3 WHERE user_id = $1 AND kind = $2`, [userId, kind, now]);
  }

  async deleteContact(tx: Tx, userId: string, kind: string): Promise<boolean> {
    return (await tx.query(`DELETE FROM user_contacts WHERE user_id = $1 AND kind = $2 RETURNING 1`, [userId, kind])).length > 0;
  }

  pushSubscriptions(userId: string): Promise<PushRow[]> {
    return this.db.query<PushRow>(`SELECT id, endpoint, p256dh, auth, created_at FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at`, [userId]);
  }

  async pushSubscription(id: string): Promise<PushRow | undefined> {
    return (await this.db.query<PushRow>(`SELECT id, endpoint, p256dh, auth, created_at FROM push_subscriptions WHERE id = $1`, [id]))[0];
  }

  /** Saves a browser's subscription for this user (a device re-subscribing, or passing to another user, takes it over). */
  async savePush(tx: Tx, userId: string, s: { endpoint: string; p256dh: string; auth: string }, now: Date): Promise<string> {
    const [{ id }] = await tx.query<{ id: string }>(
      `INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (endpoint) DO UPDATE SET user_id = $1, p256dh = $3, auth = $4, created_at = $5 RETURNING id`,
      [userId, s.endpoint, s.p256dh, s.auth, now],
    );
    return id;
  }

  async deletePush(tx: Tx, userId: string, id: string): Promise<boolean> {
    return (await tx.query(`DELETE FROM push_subscriptions WHERE id = $1 AND user_id = $2 RETURNING 1`, [id, userId])).length > 0;
  }

  /** A subscription the push service says is gone (404/410). */
  async forgetPush(id: string): Promise<void> {
    await this.db.query(`DELETE FROM push_subscriptions WHERE id = $1`, [id]);
  }

  /** Whether an administrator with this scope (a province, or null for all) may see the user. */
  async userInAdminScope(userId: string, province: string | null): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1 AND ($2::text IS NULL OR a.province_code = $2)`, [userId, province],
    );
    return rows.length > 0;
  }
}
