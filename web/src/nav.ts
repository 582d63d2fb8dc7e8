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
const SUPPORTS: NavItem = { to: '/supports', label: 'nav.supports' };
const INBOX: NavItem = { to: '/inbox', label: 'nav.inbox' };
const OVERSIGHT: NavItem = { to: '/oversight', label: 'nav.oversight' };
const APPROVALS: NavItem = { to: '/approvals', label: 'nav.approvals' };
const SLA: NavItem = { to: '/sla', label: 'nav.sla' };
const CASELOAD: NavItem = { to: '/caseload', label: 'nav.caseload' };
const AGENDA: NavItem = { to: '/agenda', label: 'nav.agenda' };
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
// issue 18: the caller's notification settings (reached from the notifications page where that is in the menu), the delivery log
const NOTIFICATION_SETTINGS: NavItem = { to: '/notifications/settings', label: 'nav.notificationSettings' };
const ADMIN_DELIVERIES: NavItem = { to: '/admin/deliveries', label: 'nav.adminDeliveries' };

export const NAV: Record<Role, NavItem[]> = {
  hotline_operator: [INTAKE, CASES, WORKFLOWS, NOTIFICATION_SETTINGS],
  social_worker: [MY_CASES, AGENDA, INTAKE, CHILDREN, SUPPORTS, TRANSFERS, URGENT, NOTIFICATIONS, WORKFLOWS],
  supervisor: [OVERSIGHT, APPROVALS, CASELOAD, AGENDA, SLA, STATISTICS, REPORTS, CASES, CHILDREN, SUPPORTS, TRANSFERS, URGENT, INTAKE, NOTIFICATIONS, WORKFLOWS],
  chair: [OVERSIGHT, APPROVALS, CASELOAD, AGENDA, SLA, STATISTICS, REPORTS, CASES, CHILDREN, SUPPORTS, TRANSFERS, URGENT, NOTIFICATIONS, WORKFLOWS],
  auditor: [OVERSIGHT, CASELOAD, SLA, STATISTICS, REPORTS, URGENT, SUPPORTS, CASES, CHILDREN, WORKFLOWS, NOTIFICATION_SETTINGS],
  police: [INBOX, INTAKE, NOTIFICATIONS, WORKFLOWS],
  health: [INBOX, INTAKE, NOTIFICATIONS, WORKFLOWS],
  education: [INBOX, INTAKE, NOTIFICATIONS, WORKFLOWS],
  legal_aid: [INBOX, NOTIFICATIONS, WORKFLOWS],
  social_work_center: [INBOX, NOTIFICATIONS, WORKFLOWS],
  admin: [ADMIN_USERS, ADMIN_AGENCIES, ADMIN_UNITS, ADMIN_DELIVERIES, REPORTS, WORKFLOWS, NOTIFICATION_SETTINGS],
  // Files reports of their commune and follows what became of them (the reports they filed, until taken up).
  village_collaborator: [INTAKE, MY_REPORTS, NOTIFICATION_SETTINGS],
  national_admin: [ADMIN_USERS, ADMIN_AGENCIES, ADMIN_UNITS, ADMIN_HOLIDAYS, ADMIN_CLIENTS, ADMIN_DELIVERIES, STATISTICS, REPORTS, WORKFLOWS, NOTIFICATION_SETTINGS],
};

export function homeFor(role: Role): string {
  return NAV[role][0].to;
}
