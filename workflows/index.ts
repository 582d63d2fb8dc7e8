/**
 * The registry of workflow definitions. A case stores `workflow` + `workflowVersion` and keeps the
 * version it started on: a new version is added here beside the old one, never in its place.
 */
import type { AnyStateMachine } from 'xstate';
import * as abuseV1 from './abuse-intervention/v1/machine';
import { deadlines as abuseV1Deadlines } from './abuse-intervention/v1/deadlines';
import * as handoffV1 from './handoff/v1/machine';
import { deadlines as handoffV1Deadlines } from './handoff/v1/deadlines';
import type { DeadlineTable } from './types';

export interface WorkflowDefinition {
  name: string;
  version: number;
  titleVi: string;
  titleEn: string;
  machine: AnyStateMachine;
  deadlines: DeadlineTable;
  /** Events only the engine sends (never accepted from a client). */
  systemEvents: readonly string[];
}

export const CASE_WORKFLOW = 'abuse-intervention';
export const HANDOFF_WORKFLOW = 'handoff';

const DEFINITIONS: WorkflowDefinition[] = [
  {
    name: CASE_WORKFLOW,
    version: 1,
    titleVi: 'Tiếp nhận, xác minh, đánh giá, lập và thực hiện kế hoạch can thiệp trẻ em bị xâm hại',
    titleEn: 'Receipt, verification, assessment, planning and intervention for a child abused or at risk',
    machine: abuseV1.machine,
    deadlines: abuseV1Deadlines,
    systemEvents: abuseV1.SYSTEM_EVENTS,
  },
  {
    name: HANDOFF_WORKFLOW,
    version: 1,
    titleVi: 'Phối hợp liên ngành: yêu cầu gửi cơ quan công an, y tế, giáo dục và các cơ quan khác',
    titleEn: 'Cross-agency handoff: work owed by police, health, education and other agencies',
    machine: handoffV1.machine,
    deadlines: handoffV1Deadlines,
    systemEvents: ['DEADLINE_EXPIRED'],
  },
];

/** The version new cases and handoffs start on. */
export const CURRENT_VERSION: Record<string, number> = { [CASE_WORKFLOW]: 1, [HANDOFF_WORKFLOW]: 1 };

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
