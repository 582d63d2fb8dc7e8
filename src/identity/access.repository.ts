/**
 * Access scoping as named queries: which cases a caller may see at all, and which agencies serve a
 * commune. Every module that reads cases or agencies composes these fragments into its own SQL (or
 * calls the methods here), so a scope rule is written once. A case outside the caller's scope does
 * not exist for them (404, never 403).
 */
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/db';
import { JURISDICTION_ROLES, leadsCase } from './policy';
import { isClient, type Caller, type ClientPrincipal, type Principal } from './roles';

/** Pushes a parameter and returns its placeholder (`$n`). */
export type Bind = (value: unknown) => string;

/** A binder over a params array: each bound value gets the next placeholder. */
export function binder(params: unknown[]): Bind {
  return (value) => {
    params.push(value);
    return `$${params.length}`;
  };
}

/**
 * The SQL predicate (over `cases <alias>`) of the cases this caller may see at all.
 * - commune staff and auditors: cases their commune leads, shares (the partner commune of a
 *   two-commune case) or is asked to take (a pending transfer) — or, at province level, those of
 *   every commune of their province. Only the lead commune acts (`leadsCase`);
 * - partner agencies: cases on which their agency holds a handoff still in sight (under way, or
 *   completed within PARTNER_SIGHT_DAYS; never after a cancellation or a refusal), plus reports
 *   they filed themselves until the commune takes them up;
 * - hotline operators and village collaborators: only the reports they filed, until the commune takes them up;
 * - admins: none (they manage users and holidays, not cases).
 */
export function caseScopeSql(p: Principal, bind: Bind, alias = 'c'): string {
  const filedAndNotYetTaken = () => `(${alias}.created_by = ${bind(p.userId)} AND ${alias}.state = 'received' AND ${alias}.assignee_id IS NULL)`;
  switch (p.role) {
    case 'social_worker':
    case 'supervisor':
    case 'chair':
    case 'auditor':
      if (p.communeCode) {
        const commune = bind(p.communeCode);
        return `(${alias}.commune_code = ${commune} OR ${alias}.partner_commune_code = ${commune} OR ${alias}.pending_commune_code = ${commune})`;
      }
      if (p.provinceCode) {
        const communes = `(SELECT code FROM communes WHERE province_code = ${bind(p.provinceCode)})`;
        return `(${alias}.commune_code IN ${communes} OR ${alias}.partner_commune_code IN ${communes} OR ${alias}.pending_commune_code IN ${communes})`;
      }
      return 'FALSE';
    case 'hotline_operator':
    case 'village_collaborator':
      return filedAndNotYetTaken();
    case 'police':
    case 'health':
    case 'education':
    case 'legal_aid':
    case 'social_work_center':
      return `(EXISTS (SELECT 1 FROM handoffs sh WHERE sh.case_id = ${alias}.id AND sh.agency_id = ${bind(p.agencyId)} AND ${handoffVisibleSql('sh')})
               OR ${filedAndNotYetTaken()})`;
    default:
      return 'FALSE';
  }
}

/**
 * The cases whose figures are the caller's (oversight: overdue board, SLA, statistics): as
 * `caseScopeSql`, but commune and province staff count only the cases their communes lead.
 */
export function leadCaseScopeSql(p: Principal, bind: Bind, alias = 'c'): string {
  if (!JURISDICTION_ROLES.includes(p.role)) return caseScopeSql(p, bind, alias);
  if (p.communeCode) return `${alias}.commune_code = ${bind(p.communeCode)}`;
  if (p.provinceCode) return `${alias}.commune_code IN (SELECT code FROM communes WHERE province_code = ${bind(p.provinceCode)})`;
  return 'FALSE';
}

/**
 * The SQL predicate (over `children <alias>`) of the registry records this caller may see: commune
 * staff and auditors those living in their commune (or province, at province level) and the
 * children of any case in their scope; nobody else browses the registry (a partner agency sees the
 * child only through its handoff's case; intake offers candidates, see children/). Records merged
 * into another are never listed.
 */
