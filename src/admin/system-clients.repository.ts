/**
 * Administration of `system_clients` (identity's table; sign-in reads it through
 * identity/system-clients.repository.ts). Secrets arrive here already hashed.
 */
import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../database/db';
import type { AgencyType } from '../identity/roles';

/** A system client as the national admin sees it: never a secret or its hash. */
export interface SystemClientRow {
  id: string;
  name: string;
  agency: { id: string; name: string; type: AgencyType };
  scopes: string[];
  rateLimitPerMinute: number;
  createdAt: Date;
  rotatedAt: Date | null;
  previousSecretExpiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
}

const COLUMNS = `sc.id, sc.name, json_build_object('id', a.id, 'name', a.name, 'type', a.type) AS agency, sc.scopes,
  sc.rate_limit_per_minute AS "rateLimitPerMinute", sc.created_at AS "createdAt", sc.rotated_at AS "rotatedAt",
  CASE WHEN sc.previous_secret_expires_at > now() THEN sc.previous_secret_expires_at END AS "previousSecretExpiresAt",
  sc.revoked_at AS "revokedAt", sc.revoked_reason AS "revokedReason"`;
const FROM = `system_clients sc JOIN agencies a ON a.id = sc.agency_id`;

@Injectable()
export class SystemClientsAdminRepository {
  constructor(private readonly db: Db) {}

  async page(limit: number, offset: number): Promise<{ rows: SystemClientRow[]; total: number }> {
    const rows = await this.db.query<SystemClientRow>(
      `SELECT ${COLUMNS} FROM ${FROM} ORDER BY sc.revoked_at IS NOT NULL, sc.name LIMIT $1 OFFSET $2`, [limit, offset],
    );
    const [{ n }] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM system_clients`);
    return { rows, total: n };
  }

  async client(tx: Tx | Db, id: string): Promise<SystemClientRow | undefined> {
    const [row] = await tx.query<SystemClientRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE sc.id = $1`, [id]);
    return row;
  }

  /** Locks the client for a change; returns whether it is revoked, or undefined when absent. */
  async lock(tx: Tx, id: string): Promise<{ revoked: boolean } | undefined> {
    const [row] = await tx.query<{ revoked: boolean }>(`SELECT revoked_at IS NOT NULL AS revoked FROM system_clients WHERE id = $1 FOR UPDATE`, [id]);
    return row;
  }

  async agency(tx: Tx, id: string): Promise<{ id: string; type: AgencyType } | undefined> {
    const [row] = await tx.query<{ id: string; type: AgencyType }>(`SELECT id, type FROM agencies WHERE id = $1`, [id]);
    return row;
  }

  async nameTaken(tx: Tx, name: string, exceptId: string | null = null): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM system_clients WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`, [name, exceptId]);
    return rows.length > 0;
  }

  async insert(tx: Tx, c: { name: string; agencyId: string; scopes: string[]; rateLimitPerMinute: number; secretHash: string; createdBy: string }): Promise<string> {
    const [{ id }] = await tx.query<{ id: string }>(
      `INSERT INTO system_clients (name, agency_id, scopes, rate_limit_per_minute, secret_hash, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [c.name, c.agencyId, c.scopes, c.rateLimitPerMinute, c.secretHash, c.createdBy],
    );
    return id;
  }

  async update(tx: Tx, id: string, c: { name: string; scopes: string[]; rateLimitPerMinute: number }): Promise<void> {
    await tx.query(`UPDATE system_clients SET name = $2, scopes = $3, rate_limit_per_minute = $4 WHERE id = $1`, [id, c.name, c.scopes, c.rateLimitPerMinute]);
  }

  /**
   * A new secret (the next version). With an overlap the current one stays valid that long, with
   * the tokens issued with it; without one, both stop at once.
   */
  async rotate(tx: Tx, id: string, secretHash: string, overlapSeconds: number): Promise<void> {
    await tx.query(
      `UPDATE system_clients
          SET previous_secret_hash = CASE WHEN $3::int > 0 THEN secret_hash END,
              previous_secret_expires_at = CASE WHEN $3::int > 0 THEN now() + make_interval(secs => $3::int) END,
              secret_hash = $2, secret_version = secret_version + 1, rotated_at = now()
        WHERE id = $1`,
      [id, secretHash, overlapSeconds],
    );
  }

  async revoke(tx: Tx, id: string, reason: string | null): Promise<void> {
    await tx.query(
      `UPDATE system_clients SET revoked_at = now(), revoked_reason = $2, previous_secret_hash = NULL, previous_secret_expires_at = NULL WHERE id = $1`,
      [id, reason],
    );
  }
}
