/**
 * What was recorded without a connection — reports (intake), the case's notes, assessments and
 * other non-decision steps, requests for a partner agency's work (handoffs), a partner's steps on
 * that work (accept, decline, start, complete, a procedure status; the commune's withdrawal),
 * proposed separations and a separation's non-decision steps (a monitoring visit, a withdrawal) —
 * kept on the device (IndexedDB) and sent when the connection returns, in the order recorded, each
 * with the Idempotency-Key it was given when recorded: a request that reached the server before the
 * connection dropped is answered with its first result, never applied twice. A step whose case,
 * handoff or separation changed meanwhile (409: another version) is not sent over it: it waits for
 * the person, who sees both versions and decides (see pages/Outbox.tsx). Decisions never wait here.
 * A step taken on a handoff while earlier steps of it wait here (pendingSteps.ts: the handoff as
 * they leave it) is kept behind the last of them (`after`): held while that one is not sent (a
 * conflict, a refusal), never sent over it, and sent over the version that one made.
 */
import { useSyncExternalStore } from 'react';
import { createStore, del, entries, set } from 'idb-keyval';
import { api, ApiError, connectivity, type ErrorBody } from './api';

const store = createStore('baove-outbox', 'items');

export interface Queued {
  /** The Idempotency-Key, also the item's id. */
  id: string;
  userId: string;
  /** A report, a case event, a handoff requested, a handoff's step, a separation proposed, a separation's step. */
  kind: 'intake' | 'event' | 'handoff' | 'handoffAction' | 'separation' | 'separationEvent';
  path: string;
  body: Record<string, unknown>;
  /** The case and its code (all but reports), the event type (events and steps). */
  caseId?: string;
  caseCode?: string;
  eventType?: string;
  /** The handoff or separation a step is on, and the workflow whose contract declares the step. */
  handoffId?: string;
  separationId?: string;
  workflow?: { name: string; version: number };
  /**
   * The step this one was taken behind (on the state that one leaves the handoff in): held while that
   * one is here, then sent over the version it made.
   */
  after?: string;
  /** Where the form's own state goes back to for a correction (a draft), and that state. */
  draftId: string;
  draft: unknown;
  queuedAt: string;
  /** waiting: to be sent; conflict: the case changed (409); failed: refused (e.g. 400), for the person to correct. */
  status: 'waiting' | 'conflict' | 'failed';
  error?: ErrorBody | null;
  errorStatus?: number;
}

let items: Queued[] = [];
let loaded = false;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

async function reload(): Promise<void> {
  const all = await entries<string, Queued>(store);
  items = all.map(([, v]) => v).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  loaded = true;
  changed();
}

async function put(item: Queued): Promise<void> {
  await set(item.id, item, store);
  await reload();
}

/** Keeps a request to send later (the connection is down). */
export function enqueue(item: Omit<Queued, 'queuedAt' | 'status'>): Promise<void> {
  return put({ ...item, queuedAt: new Date().toISOString(), status: 'waiting' });
}

/**
 * Sends a command with its Idempotency-Key (the item's id); without a connection, keeps it to send
 * later and answers 'queued' — unless it may not wait (`queueable` false: a decision), when the
 * failure is the caller's.
 */
export async function sendOrQueue<T>(item: Omit<Queued, 'queuedAt' | 'status'>, queueable = true): Promise<T | 'queued'> {
  try {
    return await api<T>(item.path, { body: item.body, headers: { 'Idempotency-Key': item.id } });
  } catch (err) {
    if (!queueable || !isOffline(err)) throw err;
    await enqueue(item);
    return 'queued';
  }
}

/**
 * Discards an item. A step taken behind it was taken on the state it would have left: not sent as
 * if it had been, it waits for the person as a conflict, beside the handoff as it is now.
 */
export async function remove(id: string): Promise<void> {
  await del(id, store);
  for (const next of items.filter((i) => i.after === id)) await set(next.id, { ...next, after: undefined, status: 'conflict', error: null } satisfies Queued, store);
  await reload();
}

/** Sends a conflicting step again over the current version of its case, handoff or separation (the person chose so). */
export async function resendOver(id: string, version: number): Promise<void> {
  const item = items.find((i) => i.id === id);
  if (!item) return;
  await put({ ...item, body: { ...item.body, expectedVersion: version }, status: 'waiting', error: null });
}

