/**
 * The console's data fetching: one TanStack Query client. GETs are cached per path (the query key
 * is the path), retried only when a retry can help (retry.ts), refetched when the tab regains focus
 * or the connection returns, and every active query is refreshed after a command succeeds or
 * queued work is sent (`refreshAll`) — so a page never shows what it showed before its own step.
 *
 * No provider: the hooks here pass the client, and the rest of the console loads this module on
 * demand, so the sign-in's first screen does not carry the library.
 *
 * Nothing is persisted: the cache lives in this tab's memory only. A commune's phone or computer
 * may be shared, and a child's case must not stay on it after the tab closes (drafts of typed
 * work are the one exception, see drafts.ts).
 *
 * Offline: while the browser says it is offline (TanStack's `onlineManager` follows its events),
 * queries keep their data and wait (`networkMode: 'offlineFirst'` tries once, then pauses until the
 * connection returns, then refetches), and the layout shows from when the data on screen dates
 * (`useOfflineDataTime`). When the browser says online but the API does not answer (signal without
 * data, a server restarting), requests are retried with back-off (retry.ts) and then show the error;
 * pausing on the API's reachability instead would leave nothing to notice its return.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { keepPreviousData, QueryClient, useQuery } from '@tanstack/react-query';
import { api, ApiError } from './api';
import type { Commune } from './api/types';
import { retryDelay, shouldRetry } from './retry';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: shouldRetry,
      retryDelay,
      networkMode: 'offlineFirst',
      // Back online, what is shown is fetched again however fresh it was: it may have changed meanwhile.
      refetchOnReconnect: 'always',
      // A list opened again within 30 s is shown at once without a request; older data is shown and refreshed.
      staleTime: 30_000,
      gcTime: 10 * 60_000,
    },
  },
});

// What a QueryClientProvider would do: follow the window's focus and the connection (refetch on reconnect).
queryClient.mount();

/** After a command succeeded or queued work was sent: every query shown is fetched again, the others when next shown. */
export function refreshAll(): Promise<void> {
  return queryClient.invalidateQueries();
}

/** The time of the oldest data on screen (ms), for the offline notice; null when nothing is shown. */
function oldestShown(): number | null {
  let oldest: number | null = null;
  for (const q of queryClient.getQueryCache().getAll()) {
    const at = q.state.dataUpdatedAt;
    if (q.getObserversCount() > 0 && at > 0 && (oldest === null || at < oldest)) oldest = at;
  }
  return oldest;
}

/** From when the data on screen dates (ms since the epoch), or null; follows the cache. */
export function useOfflineDataTime(): number | null {
  return useSyncExternalStore((l) => queryClient.getQueryCache().subscribe(l), oldestShown);
}

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
  const q = useQuery<T, ApiError>({
    queryKey: [path],
    queryFn: ({ signal }) => api<T>(path!, { signal }),
    enabled: path !== null,
    placeholderData: keepPreviousData,
  }, queryClient);
  const { refetch } = q;
  // A reload joins a request already on its way (e.g. the refresh a command has just started).
  const reload = useCallback(() => void refetch({ cancelRefetch: false }), [refetch]);
  const set = useCallback((data: T) => queryClient.setQueryData<T>([path], data), [path]);
  return { data: q.data ?? null, error: q.error ?? null, loading: q.fetchStatus !== 'idle', reload, set };
}

/** A commune's name by its code (from the directory); the code until the names have loaded. */
export function useCommuneName(): (code: string) => string {
  const communes = useApi<{ items: Commune[] }>('/directory/communes');
  const items = communes.data?.items;
  return useCallback((code: string) => items?.find((c) => c.code === code)?.name ?? code, [items]);
}
