/**
 * Access policies, in one place and pure: who may file a report, act on a handoff, and which
 * projection of a case they see. Who may send which workflow event is each workflow's event
 * contract (workflows/<name>/v<N>/events.ts); scoping is the access repository's (access.repository.ts).
 */
import type { EventContracts } from '../../workflows/contract';
import type { Caller, ClientPrincipal, Principal, Role } from './roles';
import { isClient } from './roles';
import { PARTNER_ROLES } from './roles';

const WORKERS: Role[] = ['social_worker', 'supervisor'];

export const INTAKE_ROLES: readonly Role[] = ['hotline_operator', 'social_worker', 'supervisor', 'police', 'health', 'education', 'village_collaborator'];

/**
 * Who is offered the registry's likely matches of a child being reported: the intake roles but the
 * village collaborator, who files a report and sees no registry record (need to know).
 */
export const REGISTRY_MATCH_ROLES: readonly Role[] = INTAKE_ROLES.filter((r) => r !== 'village_collaborator');

/** Whether the caller is offered the registry's matches (a system client granted intake is). */
export function mayMatchChildren(c: Caller): boolean {
  return isClient(c) || REGISTRY_MATCH_ROLES.includes(c.role);
}

/** The channel a village collaborator's report comes by (the only one they may name). */
export const COLLABORATOR_CHANNEL = 'community_collaborator';

/**
 * Whether the caller may file a report for a commune of `provinceCode`: a user of an intake role,
 * or a system client granted `intake:write`, within the jurisdiction of their agency.
 */
export function mayIntakeFor(c: Caller, communeCode: string, provinceCode: string): boolean {
  if (isClient(c) ? !c.scopes.includes('intake:write') : !INTAKE_ROLES.includes(c.role)) return false;
  return inJurisdiction(c, communeCode, provinceCode);
}

function inJurisdiction(c: Principal | ClientPrincipal, communeCode: string, provinceCode: string): boolean {
  if (c.provinceCode === null) return true; // national (hotline 111)
  if (c.communeCode === null) return c.provinceCode === provinceCode;
  return c.communeCode === communeCode;
}

/**
 * Commune staff who add files to a case's record (attachments): its workers, and the chair who
 * signs its decisions (a scanned decision) — only where they lead the case, as for its events.
 */
export const CASE_FILE_ROLES: readonly Role[] = ['social_worker', 'supervisor', 'chair'];

/** Commune staff who manage cases: they may create and cancel handoffs. */
export const HANDOFF_MANAGER_ROLES: readonly Role[] = WORKERS;

/**
 * The events of a handoff's workflow this caller may send now (for a handoff they can see): those
 * their role may send, limited to the receiving agency's members where the contract says so, and
 * that the handoff's current state takes (`accepts`).
 */
export function handoffActions(p: Principal, handoffAgencyId: string, contracts: EventContracts, accepts: (type: string) => boolean): string[] {
  return Object.entries(contracts)
    .filter(([type, c]) => c.roles.includes(p.role) && (c.membership !== 'receiving_agency' || handoffAgencyId === p.agencyId) && accepts(type))
    .map(([type]) => type);
}

/** Roles whose sight of cases comes from their jurisdiction (a commune, or a province at province level). */
export const JURISDICTION_ROLES: readonly Role[] = ['social_worker', 'supervisor', 'chair', 'auditor'];

/**
 * Whether the caller may act on a case (send its events, ask agencies for work, request its
 * transfer) rather than only see it: the staff of the commune leading it, or province-level staff
 * of its province — not the partner commune of a two-commune case nor the commune asked to take
 * it. Other roles act within their own scope (partner agencies on their handoffs).
 */
export function leadsCase(p: Principal, lead: { communeCode: string; provinceCode: string | null }): boolean {
  if (!JURISDICTION_ROLES.includes(p.role)) return true;
  if (p.communeCode) return p.communeCode === lead.communeCode;
  return p.provinceCode !== null && p.provinceCode === lead.provinceCode;
}

/** A transfer's communes, as the transfer policy needs them. */
export interface TransferParties {
  fromCommuneCode: string;
  fromProvinceCode: string;
  toCommuneCode: string;
}

/**
 * Whether the caller belongs where a transfer event's contract says (`membership`): the receiving
 * commune's own staff decide; the commune leading the case (it asked) withdraws.
 */
export function transferMember(p: Principal, membership: EventContracts[string]['membership'], t: TransferParties): boolean {
  if (membership === 'receiving_commune') return p.communeCode !== null && p.communeCode === t.toCommuneCode;
  if (membership === 'lead_commune') return leadsCase(p, { communeCode: t.fromCommuneCode, provinceCode: t.fromProvinceCode });
  return false;
}

/** The events of a transfer's workflow this caller may send now (their role, their commune, and its state takes it). */
export function transferActions(p: Principal, t: TransferParties, contracts: EventContracts, accepts: (type: string) => boolean): string[] {
  return Object.entries(contracts)
    .filter(([type, c]) => c.roles.includes(p.role) && transferMember(p, c.membership, t) && accepts(type))
    .map(([type]) => type);
}

/** Why a commune that sees a case may not act on it (403). */
export const NOT_LEAD_MESSAGE =
  'Chỉ xã/phường đang chủ trì hồ sơ được thực hiện thao tác này / Only the commune leading the case may do this';

export function isPartner(role: Role): boolean {
  return PARTNER_ROLES.includes(role);
}

/**
 * A village collaborator follows the reports they filed by their status alone: once filed, none of
 * its content is theirs to read (the case itself 404, its list item the code, status and dates).
 */
export const STATUS_ONLY_ROLES: readonly Role[] = ['village_collaborator'];

/**
 * - `full`: the case's social workers, supervisors and chair — reporter included;
 * - `restricted`: auditors, and the hotline operator who filed it (until the commune takes it up)
 *   — everything but the reporter;
 * - `need_to_know`: partner agencies — child's first name and age, commune, incident types and
 *   their own agency's handoffs; never the reporter or other agencies' work.
 */
export type CaseProjection = 'full' | 'restricted' | 'need_to_know';

export function caseProjection(role: Role): CaseProjection {
  if (role === 'social_worker' || role === 'supervisor' || role === 'chair') return 'full';
  // A village collaborator's sight is narrower still (STATUS_ONLY_ROLES): no case content at all.
  if (isPartner(role) || STATUS_ONLY_ROLES.includes(role)) return 'need_to_know';
  return 'restricted';
}
