/**
 * Model-based coverage for workflow machines (used by the machines' specs): walks the machine's
 * state graph with @xstate/graph from every given input, over a generated set of events, and
 * reports which transition definitions were never taken and which states were never reached.
 */
import { getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';

import { allTransitions, guardName, type TransitionDef } from './graph';

export interface Coverage {
  /** `state --EVENT--> target` labels of transition definitions never taken. */
  untaken: string[];
  unreachedStates: string[];
  taken: number;
  total: number;
  /** A shortest event path to each state, for replaying through the real engine. */
  pathsTo: Map<string, EventObject[]>;
}

function label(t: TransitionDef): string {
  const target = t.target?.map((n) => n.key).join(',') ?? '(self)';
  const guard = guardName(t);
  return `${t.source.key} --${t.eventType}${guard ? ` [${guard}]` : ''}--> ${target}`;
}

export function coverage(
  machine: AnyStateMachine,
  inputs: unknown[],
  events: (s: AnyMachineSnapshot) => EventObject[],
  serializeState: (s: AnyMachineSnapshot) => string,
): Coverage {
  const taken = new Set<TransitionDef>();
  const reached = new Set<string>();
  const pathsTo = new Map<string, EventObject[]>();
  for (const input of inputs) {
    const adjacency = getAdjacencyMap(machine, { input, events, serializeState } as never);
    for (const entry of Object.values(adjacency) as Array<{ state: AnyMachineSnapshot; transitions: Record<string, { event: EventObject }> }>) {
      reached.add(String(entry.state.value));
      for (const { event } of Object.values(entry.transitions)) {
        for (const t of machine.getTransitionData(entry.state as never, event as never)) taken.add(t);
      }
    }
    const paths = getShortestPaths(machine, { input, events, serializeState } as never);
    for (const p of paths) {
      const value = String((p.state as AnyMachineSnapshot).value);
      if (!pathsTo.has(value)) pathsTo.set(value, p.steps.map((s) => s.event as EventObject).filter((e) => !e.type.startsWith('xstate.')));
    }
  }
  const all = allTransitions(machine);
  return {
    untaken: all.filter((t) => !taken.has(t)).map(label),
    unreachedStates: Object.keys(machine.root.states).filter((s) => !reached.has(s)),
    taken: all.filter((t) => taken.has(t)).length,
    total: all.length,
    pathsTo,
  };
}
