import type { Role } from '../../workflows/vocabulary';

// The roles are domain vocabulary (workflows/vocabulary.ts): the event contracts name them and the
// config validates them; identity gives them their meaning here.
export { ROLES, type Role } from '../../workflows/vocabulary';

/** Kinds of agency a user belongs to. An agency's jurisdiction is its province and, if any, its commune. */
export const AGENCY_TYPES = [
  'people_committee', // UBND xã: chair and deputy chair
  'child_affairs_office', // Phòng Văn hóa - Xã hội: social workers, supervisors
  'commune_police',
  'health_station',
  'school',
  'social_work_center', // Trung tâm công tác xã hội (province)
  'legal_aid_center', // Trung tâm trợ giúp pháp lý nhà nước (province)
  'hotline_111', // Tổng đài quốc gia bảo vệ trẻ em 111 (national)
  'provincial_health_department', // Sở Y tế: province-level oversight since 2025
  'national_authority', // Cục Bà mẹ và Trẻ em, Bộ Y tế (national): the national administrators' agency
] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

/**
 * Administrators: `admin` administers its agency's province (users, agencies of its communes);
 * `national_admin` (agency type `national_authority`) administers every province, the
 * administrative units and the national holidays. Neither sees cases.
 */
export const ADMIN_ROLES: readonly Role[] = ['admin', 'national_admin'];

/** Partner roles see cases only through their agency's handoffs (need-to-know view). */
export const PARTNER_ROLES: readonly Role[] = ['police', 'health', 'education', 'legal_aid', 'social_work_center'];

/** The caller, as every policy and scoped query sees them. Built from the verified JWT. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  agencyId: string;
  agencyType: AgencyType;
  /** null for national agencies (hotline 111). */
  provinceCode: string | null;
  /** null for province-level and national agencies. */
  communeCode: string | null;
}

/** What a system client may be granted. Each scope opens only the routes that declare it (`@Scopes`). */
export const CLIENT_SCOPES = ['intake:write'] as const;
export type ClientScope = (typeof CLIENT_SCOPES)[number];

/** The role recorded (audit, case events) for whatever a system client does. Not a user's role. */
export const SYSTEM_CLIENT_ROLE = 'system_client';

/**
 * A system client (machine-to-machine credentials, `system_clients`) calling a route that declares
 * one of its scopes: it acts for its agency — jurisdiction from the agency, as a user of it would
 * have — and is never a user.
 */
export interface ClientPrincipal {
  clientId: string;
  clientName: string;
  scopes: ClientScope[];
  agencyId: string;
  agencyType: AgencyType;
  provinceCode: string | null;
  communeCode: string | null;
}

/** Whoever may call a route that declares scopes: a user, or a system client. */
export type Caller = Principal | ClientPrincipal;

export function isClient(c: Caller): c is ClientPrincipal {
  return 'clientId' in c;
}
