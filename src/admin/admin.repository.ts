/**
 * The administration's SQL over the identity tables (provinces, communes, agencies, users) and the
 * one read of cases it needs (the communes of the cases a holiday change touches). Every listing
 * and every lock takes the administrator's province (`null`: every province) and folds it into the
 * query, so a row outside it does not exist for them (404).
 */
import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../database/db';
import { binder, type Bind } from '../identity/access.repository';
import type { AgencyType, Role } from '../identity/roles';

/** `null`: every province (national admin). */
export type AdminScope = string | null;

export interface AdminUserRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  active: boolean;
  mustChangePassword: boolean;
  agency: { id: string; type: AgencyType; name: string };
  provinceCode: string | null;
  communeCode: string | null;
  createdAt: Date;
}

export interface AdminAgencyRow {
  id: string;
  type: AgencyType;
  name: string;
  provinceCode: string | null;
  communeCode: string | null;
  users: number;
}

export interface UserFilter {
  q?: string;
  role?: string;
  agencyId?: string;
  provinceCode?: string;
  communeCode?: string;
  active?: boolean;
}

export interface AgencyFilter {
  q?: string;
  type?: string;
  provinceCode?: string;
  communeCode?: string;
}

export interface AffectedCase {
  id: string;
  code: string;
  communeCode: string;
  communeName: string;
  provinceCode: string;
}

const USER_COLUMNS = `u.id, u.username, u.full_name AS "fullName", u.role, u.active, u.must_change_password AS "mustChangePassword",
  json_build_object('id', a.id, 'type', a.type, 'name', a.name) AS agency, a.province_code AS "provinceCode",
  a.commune_code AS "communeCode", u.created_at AS "createdAt"`;

const AGENCY_COLUMNS = `a.id, a.type, a.name, a.province_code AS "provinceCode", a.commune_code AS "communeCode",
  (SELECT count(*)::int FROM users x WHERE x.agency_id = a.id) AS users`;

/** The predicate "agency `a` is within the scope". National agencies have no province: only the national admin sees them. */
function scopeSql(scope: AdminScope, bind: Bind, agency = 'a'): string {
  return scope === null ? 'TRUE' : `${agency}.province_code = ${bind(scope)}`;
}

/** `%…%` with LIKE's wildcards taken literally. */
const contains = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

@Injectable()
export class AdminRepository {
  constructor(private readonly db: Db) {}

