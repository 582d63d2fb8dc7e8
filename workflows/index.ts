/**
 * The registry of workflow definitions. A case stores `workflow` + `workflowVersion` and keeps the
 * version it started on: a new version is added here beside the old one, never in its place.
 * Adding a workflow is a folder in `workflows/` and a line here.
 */
import * as abuseV1 from './abuse-intervention/v1/machine';
import { deadlines as abuseV1Deadlines } from './abuse-intervention/v1/deadlines';
import { events as abuseV1Events } from './abuse-intervention/v1/events';
import * as abuseV2 from './abuse-intervention/v2/machine';
import { deadlines as abuseV2Deadlines } from './abuse-intervention/v2/deadlines';
import { events as abuseV2Events } from './abuse-intervention/v2/events';
import * as handoffV1 from './handoff/v1/machine';
import * as handoffV2 from './handoff/v2/machine';
import { deadlines as handoffV2Deadlines } from './handoff/v2/deadlines';
import { events as handoffV2Events } from './handoff/v2/events';
import { deadlines as handoffV1Deadlines } from './handoff/v1/deadlines';
import { events as handoffV1Events } from './handoff/v1/events';
import * as transferV1 from './commune-transfer/v1/machine';
import { deadlines as transferV1Deadlines } from './commune-transfer/v1/deadlines';
import { events as transferV1Events } from './commune-transfer/v1/events';
import * as urgentV1 from './urgent-report/v1/machine';
import { deadlines as urgentV1Deadlines } from './urgent-report/v1/deadlines';
import { events as urgentV1Events } from './urgent-report/v1/events';
import * as separationV1 from './temporary-separation/v1/machine';
import { deadlines as separationV1Deadlines } from './temporary-separation/v1/deadlines';
import { events as separationV1Events } from './temporary-separation/v1/events';
import * as supportV1 from './special-circumstances-support/v1/machine';
import { deadlines as supportV1Deadlines } from './special-circumstances-support/v1/deadlines';
import { events as supportV1Events } from './special-circumstances-support/v1/events';
import type { WorkflowDefinition } from './types';

export type { WorkflowDefinition } from './types';

/** The workflow a new report starts. */
export const CASE_WORKFLOW = 'abuse-intervention';
/** The workflow of work handed to another agency. */
export const HANDOFF_WORKFLOW = 'handoff';
/** The workflow of a case passing to another commune (a row of `handoffs` addressed to that commune's child affairs office). */
export const TRANSFER_WORKFLOW = 'commune-transfer';
/** The workflow of a temporary separation of the child (a row of `handoffs` addressed to the lead commune's child affairs office). */
export const SEPARATION_WORKFLOW = 'temporary-separation';
/**
 * Handoff-subject workflows that are the commune's own steps (addressed to a commune's child affairs
 * office), not work owed by a partner agency: left out of the case's `handoffs` and of agencies' work.
 */
/** The workflow of an urgent upward report (báo cáo đột xuất): a row of `handoffs` addressed to the province's Department of Health. */
export const URGENT_REPORT_WORKFLOW = 'urgent-report';
/** The workflow of a child's entry on the register of children in special circumstances (a row of `child_supports`). */
export const SUPPORT_WORKFLOW = 'special-circumstances-support';
/**
 * Handoff-subject workflows that are no partner agency's work — the commune's own steps (a
 * transfer, a separation) and its urgent reports upward: no inbox, no handoff routes, not among a
 * case's `handoffs`.
 */
export const COMMUNE_HANDOFF_WORKFLOWS: readonly string[] = [TRANSFER_WORKFLOW, SEPARATION_WORKFLOW, URGENT_REPORT_WORKFLOW];
/**
 * Where a `handoffs` row is finished: `workflow@version:state` over every workflow on the handoff
 * subject (a state name may be final in one workflow and not in another), matched by `handoffFinishedKeySql`.
 */
export function finishedHandoffKeys(): string[] {
  return DEFINITIONS.filter((d) => d.subject === 'handoff').flatMap((d) => d.terminalStates.map((s) => `${d.name}@${d.version}:${s}`));
}
/** SQL: the finished-key of `handoffs` row `h` (compare with `finishedHandoffKeys()`). */
export const handoffFinishedKeySql = (h: string) => `(${h}.workflow || '@' || ${h}.workflow_version || ':' || ${h}.state)`;
/** SQL: `handoffs` row `h` is a partner agency's work (not one of the commune's own steps). Constants only. */
export const agencyWorkSql = (h: string) => `${h}.workflow NOT IN (${COMMUNE_HANDOFF_WORKFLOWS.map((w) => `'${w}'`).join(', ')})`;

