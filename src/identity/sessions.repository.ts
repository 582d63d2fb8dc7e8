/**
 * The identity module's session tables (`sessions`, `session_refresh_tokens`) and the standing a
 * request is authorised with: a live session joined with its user's role, agency and jurisdiction.
 * Revocations are announced with NOTIFY inside the revoking transaction, so every API process
 * hears of them exactly when they commit (never before: a process re-reading at once sees them).
 */
import { Injectable } from '@nestjs/common';
import { Client } from 'pg';
import { Db, Tx } from '../database/db';
import type { AgencyType, Role } from './roles';

/** What a request is authorised with: read from the database, never from the token. */
export interface SessionStanding {
  session_live: boolean;
  user_id: string;
  username: string;
  active: boolean;
  must_change_password: boolean;
  totp_enabled: boolean;
  role: Role;
  agency_id: string;
  agency_type: AgencyType;
  province_code: string | null;
  commune_code: string | null;
}

export interface RefreshTokenRow {
  session_id: string;
  user_id: string;
  role: Role;
  used_at: Date | null;
  session_live: boolean;
  user_active: boolean;
}

/** The NOTIFY channel of revocations and standing changes; its payload is the user's id. */
export const SESSIONS_CHANNEL = 'baove_sessions';

@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Db) {}

  /** Deletes the sessions (with their refresh tokens, their address and browser) that ended before `before`; how many. */
  async purgeEndedBefore(tx: Tx, before: Date): Promise<number> {
    const rows = await tx.query(
      `DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1 RETURNING 1`, [before],
    );
    return rows.length;
  }

  async create(tx: Tx, s: { userId: string; ttlSeconds: number; ip: string | null; userAgent: string | null; tokenHash: string }): Promise<string> {
    const [row] = await tx.query<{ id: string }>(
      `WITH s AS (
         INSERT INTO sessions (user_id, expires_at, ip, user_agent) VALUES ($1, now() + make_interval(secs => $2), $3, $4) RETURNING id
       )
       INSERT INTO session_refresh_tokens (token_hash, session_id) SELECT $5, id FROM s RETURNING session_id AS id`,
      [s.userId, s.ttlSeconds, s.ip, s.userAgent, s.tokenHash],
    );
    return row.id;
  }

  /** The refresh token and its session, locked: two refreshes with one token are serialised. */
  async lockRefreshToken(tx: Tx, tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const [row] = await tx.query<RefreshTokenRow>(
      `SELECT t.session_id, s.user_id, u.role, t.used_at, (s.revoked_at IS NULL AND s.expires_at > now()) AS session_live, u.active AS user_active
         FROM session_refresh_tokens t JOIN sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id
        WHERE t.token_hash = $1 FOR UPDATE OF t, s`,
      [tokenHash],
    );
    return row;
  }

  /** Marks the token used and issues its successor in the same session. */
  async rotate(tx: Tx, oldHash: string, sessionId: string, newHash: string): Promise<void> {
    await tx.query(`UPDATE session_refresh_tokens SET used_at = now() WHERE token_hash = $1`, [oldHash]);
    await tx.query(`INSERT INTO session_refresh_tokens (token_hash, session_id) VALUES ($1, $2)`, [newHash, sessionId]);
    await tx.query(`UPDATE sessions SET last_refreshed_at = now() WHERE id = $1`, [sessionId]);
  }

  /** Revokes one session; returns its user's id if it was live. */
  async revoke(tx: Tx, sessionId: string, reason: string): Promise<string | undefined> {
    const [row] = await tx.query<{ user_id: string }>(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING user_id`,
      [sessionId, reason],
    );
    if (row) await this.announce(tx, row.user_id);
    return row?.user_id;
  }

  /** Revokes every live session of the user (but `exceptSessionId`); returns how many. */
  async revokeAll(tx: Tx, userId: string, reason: string, exceptSessionId: string | null): Promise<number> {
    const rows = await tx.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid) RETURNING id`,
      [userId, reason, exceptSessionId],
    );
    await this.announce(tx, userId);
    return rows.length;
  }

  /** Tells every process, at commit, to forget what it cached about this user's sessions and standing. */
  async announce(tx: Tx, userId: string): Promise<void> {
    await tx.query(`SELECT pg_notify($1, $2)`, [SESSIONS_CHANNEL, userId]);
  }

  async standing(sessionId: string, userId: string): Promise<SessionStanding | undefined> {
    const [row] = await this.db.query<SessionStanding>(
      `SELECT (s.revoked_at IS NULL AND s.expires_at > now()) AS session_live, u.id AS user_id, u.username, u.active,
              u.must_change_password, u.role,
              EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) AS totp_enabled, a.id AS agency_id, a.type AS agency_type, a.province_code, a.commune_code
         FROM sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id
        WHERE s.id = $1 AND s.user_id = $2`,
      [sessionId, userId],
    );
    return row;
  }

  /**
   * A connection of its own that LISTENs for revocations. `onLost` is called when it breaks (the
   * caller forgets everything it cached, since notices may have been missed, and listens again).
   */
  async listen(onUser: (userId: string) => void, onLost: (e: Error) => void): Promise<{ close(): Promise<void> }> {
    const client = new Client({ connectionString: this.db.url, application_name: 'baove-sessions' });
    let closing = false;
    client.on('notification', (n) => {
      if (n.channel === SESSIONS_CHANNEL && n.payload) onUser(n.payload);
    });
    client.on('error', (e) => {
      if (!closing) onLost(e);
    });
    client.on('end', () => {
      if (!closing) onLost(new Error('connection ended'));
    });
    await client.connect();
    await client.query(`LISTEN ${SESSIONS_CHANNEL}`);
    return {
      async close() {
        closing = true;
        await client.end().catch(() => undefined);
      },
    };
  }
}
