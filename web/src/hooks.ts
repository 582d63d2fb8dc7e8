import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { api, ApiError } from './api';
import type { Commune } from './api/types';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
  /** Replaces the data without a request (e.g. with a command's answer). */
  set(data: T): void;
}

/** GETs `path` (null: nothing yet) and again whenever it changes or `reload()` is called. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (path === null) return;
    const ctrl = new AbortController();
    setLoading(true);
    api<T>(path, { signal: ctrl.signal })
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(e instanceof ApiError ? e : new ApiError(0, null));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [path, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, set: setData };
}

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
      return await submit();
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

/** A commune's name by its code (from the directory); the code until the names have loaded. */
export function useCommuneName(): (code: string) => string {
  const communes = useApi<{ items: Commune[] }>('/directory/communes');
  const items = communes.data?.items;
  return useCallback((code: string) => items?.find((c) => c.code === code)?.name ?? code, [items]);
}