export function childScopeSql(p: Principal, bind: Bind, alias = 'ch'): string {
  switch (p.role) {
    case 'social_worker':
    case 'supervisor':
    case 'chair':
    case 'auditor': {
      const home = p.communeCode ? `${alias}.residence_commune_code = ${bind(p.communeCode)}`
        : p.provinceCode ? `${alias}.province_code = ${bind(p.provinceCode)}` : 'FALSE';
      return `(${alias}.merged_into IS NULL AND (${home} OR EXISTS (SELECT 1 FROM cases cs WHERE cs.child_id = ${alias}.id AND ${caseScopeSql(p, bind, 'cs')})))`;
    }
    default:
      return 'FALSE';
  }
}

/** The cases a system client sees: the reports it filed, until the commune takes them up (as a hotline operator). */
export function clientCaseScopeSql(c: ClientPrincipal, bind: Bind, alias = 'c'): string {
  return `(${alias}.created_by_client = ${bind(c.clientId)} AND ${alias}.state = 'received' AND ${alias}.assignee_id IS NULL)`;
}

/** The predicate "the receiving agency still sees this handoff and its case" (see `handoffs.visible_until`). */
export function handoffVisibleSql(handoff = 'h'): string {
  return `(${handoff}.visible_until IS NULL OR ${handoff}.visible_until > now())`;
}

/**
 * The predicate "agency `a` serves commune `m`": an agency of the commune itself, or a
 * province-level agency (no commune) of the commune's province.
 */
export function agencyServesCommuneSql(agency = 'a', commune = 'm'): string {
  return `(${agency}.commune_code = ${commune}.code OR (${agency}.commune_code IS NULL AND ${agency}.province_code = ${commune}.province_code))`;
}

/** The predicate "the caller's jurisdiction covers this commune/province" (directory listings). */
export function jurisdictionSql(p: Principal, bind: Bind, communeColumn: string, provinceColumn: string): string {
  if (p.communeCode) return `${communeColumn} = ${bind(p.communeCode)}`;
  if (p.provinceCode) return `${provinceColumn} = ${bind(p.provinceCode)}`;
  return 'TRUE'; // national agencies (hotline 111) file reports for any commune
}

/** Agency types that never receive handoffs. */
const NON_PARTNER_AGENCY_TYPES = ['hotline_111', 'people_committee', 'provincial_health_department'];

@Injectable()
export class AccessRepository {
  /** Whether the case exists within the caller's scope. */
  async caseInScope(tx: Tx, p: Principal, caseId: string): Promise<boolean> {
    const params: unknown[] = [caseId];
    const rows = await tx.query(`SELECT 1 FROM cases c WHERE c.id = $1 AND ${caseScopeSql(p, binder(params))}`, params);
    return rows.length > 0;
  }

  /** The commune leading the case, if the case exists within the caller's scope. */
  async caseCommuneInScope(tx: Tx, p: Principal, caseId: string): Promise<string | undefined> {
    const params: unknown[] = [caseId];
    const rows: Array<{ commune_code: string }> = await tx.query(
      `SELECT c.commune_code FROM cases c WHERE c.id = $1 AND ${caseScopeSql(p, binder(params))}`, params,
    );
    return rows[0]?.commune_code;
  }

