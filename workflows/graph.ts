/** Reads a machine's structure (states and transition definitions) for diagrams and coverage. */
import type { AnyStateMachine } from 'xstate';

export type TransitionDef = ReturnType<AnyStateMachine['getTransitionData']>[number];

export function allTransitions(machine: AnyStateMachine): TransitionDef[] {
  const out: TransitionDef[] = [];
  const visit = (node: AnyStateMachine['root']) => {
    for (const list of node.transitions.values()) out.push(...list);
    for (const child of Object.values(node.states)) visit(child as AnyStateMachine['root']);
  };
  visit(machine.root);
  return out;
}

export function guardName(t: TransitionDef): string | null {
  if (!t.guard) return null;
  if (typeof t.guard === 'string') return t.guard;
  return (t.guard as { type?: string }).type ?? 'guard';
}

/** One transition as the definition publishes it: from a state (`*`: every state, the root's) on an event to a state, and its guard. */
export interface TransitionRow {
  from: string;
  event: string;
  to: string;
  guard: string | null;
}

/**
 * The machine's transitions as a table, in the machine's order (a state's guarded branches in the
 * order they are tried): what GET /workflows/:name/:version publishes and the console reads to
 * tell where steps kept offline will leave a handoff. A transition without a target stays.
 */
export function transitionTable(machine: AnyStateMachine): TransitionRow[] {
  return allTransitions(machine).map((t) => {
    const from = t.source === machine.root ? '*' : t.source.key;
    return { from, event: t.eventType, to: t.target?.[0]?.key ?? from, guard: guardName(t) };
  });
}

/**
 * A Mermaid state diagram of the machine. Transitions defined on the root (accepted in every
 * state) are listed in a note rather than drawn from every state.
 */
export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${String(machine.root.initial?.target[0]?.key ?? '')}`];
  const global = new Set<string>();
  for (const t of allTransitions(machine)) {
    if (t.source === machine.root) {
      global.add(t.eventType);
      continue;
    }
    const guard = guardName(t);
    const target = t.target?.[0]?.key ?? t.source.key;
    lines.push(`  ${t.source.key} --> ${target}: ${t.eventType}${guard ? ` [${guard}]` : ''}`);
  }
  for (const [key, node] of Object.entries(machine.root.states)) {
    if ((node as { type: string }).type === 'final') lines.push(`  ${key} --> [*]`);
  }
  if (global.size) {
    const first = Object.keys(machine.root.states)[0];
    lines.push(`  note right of ${first}`, `    In every state: ${[...global].join(', ')}`, '  end note');
  }
  return lines.join('\n') + '\n';
}
