/**
 * Drafts of forms kept on this device (IndexedDB, through idb-keyval) so nothing typed is lost:
 * not when the user taps another menu item, not when the session expires, not when the tab closes.
 * A draft is saved a moment after each change, at once when the page is hidden, and removed when
 * the form is sent or the user discards it. Keys name the user, so a shared device never offers
 * one worker's draft to another.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createStore, del, get, set } from 'idb-keyval';

const store = createStore('baove-drafts', 'drafts');
const SAVE_AFTER_MS = 300;

export interface Draft<T> {
  value: T;
  savedAt: string;
}

/** Puts `value` back as the draft `id` (e.g. a queued report the person wants to correct). */
export function saveDraft<T>(id: string, value: T): Promise<void> {
  return set(id, { value, savedAt: new Date().toISOString() } satisfies Draft<T>, store);
}

export interface DraftState<T> {
  /** The draft restored when the form opened (null: none, or discarded). */
  restored: Draft<T> | null;
  /** When what is typed was last saved on the device (null: nothing saved). */
  savedAt: string | null;
  /** Forgets the draft (the caller resets its form). */
  discard(): void;
  /** Forgets the draft once the form has been sent. */
  clear(): void;
}

/**
 * Keeps `value` as the draft `id` while `dirty` (a pristine form leaves no draft); on first use,
 * hands a saved draft to `onRestore`. `id` null: no draft (e.g. no user yet).
 */
export function useDraft<T>(id: string | null, value: T, dirty: boolean, onRestore: (value: T) => void): DraftState<T> {
  const [restored, setRestored] = useState<Draft<T> | null>(null);
  const [ready, setReady] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const restoreRef = useRef(onRestore);
  restoreRef.current = onRestore;
  const pending = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    setReady(false);
    get<Draft<T>>(id, store).then((d) => {
      if (!live) return;
      if (d) {
        restoreRef.current(d.value);
        setRestored(d);
      }
      setReady(true);
    }, () => live && setReady(true));
    return () => { live = false; };
  }, [id]);

  useEffect(() => {
    if (id === null || !ready) return;
    const write = () => {
      pending.current = null;
      const at = new Date().toISOString();
      (dirty ? set(id, { value, savedAt: at } satisfies Draft<T>, store) : del(id, store))
        .then(() => setSavedAt(dirty ? at : null), () => undefined);
    };
    pending.current = write;
    const timer = window.setTimeout(write, SAVE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [id, ready, value, dirty]);

  // Leaving the page (another app, closing the tab): save what is pending now; and on unmount (another menu item).
  useEffect(() => {
    const flush = () => pending.current?.();
    const hidden = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', hidden);
      flush();
    };
  }, []);

  const forget = useCallback(() => {
    pending.current = null;
    setRestored(null);
    setSavedAt(null);
    if (id !== null) void del(id, store).catch(() => undefined);
  }, [id]);
  return { restored, savedAt, discard: forget, clear: forget };
}
