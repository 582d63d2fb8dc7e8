/**
 * The free text a case's workflow context (`cases.snapshot`) copies from its events, sealed with
 * `FieldCipher` (README "Data protection"): the plan submitted (its goals, each action's
 * instructions and the rest of its text) and the closure's reason, each for
 * `cases.snapshot.context.<path>` (`sealedCaseContext`).
 *
 * Unlike a handoff's context, the case's is sealed only at rest: the case store opens it when it
 * locks a case (`CasesRepository.lock`) and seals it again when it writes the transition. The
 * machine copies `plan.actions[].instructions` into the handoffs a plan approval starts, and a
 * value sealed for the case's snapshot must never be copied into a handoff's column (it would
 * not open there, and `sealOnce` would leave it as it is): with the machine seeing clear text only,
 * every effect reading the context (and every later reader) gets it right without knowing of the
 * sealing.
 */
import { CASE_WORKFLOW, listWorkflows } from '../../workflows';
import type { FieldCipher } from '../crypto/field-cipher';
import { freeTextPaths } from '../engine/free-text';
import type { StoredSnapshot } from '../engine/snapshots';

/** What a context member is sealed for: `cases.snapshot.context.<path>` (what `openDeep(snapshot, …)` opens). */
export const CASE_SNAPSHOT_PURPOSE = 'cases.snapshot';

const contextPaths = new Map<string, readonly string[]>();

/**
 * The dotted context paths of a case workflow's free text (a list's items each): for
 * `abuse-intervention`, the plan's copy of the free text `SUBMIT_PLAN` declares (every version's
 * contract: its goals and each action's instructions, activity, who does it, budget — derived, so a
 * field added to the plan form is sealed here too) and the closure's reason. Memoised per workflow.
 */
export function sealedCaseContext(workflow: string): readonly string[] {
  let paths = contextPaths.get(workflow);
  if (!paths) {
    const plan = new Set(listWorkflows().filter((w) => w.name === workflow).flatMap((w) => freeTextPaths(w.events.SUBMIT_PLAN?.fields ?? [])));
    paths = workflow === CASE_WORKFLOW ? [...[...plan].map((p) => `plan.${p}`), 'closure.reason'] : [];
    contextPaths.set(workflow, paths);
  }
  return paths;
}
/** The snapshot paths of a workflow's sealed context members (`context.plan.goals`…). */
export const sealedCaseSnapshotPaths = (workflow: string): string[] => sealedCaseContext(workflow).map((p) => `context.${p}`);

/** A case's snapshot as stored: its context's free text sealed. */
export function sealCaseSnapshot(cipher: FieldCipher, workflow: string, snapshot: StoredSnapshot): Promise<StoredSnapshot> {
  return cipher.sealPaths(snapshot, sealedCaseSnapshotPaths(workflow), CASE_SNAPSHOT_PURPOSE);
}

/** A case's snapshot as read: its sealed free text opened. */
export async function openCaseSnapshot(cipher: FieldCipher, snapshot: StoredSnapshot): Promise<StoredSnapshot> {
  return await cipher.openDeep(snapshot, CASE_SNAPSHOT_PURPOSE) as StoredSnapshot;
}