let flushing: Promise<number> | null = null;

/** What a versioned step is written against, and where its answer carries the new version. */
const SUBJECT = { event: ['caseId', 'case'], handoffAction: ['handoffId', 'handoff'], separationEvent: ['separationId', 'separation'] } as const;

function subjectOf(item: Queued): { id: string; answer: 'case' | 'handoff' | 'separation'; version: number } | null {
  const version = item.body.expectedVersion;
  if (!(item.kind in SUBJECT) || typeof version !== 'number') return null;
  const [idKey, answer] = SUBJECT[item.kind as keyof typeof SUBJECT];
  const id = item[idKey];
  return id ? { id, answer, version } : null;
}

/**
 * Sends the user's waiting items in order; resolves to how many were sent. Stops at the first network failure.
 * Several steps recorded offline on one case, handoff or separation (two visits…) were all written
 * against the version shown then: each after the first goes over the version the person's own
 * previous step made, not into a conflict with it. A step kept behind another (`after`) waits while
 * that one is here, and goes over the version it made once sent.
 */
export function flush(userId: string): Promise<number> {
  flushing ??= (async () => {
    if (!loaded) await reload();
    let sent = 0;
    // Per subject: the version the person's steps were written against → the version their last one sent made.
    const moved = new Map<string, { from: number; to: number }>();
    for (const { id } of items.filter((i) => i.userId === userId && i.status === 'waiting')) {
      // As it is now: a step sent before it may have put it over the version that step made.
      let item = items.find((i) => i.id === id);
      // Gone (discarded meanwhile), or held behind a step not sent (a conflict, a refusal): not sent over it.
      if (!item || item.status !== 'waiting' || (item.after !== undefined && items.some((i) => i.id === item?.after))) continue;
      const subject = subjectOf(item);
      const mine = subject && moved.get(subject.id);
      if (subject && mine && mine.from === subject.version) {
        // Kept before sending: a retry after a lost answer sends the very same request.
        item = { ...item, body: { ...item.body, expectedVersion: mine.to } };
        await set(item.id, item, store);
      }
      try {
        const answer = await api<Partial<Record<'case' | 'handoff' | 'separation', { version: number }>>>(
          item.path, { body: item.body, headers: { 'Idempotency-Key': item.id } });
        const now = subject && answer[subject.answer]?.version;
        if (subject && typeof now === 'number') moved.set(subject.id, { from: subject.version, to: now });
        await del(item.id, store);
        // The steps taken behind it go over the version it made (kept now: a later flush sends them so).
        for (const next of items.filter((i) => i.after === id)) {
          await set(next.id, { ...next, after: undefined, body: typeof now === 'number' ? { ...next.body, expectedVersion: now } : next.body } satisfies Queued, store);
        }
        await reload();
        sent++;
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError(0, null);
        // Still offline, or the session ended (sent after the next sign-in): try again later.
        if (err.status === 0 || err.status === 401) break;
        await set(item.id, { ...item, status: err.status === 409 && err.body?.details?.currentVersion !== undefined ? 'conflict' : 'failed', error: err.body, errorStatus: err.status } satisfies Queued, store);
        await reload();
      }
    }
    await reload();
    // Pages showing what was sent (the case, its timeline, the lists) show it as it is now.
    if (sent) void import('./query').then((q) => q.refreshAll());
    return sent;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  if (!loaded) void reload().catch(() => undefined);
  return () => listeners.delete(l);
}

/** The user's queued items, oldest first. */
export function useOutbox(userId: string): Queued[] {
  const all = useSyncExternalStore(subscribe, () => items);
  return all.filter((i) => i.userId === userId);
}

/** False while the browser says it has no connection, or the API did not answer the last request. */
export function useOnline(): boolean {
  return useSyncExternalStore((l) => {
    window.addEventListener('online', l);
    window.addEventListener('offline', l);
    const stop = connectivity.subscribe(l);
    return () => {
      window.removeEventListener('online', l);
      window.removeEventListener('offline', l);
      stop();
    };
  }, () => navigator.onLine && connectivity.reachable());
}

/** A request that failed for want of a connection (to be queued), as opposed to one the server refused. */
export const isOffline = (e: unknown): boolean => e instanceof ApiError && e.status === 0;
