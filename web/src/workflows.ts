/**
 * Workflow definitions as the API serves them, fetched once per version and shared: the console's
 * event forms, buttons and names come from each definition's event contract, never from a copy.
 */
import { useEffect, useState } from 'react';
import type { EventContract } from '../../workflows/contract';
import { api } from './api';
import type { Lang } from './i18n';
import type { WorkflowDefinition } from './api/types';

/** A definition whose event contracts carry the precise field types shared with the server (workflows/contract.ts). */
export type WorkflowWithEvents = Omit<WorkflowDefinition, 'events'> & { events: Record<string, EventContract> };

const cache = new Map<string, Promise<WorkflowWithEvents>>();

export function loadWorkflow(name: string, version: number): Promise<WorkflowWithEvents> {
  const key = `${name}/${version}`;
  let found = cache.get(key);
  if (!found) {
    found = api<WorkflowWithEvents>(`/workflows/${encodeURIComponent(name)}/${version}`).then((def) => {
      remember(def);
      return def;
    });
    // A failed load is retried by the next caller rather than remembered.
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

/** The definition of a workflow version (null while it loads or if it failed). */
export function useWorkflow(name: string, version: number): WorkflowWithEvents | null {
  const [def, setDef] = useState<WorkflowWithEvents | null>(null);
  useEffect(() => {
    let live = true;
    // No name yet (the record naming it is still loading): nothing to load.
    if (name) loadWorkflow(name, version).then((d) => live && setDef(d), () => live && setDef(null));
    return () => { live = false; };
  }, [name, version]);
  return def;
}

/** A contract's (or field's) name in the chosen language. */
export function named(x: { labelVi: string; labelEn: string }, lang: Lang): string {
  return lang === 'vi' ? x.labelVi : x.labelEn;
}

// The names of every workflow's client events, gathered as definitions load: the `event` labels of
// the console (buttons, timeline, errors) come from the contracts, not from a copy.
const eventNames = new Map<string, { labelVi: string; labelEn: string }>();
const listeners = new Set<() => void>();
let namesVersion = 0;

function remember(def: WorkflowWithEvents): void {
  let added = false;
  for (const [type, c] of Object.entries(def.events)) {
    if (!eventNames.has(type)) {
      eventNames.set(type, c);
      added = true;
    }
  }
  if (added) {
    namesVersion++;
    for (const l of listeners) l();
  }
}

/** Loads every workflow version once (after sign-in), so event names are known everywhere. */
export async function loadAllWorkflows(): Promise<void> {
  const list = await api<{ items: Array<{ name: string; version: number }> }>('/workflows');
  await Promise.all(list.items.map((w) => loadWorkflow(w.name, w.version)));
}

export function eventName(type: string): { labelVi: string; labelEn: string } | undefined {
  return eventNames.get(type);
}

/** For `useSyncExternalStore`: re-render when more event names are known. */
export const eventNamesStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  version: (): number => namesVersion,
};
