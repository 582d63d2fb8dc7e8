/** Which screens each role works with; the first is their start page. */
import type { MessageKey } from './messages';
import type { Role } from './api/types';

export interface NavItem {
  to: string;
  label: MessageKey;
}

const CASES: NavItem = { to: '/cases', label: 'nav.cases' };
const MY_CASES: NavItem = { to: '/cases', label: 'nav.myCases' };
const MY_REPORTS: NavItem = { to: '/cases', label: 'nav.myReports' };
const INTAKE: NavItem = { to: '/intake', label: 'nav.intake' };
const CHILDREN: NavItem = { to: '/children', label: 'nav.children' };
const TRANSFERS: NavItem = { to: '/transfers', label: 'nav.transfers' };
const URGENT: NavItem = { to: '/urgent-reports', label: 'nav.urgentReports' };
const INBOX: NavItem = { to: '/inbox', label: 'nav.inbox' };
const OVERSIGHT: NavItem = { to: '/oversight', label: 'nav.oversight' };
const APPROVALS: NavItem = { to: '/approvals', label: 'nav.approvals' };
const SLA: NavItem = { to: '/sla', label: 'nav.sla' };
// issue 20: statistics and the report calendar
const STATISTICS: NavItem = { to: '/statistics', label: 'nav.statistics' };
const REPORTS: NavItem = { to: '/reports', label: 'nav.reports' };
const NOTIFICATIONS: NavItem = { to: '/notifications', label: 'nav.notifications' };
const WORKFLOWS: NavItem = { to: '/workflows', label: 'nav.workflows' };
const ADMIN_USERS: NavItem = { to: '/admin/users', label: 'nav.adminUsers' };
const ADMIN_AGENCIES: NavItem = { to: '/admin/agencies', label: 'nav.adminAgencies' };
const ADMIN_UNITS: NavItem = { to: '/admin/units', label: 'nav.adminUnits' };
const ADMIN_HOLIDAYS: NavItem = { to: '/admin/holidays', label: 'nav.adminHolidays' };
const ADMIN_CLIENTS: NavItem = { to: '/admin/system-clients', label: 'nav.adminClients' };

export const NAV: Record<Role, NavItem[]> = {
  hotline_operator: [INTAKE, CASES, WORKFLOWS],
  social_worker: [MY_CASES, INTAKE, CHILDREN, TRANSFERS, URGENT, NOTIFICATIONS, WORKFLOWS],
  supervisor: [OVERSIGHT, APPROVALS, SLA, STATISTICS, REPORTS, CASES, CHILDREN, TRANSFERS, URGENT, INTAKE, NOTIFICATIONS, WORKFLOWS],
  chair: [OVERSIGHT, APPROVALS, SLA, STATISTICS, REPORTS, CASES, CHILDREN, TRANSFERS, URGENT, NOTIFICATIONS, WORKFLOWS],
  auditor: [OVERSIGHT, SLA, STATISTICS, REPORTS, URGENT, CASES, CHILDREN, WORKFLOWS],
  police: [INBOX, INTAKE, NOTIFICATIONS, WORKFLOWS],
  health: [INBOX, INTAKE, NOTIFICATIONS, WORKFLOWS],
  education: [INBOX, INTAKE, NOTIFICATIONS, WORKFLOWS],
  legal_aid: [INBOX, NOTIFICATIONS, WORKFLOWS],
  social_work_center: [INBOX, NOTIFICATIONS, WORKFLOWS],
  admin: [ADMIN_USERS, ADMIN_AGENCIES, ADMIN_UNITS, REPORTS, WORKFLOWS],
  // Files reports of their commune and follows what became of them (the reports they filed, until taken up).
  village_collaborator: [INTAKE, MY_REPORTS],
  national_admin: [ADMIN_USERS, ADMIN_AGENCIES, ADMIN_UNITS, ADMIN_HOLIDAYS, ADMIN_CLIENTS, STATISTICS, REPORTS, WORKFLOWS],
};

export function homeFor(role: Role): string {
  return NAV[role][0].to;
}
