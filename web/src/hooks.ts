import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError } from './api';

// One shared clock for every countdown on the page.
const CLOCK_MS = 30_000;
let now = Date.now();
const clockListeners = new Set<() => void>();
let clockTimer: number | undefined;

function subscribeClock(listener: () => void): () => void {
  clockListeners.add(listener);
  if (clockTimer === undefined) {
    now = Date.now();
    clockTimer = window.setInterval(() => {
      now = Date.now();
      clockListeners.forEach((l) => l());
    }, CLOCK_MS);
  }
  return () => {
    clockListeners.delete(listener);
    if (!clockListeners.size) {
      window.clearInterval(clockTimer);
      clockTimer = undefined;
    }
  };
}

/** The current time, refreshed every 30 seconds. */
export function useNow(): number {
  return useSyncExternalStore(subscribeClock, () => now);
}

/** Runs `submit` once at a time; returns [busy, error, run, clearError]. */
export function useCommand(): {
  busy: boolean;
  error: ApiError | null;
  run<T>(submit: () => Promise<T>): Promise<T | undefined>;
  clear(): void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const inFlight = useRef(false);
  const run = useCallback(async <T,>(submit: () => Promise<T>): Promise<T | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      const result = await submit();
      // What the step changed may show anywhere on the page (the case, its lists, counts): refresh what is shown.
      // (Loaded on demand: the sign-in's commands need no cache, and the first screen stays small.)
      void import('./query').then((q) => q.refreshAll());
      return result;
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, null));
      return undefined;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
