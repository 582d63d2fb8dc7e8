/**
 * When a failed request is tried again (TanStack Query's `retry` and `retryDelay`): a request that
 * never reached the API (status 0), or one the API could not serve now (408, 429, 502–504), is
 * retried with back-off; anything else the API refused (400, 401, 403, 404, 409…) is an answer,
 * and asking again would get the same one.
 */
import { ApiError } from './api';

/** Tries after the first: 3, so a flaky rural line gets four chances before the page shows the error. */
export const MAX_RETRIES = 3;
const TRANSIENT = new Set([0, 408, 429, 502, 503, 504]);

export function shouldRetry(failures: number, error: unknown): boolean {
  if (failures >= MAX_RETRIES) return false;
  return error instanceof ApiError && TRANSIENT.has(error.status);
}

/** 1 s, 2 s, 4 s… capped at 15 s. */
export function retryDelay(failures: number): number {
  return Math.min(1000 * 2 ** failures, 15_000);
}
