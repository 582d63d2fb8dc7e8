/**
 * What sign-in of a system client reads from `system_clients` (administered in src/admin/): its
 * credentials at the token endpoint, and its standing — live, secret version, scopes, rate limit,
 * agency and jurisdiction — on every request it makes.
 */
import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import type { AgencyType } from './roles';

export interface ClientCredentialsRow {
  id: string;
  secret_hash: string;
  secret_version: number;
  /** The previous secret while its overlap lasts, else null. */
  live_previous_secret_hash: string | null;
  revoked: boolean;
  scopes: string[];
}

export interface ClientStanding {
  id: string;
  name: string;
  revoked: boolean;
  secret_version: number;
  previous_secret_live: boolean;
  scopes: string[];
  rate_limit_per_minute: number;
  agency_id: string;
  agency_type: AgencyType;
  province_code: string | null;
  commune_code: string | null;
}

@Injectable()
export class SystemClientsRepository {
  constructor(private readonly db: Db) {}

  async credentials(id: string): Promise<ClientCredentialsRow | undefined> {
    const [row] = await this.db.query<ClientCredentialsRow>(
      `SELECT id, secret_hash, secret_version, scopes, revoked_at IS NOT NULL AS revoked,
              CASE WHEN previous_secret_expires_at > now() THEN previous_secret_hash END AS live_previous_secret_hash
         FROM system_clients WHERE id = $1`,
      [id],
    );
    return row;
  }

  async standing(id: string): Promise<ClientStanding | undefined> {
    const [row] = await this.db.query<ClientStanding>(
      `SELECT sc.id, sc.name, sc.revoked_at IS NOT NULL AS revoked, sc.secret_version,
              COALESCE(sc.previous_secret_expires_at > now(), false) AS previous_secret_live, sc.scopes, sc.rate_limit_per_minute,
              a.id AS agency_id, a.type AS agency_type, a.province_code, a.commune_code
         FROM system_clients sc JOIN agencies a ON a.id = sc.agency_id WHERE sc.id = $1`,
      [id],
    );
    return row;
  }
}
