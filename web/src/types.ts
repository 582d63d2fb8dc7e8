/** Shapes of the baove API (v1) that the console reads. See shared/API.md. */

export type Role =
  | 'hotline_operator' | 'social_worker' | 'supervisor' | 'chair' | 'police' | 'health' | 'education'
  | 'legal_aid' | 'social_work_center' | 'auditor' | 'admin';

export interface User {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  agency: { id: string; type: string; name: string };
  provinceCode: string | null;
  communeCode: string | null;
}

export interface LoginResponse {
  accessToken: string;
  expiresIn: number;
  user: User;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CaseListItem {
  id: string;
  code: string;
  state: string;
  version: number;
  communeCode: string;
  receivedAt: string;
  riskLevel: string | null;
  immediateDanger: boolean;
  abuseTypes: string[];
  assigneeId: string | null;
  overdue: boolean;
  escalationLevel: number;
  nextDueAt: string | null;
  childName?: string | null;
}

export interface Deadline {
  id: string;
  key: string;
  handoffId: string | null;
  titleVi: string;
  titleEn: string;
  legalBasis: string;
  startsAt: string;
  dueAt: string;
  status: 'pending' | 'met' | 'met_late' | 'breached' | 'cancelled';
  settledAt: string | null;
  breachedAt: string | null;
  escalationLevel: number;
}

export interface Handoff {
  id: string;
  kind: string;
  agency: { id: string; name: string; type: string };
  urgency: 'urgent' | 'normal';
  state: string;
  instructions: string;
  dueAt: string;
  outcome: string | null;
  reason: string | null;
  overdue: boolean;
  createdAt: string;
  acceptedAt: string | null;
  completedAt: string | null;
  /** What the caller may do to it now (on a case's page: CANCEL for the commune's case staff). */
  allowedActions?: Array<'ACCEPT' | 'DECLINE' | 'START' | 'COMPLETE' | 'CANCEL'>;
}

/** A case as its caller may see it: partners get the need-to-know projection (no names, no reporter). */
export interface CaseDetail {
  id: string;
  code: string;
  state: string;
  version: number;
  communeCode: string;
  receivedAt: string;
  riskLevel: string | null;
  immediateDanger: boolean;
  overdue: boolean;
  escalationLevel: number;
  workflow: string;
  workflowVersion: number;
  allowedEvents: string[];
  channel?: string;
  externalRef?: string | null;
  outcome?: string | null;
  assignee?: { id: string; fullName: string } | null;
  child: {
    fullName?: string | null;
    firstName?: string | null;
    sex: string;
    dateOfBirth?: string | null;
    approxAgeYears?: number | null;
    ageYears: number | null;
    address?: string | null;
  };
  incident: { types: string[]; description?: string; occurredAt?: string | null; location?: string | null };
  reporter?: { anonymous: boolean; name: string | null; phone: string | null; relationToChild: string | null };
  deadlines: Deadline[];
  handoffs: Handoff[];
  closedAt?: string | null;
}

export interface TimelineItem {
  at: string;
  kind: string;
  seq?: number;
  type?: string;
  data?: Record<string, unknown>;
  fromState?: string;
  toState?: string;
  actor?: { id: string | null; role: string; name: string | null };
  deadline?: string;
  handoffId?: string | null;
  titleVi?: string;
  titleEn?: string;
  dueAt?: string;
  handoffKind?: string;
  agency?: { id: string; name: string };
  urgency?: string;
}

export interface InboxItem extends Handoff {
  caseId: string;
  case: {
    id: string;
    code: string;
    state: string;
    communeCode: string;
    communeName: string;
    child: { firstName: string | null; ageYears: number | null; sex: string };
    incidentTypes: string[];
  };
  deadlines: Deadline[];
  allowedActions: Array<'ACCEPT' | 'DECLINE' | 'START' | 'COMPLETE' | 'CANCEL'>;
}

export interface Commune { code: string; name: string; provinceCode: string; provinceName: string }
export interface Agency { id: string; type: string; name: string; communeCode: string | null; provinceCode: string }
export interface DirectoryUser {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  agencyId: string;
  agencyName: string;
  communeCode: string | null;
}

export interface OverdueItem {
  kind: 'deadline' | 'handoff';
  deadlineId: string;
  caseId: string;
  caseCode: string;
  communeCode: string;
  stage: string;
  deadline: string;
  titleVi: string;
  titleEn: string;
  dueAt: string;
  breachedAt: string | null;
  lateSeconds: number;
  escalationLevel: number;
  owedBy: { type: 'worker' | 'agency' | 'chair'; id: string | null; name: string | null };
  handoffId?: string | null;
  handoffKind?: string | null;
}

export interface SlaReport {
  from: string;
  to: string;
  deadlines: Array<{ key: string; titleVi: string; titleEn: string; total: number; onTime: number; late: number; open: number; onTimeRate: number | null }>;
  agencies: Array<{ agencyId: string; name: string; type: string; total: number; acceptedOnTime: number; completedOnTime: number; onTimeRate: number | null }>;
  stages: Array<{ stage: string; count: number; medianHours: number | null; p90Hours: number | null }>;
  openLongerThan: { days30: number; days60: number; days90: number };
}

export interface Notification {
  id: string;
  caseId: string | null;
  template: string;
  textVi: string;
  textEn: string;
  createdAt: string;
  readAt: string | null;
}

export interface WorkflowSummary { name: string; version: number; titleVi: string; titleEn: string }
export interface WorkflowDefinition extends WorkflowSummary {
  initial: string;
  states: string[];
  transitions: Array<{ from: string; event: string; to: string; guard: string | null }>;
  deadlines: Array<{ key: string; titleVi: string; titleEn: string; legalBasis: string; rule: Record<string, number>; anchor: string }>;
  mermaid: string;
}
