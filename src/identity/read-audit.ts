/**
 * Every read on the record: a global interceptor writes one audit entry for each GET an
 * authenticated caller makes — the route, its parameters and query (search terms included), how
 * many items were served — and one for each read refused inside the handler (403, 404: another
 * commune's case, say). The auth guard records reads refused for the caller's role. Each entry
 * carries the request's `access` (address, user agent, the scope rule that applied).
 *
 * A route whose service records its own read in the read's transaction (a case's details, with the
 * view given) is marked @AuditedInService(): only its refusals are written here. A route that
 * serves no personal data is marked @NoPersonalData('why'), and writes nothing.
 */
import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { AuditService } from '../audit/audit.service';
import { Db } from '../database/db';
import type { AuthedRequest } from './auth.decorators';
import { isClient, SYSTEM_CLIENT_ROLE, type Caller } from './roles';

export const AUDITED_IN_SERVICE = 'baove:audited-in-service';
export const NO_PERSONAL_DATA = 'baove:no-personal-data';

/** The route's service writes its own read entry; the interceptor records only its refusals. */
export const AuditedInService = () => SetMetadata(AUDITED_IN_SERVICE, true);

/** The route serves no personal data (reference lists, the caller's own account, the chain's integrity): no read entry. */
export const NoPersonalData = (why: string) => SetMetadata(NO_PERSONAL_DATA, why);

const REFUSALS = new Set([403, 404]);
const MAX_VALUE = 200;

/** Query and path values as recorded: strings cut to a length, at most 30 keys. */
function trimmed(values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values ?? {}).slice(0, 30)) {
    out[k] = typeof v === 'string' ? v.slice(0, MAX_VALUE) : Array.isArray(v) ? v.slice(0, 20).map((x) => String(x).slice(0, MAX_VALUE)) : v;
  }
  return out;
}

@Injectable()
export class ReadAudit {
  constructor(private readonly db: Db, private readonly audit: AuditService) {}

  /** Records one read (served, or refused with `status`) by `caller` of the request's route. */
  async record(req: AuthedRequest, caller: Caller, outcome: { status: number; body?: unknown }): Promise<void> {
    const route = `${req.method} ${(req.baseUrl ?? '') + ((req.route as { path?: string } | undefined)?.path ?? req.path)}`;
    const params = (req.params ?? {}) as Record<string, string>;
    const served = outcome.status < 300;
    const body = outcome.body as { items?: unknown[] } | undefined;
    const returned = !served ? undefined : Array.isArray(body?.items) ? body.items.length : Array.isArray(outcome.body) ? outcome.body.length : undefined;
    const caseId = /\/cases\/:id(\/|$)/.test(route) ? params.id : undefined;
    const entity = /^[A-Z]+ \/api\/v1\/([a-z-]+)/.exec(route)?.[1] ?? 'api';
    await this.db.transaction((tx) => this.audit.record(tx, {
      actor: isClient(caller) ? { id: caller.clientId, role: SYSTEM_CLIENT_ROLE } : { id: caller.userId, role: caller.role },
      action: served ? 'read' : 'read.refused',
      caseId: caseId ?? null,
      entity,
      entityId: params.id ?? null,
      details: {
        route, status: outcome.status, params: trimmed(params), query: trimmed(req.query as Record<string, unknown>),
        ...(returned !== undefined ? { returned } : {}),
        ...(typeof req.headers.accept === 'string' && req.headers.accept.includes('text/csv') ? { format: 'csv' } : {}),
      },
    }));
  }
}

@Injectable()
export class ReadAuditInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector, private readonly reads: ReadAudit) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const caller = req.principal ?? req.client;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (req.method !== 'GET' || !caller || this.reflector.getAllAndOverride<string>(NO_PERSONAL_DATA, targets)) return next.handle();
    const inService = this.reflector.getAllAndOverride<boolean>(AUDITED_IN_SERVICE, targets) === true;
    return next.handle().pipe(
      // Written before the answer leaves: no read without its record (a failed write fails the read).
      mergeMap((body) => (inService ? Promise.resolve(body) : this.reads.record(req, caller, { status: 200, body }).then(() => body))),
      catchError((e: unknown) => {
        const status = (e as { status?: number; getStatus?: () => number }).status ?? (e as { getStatus?: () => number }).getStatus?.();
        if (status === undefined || !REFUSALS.has(status)) return throwError(() => e);
        return from(this.reads.record(req, caller, { status }).then(() => { throw e; }));
      }),
    );
  }
}