  async userPage(scope: AdminScope, f: UserFilter, limit: number, offset: number): Promise<{ rows: AdminUserRow[]; total: number }> {
    const params: unknown[] = [];
    const bind = binder(params);
    const where = [scopeSql(scope, bind)];
    if (f.q) where.push(`(u.username ILIKE ${bind(contains(f.q))} OR u.full_name ILIKE ${bind(contains(f.q))})`);
    if (f.role) where.push(`u.role = ${bind(f.role)}`);
    if (f.agencyId) where.push(`a.id = ${bind(f.agencyId)}`);
    if (f.provinceCode) where.push(`a.province_code = ${bind(f.provinceCode)}`);
    if (f.communeCode) where.push(`a.commune_code = ${bind(f.communeCode)}`);
    if (f.active !== undefined) where.push(`u.active = ${bind(f.active)}`);
    const sql = `FROM users u JOIN agencies a ON a.id = u.agency_id WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total ${sql}`, params);
    const rows = await this.db.query<AdminUserRow>(
      `SELECT ${USER_COLUMNS} ${sql} ORDER BY u.username LIMIT ${bind(limit)} OFFSET ${bind(offset)}`, params,
    );
    return { rows, total };
  }

  /** The user within the scope, locked for the command; undefined outside it. */
  async lockUser(tx: Tx, scope: AdminScope, id: string): Promise<AdminUserRow | undefined> {
    const params: unknown[] = [id];
    const rows = await tx.query<AdminUserRow>(
      `SELECT ${USER_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.id = $1 AND ${scopeSql(scope, binder(params))} FOR UPDATE OF u`, params,
    );
    return rows[0];
  }

  async user(tx: Tx, id: string): Promise<AdminUserRow> {
    const [row] = await tx.query<AdminUserRow>(`SELECT ${USER_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1`, [id]);
    return row;
  }

  async userInScope(scope: AdminScope, id: string): Promise<AdminUserRow | undefined> {
    const params: unknown[] = [id];
    const rows = await this.db.query<AdminUserRow>(
      `SELECT ${USER_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1 AND ${scopeSql(scope, binder(params))}`, params,
    );
    return rows[0];
  }

  async usernameTaken(tx: Tx, username: string): Promise<boolean> {
    return (await tx.query(`SELECT 1 FROM users WHERE lower(username) = lower($1)`, [username])).length > 0;
  }

  async insertUser(tx: Tx, u: { username: string; fullName: string; role: Role; agencyId: string; passwordHash: string }): Promise<string> {
    const [{ id }] = await tx.query<{ id: string }>(
      `INSERT INTO users (username, password_hash, full_name, role, agency_id, must_change_password) VALUES ($1, $2, $3, $4, $5, true) RETURNING id`,
      [u.username, u.passwordHash, u.fullName, u.role, u.agencyId],
    );
    return id;
  }

  async updateUser(tx: Tx, id: string, u: { fullName: string; role: Role; agencyId: string }): Promise<void> {
    await tx.query(`UPDATE users SET full_name = $2, role = $3, agency_id = $4 WHERE id = $1`, [id, u.fullName, u.role, u.agencyId]);
  }

  async setActive(tx: Tx, id: string, active: boolean): Promise<void> {
    await tx.query(`UPDATE users SET active = $2 WHERE id = $1`, [id, active]);
  }

  /** A password the user must change at the next sign-in. */
  async setTemporaryPassword(tx: Tx, id: string, passwordHash: string): Promise<void> {
    await tx.query(`UPDATE users SET password_hash = $2, must_change_password = true WHERE id = $1`, [id, passwordHash]);
  }

  async agencyPage(scope: AdminScope, f: AgencyFilter, limit: number, offset: number): Promise<{ rows: AdminAgencyRow[]; total: number }> {
    const params: unknown[] = [];
    const bind = binder(params);
    const where = [scopeSql(scope, bind)];
    if (f.q) where.push(`a.name ILIKE ${bind(contains(f.q))}`);
    if (f.type) where.push(`a.type = ${bind(f.type)}`);
    if (f.provinceCode) where.push(`a.province_code = ${bind(f.provinceCode)}`);
    if (f.communeCode) where.push(`a.commune_code = ${bind(f.communeCode)}`);
    const sql = `FROM agencies a WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total ${sql}`, params);
    const rows = await this.db.query<AdminAgencyRow>(
      `SELECT ${AGENCY_COLUMNS} ${sql} ORDER BY a.province_code NULLS FIRST, a.commune_code NULLS FIRST, a.type, a.name
        LIMIT ${bind(limit)} OFFSET ${bind(offset)}`, params,
    );
    return { rows, total };
  }

  /** The agency within the scope (locked when `lock`); undefined outside it. */
  async agencyInScope(tx: Tx, scope: AdminScope, id: string, lock = false): Promise<AdminAgencyRow | undefined> {
    const params: unknown[] = [id];
    const rows = await tx.query<AdminAgencyRow>(
      `SELECT ${AGENCY_COLUMNS} FROM agencies a WHERE a.id = $1 AND ${scopeSql(scope, binder(params))}${lock ? ' FOR UPDATE OF a' : ''}`, params,
    );
    return rows[0];
  }

  async agency(tx: Tx, id: string): Promise<AdminAgencyRow> {
    const [row] = await tx.query<AdminAgencyRow>(`SELECT ${AGENCY_COLUMNS} FROM agencies a WHERE a.id = $1`, [id]);
    return row;
  }

  async insertAgency(tx: Tx, a: { type: AgencyType; name: string; provinceCode: string | null; communeCode: string | null }): Promise<string> {
    const [{ id }] = await tx.query<{ id: string }>(
      `INSERT INTO agencies (type, name, province_code, commune_code) VALUES ($1, $2, $3, $4) RETURNING id`,
      [a.type, a.name, a.provinceCode, a.communeCode],
    );
    return id;
  }

  async updateAgency(tx: Tx, id: string, a: { type: AgencyType; name: string }): Promise<void> {
    await tx.query(`UPDATE agencies SET type = $2, name = $3 WHERE id = $1`, [id, a.type, a.name]);
  }

  /** The distinct roles of the agency's users. */
  async rolesIn(tx: Tx, agencyId: string): Promise<Role[]> {
    return (await tx.query<{ role: Role }>(`SELECT DISTINCT role FROM users WHERE agency_id = $1`, [agencyId])).map((r) => r.role);
  }

  /** Whether an agency of this type and name already sits at this place. */
  async agencyExists(tx: Tx, a: { type: string; name: string; provinceCode: string | null; communeCode: string | null }, except?: string): Promise<boolean> {
    return (await tx.query(
      `SELECT 1 FROM agencies WHERE type = $1 AND lower(name) = lower($2) AND province_code IS NOT DISTINCT FROM $3
          AND commune_code IS NOT DISTINCT FROM $4 AND id IS DISTINCT FROM $5::uuid`,
      [a.type, a.name, a.provinceCode, a.communeCode, except ?? null],
    )).length > 0;
  }

  async commune(tx: Tx, code: string): Promise<{ code: string; name: string; provinceCode: string } | undefined> {
    const [row] = await tx.query<{ code: string; name: string; provinceCode: string }>(
      `SELECT code, name, province_code AS "provinceCode" FROM communes WHERE code = $1`, [code],
    );
    return row;
  }

  async provinceExists(tx: Tx, code: string): Promise<boolean> {
    return (await tx.query(`SELECT 1 FROM provinces WHERE code = $1`, [code])).length > 0;
  }

  /** Provinces within the scope, with how many communes each has. */
  provinces(scope: AdminScope): Promise<Array<{ code: string; name: string; communes: number }>> {
    const params: unknown[] = [];
    const where = scope === null ? 'TRUE' : `p.code = ${binder(params)(scope)}`;
    return this.db.query(
      `SELECT p.code, p.name, (SELECT count(*)::int FROM communes m WHERE m.province_code = p.code) AS communes
         FROM provinces p WHERE ${where} ORDER BY p.name`, params,
    );
  }

  /** Communes within the scope, paged. */
  async communePage(scope: AdminScope, f: { provinceCode?: string; q?: string }, limit: number, offset: number) {
    const params: unknown[] = [];
    const bind = binder(params);
    const where = [scope === null ? 'TRUE' : `m.province_code = ${bind(scope)}`];
    if (f.provinceCode) where.push(`m.province_code = ${bind(f.provinceCode)}`);
    if (f.q) where.push(`(m.name ILIKE ${bind(contains(f.q))} OR m.code ILIKE ${bind(contains(f.q))})`);
    const sql = `FROM communes m WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total ${sql}`, params);
    const rows = await this.db.query<{ code: string; name: string; provinceCode: string; casePrefix: string }>(
      `SELECT m.code, m.name, m.province_code AS "provinceCode", m.case_prefix AS "casePrefix" ${sql}
        ORDER BY m.province_code, m.name LIMIT ${bind(limit)} OFFSET ${bind(offset)}`, params,
    );
    return { rows, total };
  }

  /** One import at a time: two imports of overlapping files would race on prefixes. */
  async lockUnits(tx: Tx): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('administrative-units-import', 0))`);
  }

  async allProvinces(tx: Tx): Promise<Map<string, string>> {
    const rows = await tx.query<{ code: string; name: string }>(`SELECT code, name FROM provinces`);
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async allCommunes(tx: Tx): Promise<Map<string, { name: string; provinceCode: string; casePrefix: string }>> {
    const rows = await tx.query<{ code: string; name: string; province_code: string; case_prefix: string }>(
      `SELECT code, name, province_code, case_prefix FROM communes`,
    );
    return new Map(rows.map((r) => [r.code, { name: r.name, provinceCode: r.province_code, casePrefix: r.case_prefix }]));
  }

  async upsertProvince(tx: Tx, code: string, name: string): Promise<void> {
    await tx.query(`INSERT INTO provinces (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`, [code, name]);
  }

  async insertCommune(tx: Tx, c: { code: string; name: string; provinceCode: string; casePrefix: string }): Promise<void> {
    await tx.query(`INSERT INTO communes (code, province_code, name, case_prefix) VALUES ($1, $2, $3, $4)`, [c.code, c.provinceCode, c.name, c.casePrefix]);
  }

  async renameCommune(tx: Tx, code: string, name: string): Promise<void> {
    await tx.query(`UPDATE communes SET name = $2 WHERE code = $1`, [code, name]);
  }

  /** The cases (code and commune) of the given ids. */
  casesOf(tx: Tx, ids: string[]): Promise<AffectedCase[]> {
    return tx.query(
      `SELECT c.id, c.code, c.commune_code AS "communeCode", m.name AS "communeName", m.province_code AS "provinceCode"
         FROM cases c JOIN communes m ON m.code = c.commune_code WHERE c.id = ANY($1::uuid[]) ORDER BY c.code`, [ids],
    );
  }
}
