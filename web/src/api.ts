/**
 * The one way the console talks to the API: JSON under /api/v1, the bearer token from
 * sessionStorage, and every failure as an `ApiError` carrying the API's error body.
 *
 * Access tokens live 15 minutes: the console exchanges its refresh token for a new pair shortly
 * before expiry, or once after a 401; if that fails too, the session is over. One refresh at a
 * time: a refresh token is used once, and a second use would end the session.
 */
import type { SessionTokens, User } from './api/types';

export const API_BASE = '/api/v1';
export const TOKEN_KEY = 'baove.token';
const REFRESH_KEY = 'baove.refresh';
const EXPIRES_KEY = 'baove.expiresAt';
const CHANGE_KEY = 'baove.mustChangePassword';
const ENROL_KEY = 'baove.mfaEnrolmentRequired';
const USER_KEY = 'baove.user';
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;
/** Fired when the API answers 401 to a signed-in request: the session is over. */
export const UNAUTHORIZED_EVENT = 'baove:unauthorized';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: {
    fields?: Record<string, string[]>;
    expectedVersion?: number;
    currentVersion?: number;
    state?: string;
    event?: string;
    allowed?: string[];
  };
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ErrorBody | null) {
    super(body?.message ?? (status === 0 ? 'Network error' : `HTTP ${status}`));
    this.name = 'ApiError';
  }

  get fields(): Record<string, string[]> {
    return this.body?.details?.fields ?? {};
  }
}

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  user: (): User | null => {
    const raw = sessionStorage.getItem(USER_KEY);
    try {
      return raw ? (JSON.parse(raw) as User) : null;
    } catch {
      return null;
    }
  },
  refreshToken: (): string | null => sessionStorage.getItem(REFRESH_KEY),
  passwordChangeRequired: (): boolean => sessionStorage.getItem(CHANGE_KEY) === 'true',
  mfaEnrolmentRequired: (): boolean => sessionStorage.getItem(ENROL_KEY) === 'true',
  expiresAt: (): number => Number(sessionStorage.getItem(EXPIRES_KEY) ?? 0),
  save(tokens: SessionTokens, user?: User): void {
    sessionStorage.setItem(TOKEN_KEY, tokens.accessToken);
    sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
    sessionStorage.setItem(EXPIRES_KEY, String(Date.now() + tokens.expiresIn * 1000));
    sessionStorage.setItem(CHANGE_KEY, String(tokens.passwordChangeRequired));
    sessionStorage.setItem(ENROL_KEY, String(tokens.mfaEnrolmentRequired));
    if (user) sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  setPasswordChangeRequired(required: boolean): void {
    sessionStorage.setItem(CHANGE_KEY, String(required));
  },
  setMfaEnrolmentRequired(required: boolean): void {
    sessionStorage.setItem(ENROL_KEY, String(required));
  },
  clear(): void {
    for (const key of [TOKEN_KEY, REFRESH_KEY, EXPIRES_KEY, CHANGE_KEY, ENROL_KEY, USER_KEY]) sessionStorage.removeItem(key);
  },
};

// Whether the API answered the last request at all (a phone can have signal and no connection).
let reachable = true;
const reachListeners = new Set<() => void>();
function setReachable(value: boolean): void {
  if (reachable === value) return;
  reachable = value;
  reachListeners.forEach((l) => l());
}

/** The API's reachability as the last request found it: false after a network failure, until an answer. */
export const connectivity = {
  subscribe(listener: () => void): () => void {
    reachListeners.add(listener);
    return () => reachListeners.delete(listener);
  },
  reachable: (): boolean => reachable,
};

let refreshing: Promise<boolean> | null = null;

/** Exchanges the refresh token for new tokens (one exchange at a time); false when the session is over. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = session.refreshToken();
    if (!refreshToken) return false;
    try {
      const res = await fetch(`${API_BASE}/auth/refresh`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!res.ok) return false;
      session.save((await res.json()) as SessionTokens);
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function endSession(): void {
  session.clear();
  window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A multipart upload (e.g. a CSV file); the browser sets its content type. */
  form?: FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function send(path: string, o: RequestOptions, accept: string, retried = false): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept, ...o.headers };
  if (session.token() && session.refreshToken() && session.expiresAt() - Date.now() < REFRESH_MARGIN_MS && !path.startsWith('/auth/refresh')) {
    if (!(await refreshSession())) {
      endSession();
      throw new ApiError(401, null);
    }
  }
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (o.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(API_BASE + path, {
      method: o.method ?? (o.body !== undefined || o.form ? 'POST' : 'GET'),
      headers,
      body: o.form ?? (o.body !== undefined ? JSON.stringify(o.body) : undefined),
      signal: o.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    setReachable(false);
    throw new ApiError(0, null);
  }
  setReachable(true);
  if (!res.ok) {
    let body: ErrorBody | null = null;
    try {
      body = (await res.json()) as ErrorBody;
    } catch {
      body = null;
    }
    if (res.status === 401 && token) {
      // Once: the token may have been refreshed meanwhile, or expired early (clock skew).
      if (!retried && session.refreshToken() && (session.token() !== token || (await refreshSession()))) {
        return send(path, o, accept, true);
      }
      endSession();
    }
    throw new ApiError(res.status, body);
  }
  return res;
}

/** A JSON request; resolves to the parsed body. */
export async function api<T>(path: string, o: RequestOptions = {}): Promise<T> {
  return (await apiWithStatus<T>(path, o)).body;
}

/** A JSON request when the success status matters (201 created vs 200 already there). */
export async function apiWithStatus<T>(path: string, o: RequestOptions = {}): Promise<{ status: number; body: T }> {
  const res = await send(path, o, 'application/json');
  return { status: res.status, body: (await res.json()) as T };
}

/** A file download (e.g. `Accept: text/csv`): resolves to the body and the server's file name, if any. */
export async function apiFile(path: string, accept: string): Promise<{ blob: Blob; filename: string | null }> {
  const res = await send(path, {}, accept);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return { blob: await res.blob(), filename: match ? decodeURIComponent(match[1]) : null };
}

/** `?a=1&b=2` from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A key per user action, so a double-submitted form applies once (the API's Idempotency-Key). */
export function idempotencyKey(): string {
  // crypto.randomUUID exists only in secure contexts; a commune LAN may serve plain HTTP.
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
