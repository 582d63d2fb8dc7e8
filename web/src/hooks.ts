import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './api';
import type { Commune } from './api/types';
import { refreshAll } from './query';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  /** A request for this data is on its way (the first, or a refresh), or waits for the connection. */
  loading: boolean;
  reload(): void;
  /** Replaces the data without a request (e.g. with a command's answer). */
  set(data: T): void;
}

/**
 * GETs `path` (null: nothing yet) through the query cache (query.ts): again whenever it changes or
 * `reload()` is called, and whenever a command refreshes what is shown. While the next path loads,
 * the previous path's data stays on screen.
 */
export function useApi<T>(path: string | null): Loaded<T> {
  const client = useQueryClient();
  const q = useQuery<T, ApiError>({
    queryKey: [path],
    queryFn: ({ signal }) => api<T>(path!, { signal }),
    enabled: path !== null,
    placeholderData: keepPreviousData,
  });
  const { refetch } = q;
  // A reload joins a request already on its way (e.g. the refresh a command has just started).
  const reload = useCallback(() => void refetch({ cancelRefetch: false }), [refetch]);
  const set = useCallback((data: T) => client.setQueryData<T>([path], data), [client, path]);
  return { data: q.data ?? null, error: q.error ?? null, loading: q.fetchStatus !== 'idle', reload, set };
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
      const result = await submit();
      // What the step changed may show anywhere on the page (the case, its lists, counts): refresh what is shown.
      void refreshAll();
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

/** A commune's name by its code (from the directory); the code until the names have loaded. */
export function useCommuneName(): (code: string) => string {
  const communes = useApi<{ items: Commune[] }>('/directory/communes');
  const items = communes.data?.items;
  return useCallback((code: string) => items?.find((c) => c.code === code)?.name ?? code, [items]);
}
