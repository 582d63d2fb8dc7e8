/**
 * The administration's rules, pure: which agency types a role may belong to, at which level each
 * agency type sits, and what an administrator's jurisdiction is. Scoped queries apply the
 * jurisdiction in SQL (admin.repository.ts); these functions decide the rest.
 */
import type { AgencyType, Principal, Role } from '../identity/roles';

export { temporaryPassword } from '../identity/passwords';

/** Where an agency of a type sits: in a commune, at a province (no commune), or national (neither). */
export type AgencyLevel = 'commune' | 'province' | 'national';

export const AGENCY_LEVEL: Record<AgencyType, AgencyLevel> = {
  people_committee: 'commune',
  child_affairs_office: 'commune',
  commune_police: 'commune',
  health_station: 'commune',
  school: 'commune',
  social_work_center: 'province',
  legal_aid_center: 'province',
  provincial_health_department: 'province',
  hotline_111: 'national',
  national_authority: 'national',
};

/** The agency types a user of each role may belong to (the demo seed follows the first of each). */
export const ROLE_AGENCY_TYPES: Record<Role, readonly AgencyType[]> = {
  hotline_operator: ['hotline_111'],
  social_worker: ['child_affairs_office'],
  supervisor: ['child_affairs_office', 'provincial_health_department'],
  chair: ['people_committee'],
  police: ['commune_police'],
  health: ['health_station'],
  education: ['school'],
  legal_aid: ['legal_aid_center'],
  social_work_center: ['social_work_center'],
  auditor: ['provincial_health_department', 'people_committee'],
  admin: ['provincial_health_department'],
  national_admin: ['national_authority'],
  // A village collaborator is the commune People's Committee's (it appoints them), not an agency of their own.
  village_collaborator: ['people_committee'],
};

export function roleFitsAgency(role: Role, agencyType: AgencyType): boolean {
  return ROLE_AGENCY_TYPES[role].includes(agencyType);
}

/**
 * The province an administrator administers: `null` means every province (the national admin);
 * `undefined` means none (not an administrator, or a provincial admin without a province).
 * National agencies (hotline 111, the national authority) and their users are the national admin's alone.
 */
export function administeredProvince(p: Principal): string | null | undefined {
  if (p.role === 'national_admin') return null;
  if (p.role === 'admin' && p.provinceCode) return p.provinceCode;
  return undefined;
}

/** Usernames: lowercase letters, digits, dot, dash and underscore, 3–64 characters, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
