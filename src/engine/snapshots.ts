/**
 * Workflow instances at rest: XState's persisted snapshot in the row's `snapshot` column, and the
 * state as text in its `state` column (for queries and lists). Pure.
 */
import type { AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';

/** What the `snapshot` column holds: XState's persisted snapshot (value, context, status, history). */
export interface StoredSnapshot {
  value: StateValue;
  context: Record<string, unknown>;
  status?: string;
  historyValue?: Record<string, unknown>;
}

export function persist(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): StoredSnapshot {
  return machine.getPersistedSnapshot(snapshot) as unknown as StoredSnapshot;
}

/**
 * Restores a stored snapshot. `resolveState` rebuilds the active state nodes from the value, nested
 * and parallel states included; workflows invoke no child actors and use no history states (both
 * would need a live actor scope), so value, context and status are the whole of an instance.
 */
export function restore(machine: AnyStateMachine, stored: StoredSnapshot): AnyMachineSnapshot {
  return machine.resolveState({ value: stored.value, context: stored.context, status: stored.status as 'active' | undefined });
}

/**
 * The state value as text: the dotted path of each active leaf, parallel regions joined by commas
 * in document order (`received`; `intervening.reviewing`; `separated.care.placed,separated.visits.due`).
 */
export function stateText(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .flatMap(([key, child]) => (child === undefined ? [key] : stateText(child as StateValue).split(',').map((leaf) => `${key}.${leaf}`)))
    .join(',');
}