  /** The agency of `type` that serves the commune (its own before the province's), if any. */
  async agencyOfTypeServing(tx: Tx, communeCode: string, type: string): Promise<string | undefined> {
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT a.id FROM agencies a JOIN communes m ON m.code = $1
        WHERE a.type = $2 AND ${agencyServesCommuneSql()}
        ORDER BY (a.commune_code IS NULL), a.name LIMIT 1`,
      [communeCode, type],
    );
    return rows[0]?.id;
  }

  /** The agency if it serves the commune and can receive handoffs. */
  async partnerAgencyServing(tx: Tx, agencyId: string, communeCode: string): Promise<{ id: string; type: string } | undefined> {
    const rows: Array<{ id: string; type: string }> = await tx.query(
      `SELECT a.id, a.type FROM agencies a JOIN communes m ON m.code = $2
        WHERE a.id = $1 AND ${agencyServesCommuneSql()} AND a.type <> ALL($3)`,
      [agencyId, communeCode, NON_PARTNER_AGENCY_TYPES],
    );
    return rows[0];
  }

  /** Which of `types` have an agency serving the commune. */
  async agencyTypesServing(tx: Tx, communeCode: string, types: string[]): Promise<string[]> {
    const rows: Array<{ type: string }> = await tx.query(
      `SELECT DISTINCT a.type FROM agencies a JOIN communes m ON m.code = $1 WHERE a.type = ANY($2) AND ${agencyServesCommuneSql()}`,
      [communeCode, types],
    );
    return rows.map((r) => r.type);
  }

  /**
   * Whether the caller may act on a case led by this commune (`leadsCase`): a province-level
   * caller's province is looked up; everyone else is decided without a query.
   */
  async leadsCase(tx: Tx, p: Principal, leadCommuneCode: string): Promise<boolean> {
    if (!JURISDICTION_ROLES.includes(p.role) || p.communeCode || !p.provinceCode) {
      return leadsCase(p, { communeCode: leadCommuneCode, provinceCode: null });
    }
    const rows: Array<{ province_code: string }> = await tx.query(`SELECT province_code FROM communes WHERE code = $1`, [leadCommuneCode]);
    return leadsCase(p, { communeCode: leadCommuneCode, provinceCode: rows[0]?.province_code ?? null });
  }

  /** A commune's child affairs office (Phòng Văn hóa - Xã hội): where a case transferred to the commune is addressed. */
  async childAffairsOffice(tx: Tx, communeCode: string): Promise<string | undefined> {
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT id FROM agencies WHERE type = 'child_affairs_office' AND commune_code = $1 ORDER BY name LIMIT 1`, [communeCode],
    );
    return rows[0]?.id;
  }

  /** Whether the user is an active social worker or supervisor of the commune (may be assigned its cases). */
  async mayBeAssigned(tx: Tx, userId: string, communeCode: string): Promise<boolean> {
    const rows = await tx.query(
      `SELECT 1 FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.id = $1 AND u.active AND u.role IN ('social_worker', 'supervisor') AND a.commune_code = $2`,
      [userId, communeCode],
    );
    return rows.length > 0;
  }
}

/**
 * Why a caller may see what a route serves them: the scope rule of `caseScopeSql` (and of the
 * registry, the boards and the statistics, which narrow it) that applies to their role, with the
 * jurisdiction or agency it is evaluated against. Recorded in every audit entry written while
 * serving them (`access.basis`).
 */
export function scopeBasis(c: Caller): Record<string, unknown> {
  if (isClient(c)) return { rule: 'system_client_own_reports', clientId: c.clientId, agencyId: c.agencyId };
  const where = { role: c.role, agencyId: c.agencyId, communeCode: c.communeCode, provinceCode: c.provinceCode };
  switch (c.role) {
    case 'social_worker':
    case 'supervisor':
    case 'chair':
    case 'auditor':
      return { rule: c.communeCode ? 'commune_jurisdiction' : c.provinceCode ? 'province_jurisdiction' : 'none', ...where };
    case 'hotline_operator':
    case 'village_collaborator':
      return { rule: 'own_reports_until_taken_up', ...where };
    case 'police':
    case 'health':
    case 'education':
    case 'legal_aid':
    case 'social_work_center':
      return { rule: 'agency_handoffs_in_sight', ...where };
    default:
      return { rule: 'administration_no_cases', ...where };
  }
}
