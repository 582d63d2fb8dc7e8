/**
 * The HTTP request an audit entry is written under: where it came from and, once the caller is
 * authenticated, the scope rule that lets them through. Set per request by a middleware (app.ts)
 * and the read-audit interceptor (identity), read by `AuditService.record`, so every entry written
 * while serving a request carries its `access` without each caller passing it down.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditAccess } from './audit.repository';

const store = new AsyncLocalStorage<AuditAccess>();

/** Runs `next` (the rest of the request's handling) with this request's origin. */
export function withRequestOrigin(origin: { ip: string | null; userAgent: string | null }, next: () => void): void {
  store.run({ ip: origin.ip, userAgent: origin.userAgent?.slice(0, 300) ?? null }, next);
}

/** Records the authenticated caller's scope rule on the current request, for every entry written after. */
export function setAccessBasis(basis: Record<string, unknown>): void {
  const current = store.getStore();
  if (current) current.basis = basis;
}

/** The current request's access, or null outside one. */
export function currentAccess(): AuditAccess | null {
  const current = store.getStore();
  return current ? { ...current } : null;
}
