/**
 * The identity module's tables: provinces, communes, agencies and users. Login and token checks
 * read users with their agency; the directory lists them within the caller's jurisdiction, through
 * the access repository's named predicates.
 */
import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../database/db';
import { agencyServesCommuneSql, binder, jurisdictionSql } from './access.repository';
import type { AgencyType, Principal, Role } from './roles';

/** A user with their credentials and agency, as login needs them. */
export interface LoginRow {
  id: string;
  username: string;
  full_name: string;
  role: Role;
  password_hash: string;
  active: boolean;
  must_change_password: boolean;
  agency_id: string;
  agency_type: AgencyType;
  agency_name: string;
  province_code: string | null;
  commune_code: string | null;
}

export interface CommuneEntry {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
}

export interface AgencyEntry {
  id: string;
  type: AgencyType;
  name: string;
  communeCode: string | null;
  provinceCode: string | null;
}

export interface ColleagueEntry {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  agencyId: string;
  agencyName: string;
  communeCode: string | null;
}

const LOGIN_SELECT = `SELECT u.id, u.username, u.full_name, u.role, u.password_hash, u.active, u.must_change_password,
       a.id AS agency_id, a.type AS agency_type, a.name AS agency_name, a.province_code, a.commune_code
  FROM users u JOIN agencies a ON a.id = u.agency_id`;

@Injectable()
export class IdentityRepository {
  constructor(private readonly db: Db) {}

  async userForLogin(username: string): Promise<LoginRow | undefined> {
    const [row]: LoginRow[] = await this.db.query(`${LOGIN_SELECT} WHERE u.username = $1`, [username]);
    return row;
  }

  async userWithCredentials(userId: string): Promise<LoginRow | undefined> {
    const [row]: LoginRow[] = await this.db.query(`${LOGIN_SELECT} WHERE u.id = $1`, [userId]);
    return row;
  }

  /** A new hash for the user's password; `changed` (the user chose it) also lifts a forced change. */
  async setPasswordHash(tx: Tx, userId: string, hash: string, changed: boolean): Promise<void> {
    await tx.query(
      changed
        ? `UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now() WHERE id = $1`
        : `UPDATE users SET password_hash = $2 WHERE id = $1`,
      [userId, hash],
    );
  }

  /** Communes within the caller's jurisdiction (or every one: `all`), by province and name. */
  communesInJurisdiction(p: Principal, all = false): Promise<CommuneEntry[]> {
    const params: unknown[] = [];
    return this.db.query(
      `SELECT m.code, m.name, m.province_code AS "provinceCode", pr.name AS "provinceName"
         FROM communes m JOIN provinces pr ON pr.code = m.province_code
        WHERE ${all ? 'TRUE' : jurisdictionSql(p, binder(params), 'm.code', 'm.province_code')} ORDER BY pr.name, m.name`, params,
    );
  }

  /** Agencies serving the communes of the caller's jurisdiction (or only `communeCode`): their own and their province's. */
  agenciesServing(p: Principal, communeCode?: string): Promise<AgencyEntry[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const commune = communeCode ? `AND m.code = ${bind(communeCode)}` : '';
    return this.db.query(
      `SELECT DISTINCT a.id, a.type, a.name, a.commune_code AS "communeCode", a.province_code AS "provinceCode"
         FROM agencies a JOIN communes m ON ${agencyServesCommuneSql()}
        WHERE ${jurisdictionSql(p, bind, 'm.code', 'm.province_code')} ${commune} ORDER BY a.type, a.name`, params,
    );
  }

  /** Active users of agencies within the caller's jurisdiction, optionally of one commune and role; no credentials. */
  activeUsers(p: Principal, filter: { communeCode?: string; role?: string }): Promise<ColleagueEntry[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const filters = [jurisdictionSql(p, bind, 'a.commune_code', 'a.province_code')];
    if (filter.communeCode) filters.push(`a.commune_code = ${bind(filter.communeCode)}`);
    if (filter.role) filters.push(`u.role = ${bind(filter.role)}`);
    return this.db.query(
      `SELECT u.id, u.username, u.full_name AS "fullName", u.role, a.id AS "agencyId", a.name AS "agencyName", a.commune_code AS "communeCode"
         FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.active AND ${filters.join(' AND ')} ORDER BY u.full_name`, params,
    );
  }
}