const DEFINITIONS: WorkflowDefinition[] = [
  {
    name: CASE_WORKFLOW,
    version: 1,
    titleVi: 'Tiếp nhận, xác minh, đánh giá, lập và thực hiện kế hoạch can thiệp trẻ em bị xâm hại',
    titleEn: 'Receipt, verification, assessment, planning and intervention for a child abused or at risk',
    subject: 'case',
    machine: abuseV1.machine,
    deadlines: abuseV1Deadlines,
    events: abuseV1Events,
    systemEvents: abuseV1.SYSTEM_EVENTS,
    deadlineEvent: 'DEADLINE_EXPIRED',
    facts: { PROPOSE_CLOSURE: ['openHandoffs'], APPROVE_CLOSURE: ['openHandoffs'] },
    probe: { riskLevel: 'low', substantiated: true, childSafe: true },
    terminalStates: ['closed'],
    transfer: { assignEvent: 'ASSIGN', handoverStates: ['planning', 'awaiting_plan_approval', 'intervening'] },
    // Verification, assessment and intervention (Luật Trẻ em Điều 52; NĐ 56 Điều 32).
    separationStates: ['verifying', 'assessing', 'planning', 'awaiting_plan_approval', 'intervening'],
  },
  {
    name: CASE_WORKFLOW,
    version: 2,
    titleVi: 'Tiếp nhận, xác minh, đánh giá, lập và thực hiện kế hoạch can thiệp trẻ em bị xâm hại (2: giám định qua công an, trở lại trường học)',
    titleEn: 'Receipt, verification, assessment, planning and intervention for a child abused or at risk (2: forensics through the police, back to school)',
    subject: 'case',
    machine: abuseV2.machine,
    deadlines: abuseV2Deadlines,
    events: abuseV2Events,
    systemEvents: abuseV2.SYSTEM_EVENTS,
    deadlineEvent: 'DEADLINE_EXPIRED',
    facts: { PROPOSE_CLOSURE: ['openHandoffs'], APPROVE_CLOSURE: ['openHandoffs'] },
    probe: { riskLevel: 'low', substantiated: true, childSafe: true },
    terminalStates: ['closed'],
    transfer: { assignEvent: 'ASSIGN', handoverStates: ['planning', 'awaiting_plan_approval', 'intervening'] },
    separationStates: ['verifying', 'assessing', 'planning', 'awaiting_plan_approval', 'intervening'],
  },
  {
    name: HANDOFF_WORKFLOW,
    version: 1,
    titleVi: 'Phối hợp liên ngành: yêu cầu gửi cơ quan công an, y tế, giáo dục và các cơ quan khác',
    titleEn: 'Cross-agency handoff: work owed by police, health, education and other agencies',
    subject: 'handoff',
    machine: handoffV1.machine,
    deadlines: handoffV1Deadlines,
    events: handoffV1Events,
    systemEvents: ['DEADLINE_EXPIRED'],
    deadlineEvent: 'DEADLINE_EXPIRED',
    facts: {},
    probe: {},
    terminalStates: ['completed', 'declined', 'cancelled'],
    withdrawEvent: 'CANCEL',
  },
  {
    name: HANDOFF_WORKFLOW,
    version: 2,
    titleVi: 'Phối hợp liên ngành (2: tình trạng tố tụng hình sự, thông tin bảo vệ khẩn cấp)',
    titleEn: 'Cross-agency handoff (2: criminal-procedure status, what emergency protection requires)',
    subject: 'handoff',
    machine: handoffV2.machine,
    deadlines: handoffV2Deadlines,
    events: handoffV2Events,
    systemEvents: ['DEADLINE_EXPIRED'],
    deadlineEvent: 'DEADLINE_EXPIRED',
    facts: {},
    probe: {},
    terminalStates: ['completed', 'declined', 'cancelled'],
    withdrawEvent: 'CANCEL',
  },
  {
    name: TRANSFER_WORKFLOW,
    version: 1,
    titleVi: 'Chuyển giao hồ sơ giữa hai xã/phường: bàn giao cho nơi trẻ cư trú, chuyển khi trẻ chuyển nơi ở',
    titleEn: 'A case passing between communes: handover to the child’s residence commune, transfer when the child moves',
    subject: 'handoff',
    machine: transferV1.machine,
    deadlines: transferV1Deadlines,
    events: transferV1Events,
    systemEvents: ['DEADLINE_EXPIRED'],
    deadlineEvent: 'DEADLINE_EXPIRED',
    facts: {},
    probe: {},
    terminalStates: ['accepted', 'declined', 'cancelled'],
    withdrawEvent: 'CANCEL_TRANSFER',
    caseStatusPrefix: 'transfer_',
  },
  {
    name: URGENT_REPORT_WORKFLOW,
    version: 1,
    titleVi: 'Báo cáo đột xuất vụ việc trẻ em tử vong, bị thương nặng, đuối nước hoặc bị xâm hại nghiêm trọng',
    titleEn: 'Urgent upward report of a child’s death, serious injury, drowning or serious abuse',
    subject: 'handoff',
    machine: urgentV1.machine,
    deadlines: urgentV1Deadlines,
    events: urgentV1Events,
    systemEvents: ['DEADLINE_EXPIRED'],
    deadlineEvent: 'DEADLINE_EXPIRED',
    facts: {},
    probe: {},
    terminalStates: ['closed', 'withdrawn'],
    withdrawEvent: 'WITHDRAW',
    caseStatusPrefix: 'urgent_report_',
  },
  {
    name: SEPARATION_WORKFLOW,
    version: 1,
    titleVi: 'Tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại và bố trí chăm sóc thay thế',
    titleEn: 'Temporary separation of the child and alternative care',
    subject: 'handoff',
    machine: separationV1.machine,
    deadlines: separationV1Deadlines,
    events: separationV1Events,
    systemEvents: ['DEADLINE_EXPIRED'],
    deadlineEvent: 'DEADLINE_EXPIRED',
    facts: {},
    probe: {},
    terminalStates: ['ended', 'revoked', 'rejected', 'cancelled'],
    withdrawEvent: 'CANCEL_SEPARATION',
    caseStatusPrefix: 'separation_',
  },
  {
    name: SUPPORT_WORKFLOW,
    version: 1,
    titleVi: 'Quản lý, hỗ trợ trẻ em có hoàn cảnh đặc biệt: đăng ký, đánh giá, kế hoạch hỗ trợ, rà soát, đưa ra khỏi danh sách',
    titleEn: 'Children in special circumstances: register, assessment, support plan, reviews, exit',
    subject: 'support',
    machine: supportV1.machine,
    deadlines: supportV1Deadlines,
    events: supportV1Events,
    systemEvents: supportV1.SYSTEM_EVENTS,
    deadlineEvent: 'DEADLINE_EXPIRED',
    facts: {},
    probe: { service: 1 },
    terminalStates: ['exited'],
  },
];

/** The version new instances start on. */
const CURRENT_VERSION = new Map<string, number>([[CASE_WORKFLOW, 2], [HANDOFF_WORKFLOW, 2], [TRANSFER_WORKFLOW, 1], [URGENT_REPORT_WORKFLOW, 1], [SEPARATION_WORKFLOW, 1], [SUPPORT_WORKFLOW, 1]]);

export function listWorkflows(): WorkflowDefinition[] {
  return DEFINITIONS;
}

export function findWorkflow(name: string, version: number): WorkflowDefinition | undefined {
  return DEFINITIONS.find((d) => d.name === name && d.version === version);
}

export function getWorkflow(name: string, version: number): WorkflowDefinition {
  const def = findWorkflow(name, version);
  if (!def) throw new Error(`unknown workflow ${name} v${version}`);
  return def;
}

/** The definition new instances of `name` start on. */
export function currentWorkflow(name: string): WorkflowDefinition {
  const version = CURRENT_VERSION.get(name);
  if (version === undefined) throw new Error(`unknown workflow ${name}`);
  return getWorkflow(name, version);
}

/**
 * Makes `version` of `name` the one new instances start on (it must be registered). For tests that
 * prove cases in flight keep their version: start on the old one, make the new one current.
 */
export function setCurrentVersion(name: string, version: number): void {
  getWorkflow(name, version);
  CURRENT_VERSION.set(name, version);
}

/**
 * Adds a definition (and makes it current for its name). The registry's own definitions are listed
 * above; this is for workflows defined outside this folder, such as the engine's test workflow.
 */
export function registerWorkflow(def: WorkflowDefinition): void {
  if (findWorkflow(def.name, def.version)) throw new Error(`workflow ${def.name} v${def.version} is already registered`);
  DEFINITIONS.push(def);
  CURRENT_VERSION.set(def.name, Math.max(def.version, CURRENT_VERSION.get(def.name) ?? 0));
}

/** Every state a subject of this kind can be in, over every registered version (for filters); `name`: of that workflow only. */
export function statesOf(subject: WorkflowDefinition['subject'], name?: string): string[] {
  return [...new Set(DEFINITIONS.filter((d) => d.subject === subject && (name === undefined || d.name === name))
    .flatMap((d) => Object.keys(d.machine.root.states)))];
}

/** The client events of every version of a workflow (for response enums). */
export function eventsOf(name: string): string[] {
  return [...new Set(DEFINITIONS.filter((d) => d.name === name).flatMap((d) => Object.keys(d.events)))];
}
