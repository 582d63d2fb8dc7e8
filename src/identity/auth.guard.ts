import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Forbidden, Unauthenticated } from '../common/errors';
import type { Response } from 'express';
import { ALLOWED_ROLES, AuthedRequest, CLIENT_SCOPES_KEY, IS_PUBLIC, OPEN_DURING_MFA_ENROLMENT, OPEN_DURING_PASSWORD_CHANGE } from './auth.decorators';
import type { ClientScope, Role } from './roles';
import { setAccessBasis } from '../audit/request-context';
import { scopeBasis } from './access.repository';
import { NO_PERSONAL_DATA, ReadAudit } from './read-audit';
import { SessionsService } from './sessions.service';
import { RateLimited, SystemClientsService } from './system-clients.service';

export const PASSWORD_CHANGE_REQUIRED =
  'Bạn cần đổi mật khẩu trước khi tiếp tục / You must change your password before continuing';
export const MFA_ENROLMENT_REQUIRED =
  'Bạn cần bật xác thực hai bước trước khi tiếp tục / You must set up two-step verification before continuing';

/**
 * Global guard: every route needs a valid bearer token of a live session unless marked @Public();
 * the caller's role, agency and jurisdiction come from the database (SessionsService), never the
 * token; @Roles narrows it; a user who must change their password reaches only the routes marked
 * @OpenDuringPasswordChange(); one whose role requires a second factor not yet enrolled, only the
 * routes marked @OpenDuringMfaEnrolment(). A system client's token (claim `cid`) passes only on
 * routes that declare one of its scopes (@Scopes), within its per-minute rate limit; elsewhere it is 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector, private readonly sessions: SessionsService, private readonly clients: SystemClientsService,
    private readonly reads: ReadAudit,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new Unauthenticated('Cần đăng nhập / Authentication required');
    if (this.clients.isClientToken(match[1])) return this.admitClient(ctx, req, match[1]);
    const who = await this.sessions.authenticate(match[1]);
    req.principal = who.principal;
    setAccessBasis(scopeBasis(who.principal));
    req.sessionId = who.sessionId;
    req.passwordChangeRequired = who.passwordChangeRequired;
    if (who.passwordChangeRequired && !this.reflector.getAllAndOverride<boolean>(OPEN_DURING_PASSWORD_CHANGE, targets)) {
      throw new Forbidden(PASSWORD_CHANGE_REQUIRED, { passwordChangeRequired: true });
    }
    req.mfaEnrolmentRequired = who.mfaEnrolmentRequired;
    if (who.mfaEnrolmentRequired && !this.reflector.getAllAndOverride<boolean>(OPEN_DURING_MFA_ENROLMENT, targets)) {
      throw new Forbidden(MFA_ENROLMENT_REQUIRED, { mfaEnrolmentRequired: true });
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(req.principal.role)) {
      // A read refused for the caller's role is on the record too (other refusals are the interceptor's).
      if (req.method === 'GET' && !this.reflector.getAllAndOverride<string>(NO_PERSONAL_DATA, targets)) {
        await this.reads.record(req, req.principal, { status: 403 });
      }
      throw new Forbidden('Vai trò của bạn không được phép thao tác này / Your role may not do this');
    }
    return true;
  }

  /** Every request of a client counts against its limit; a route without one of its scopes is refused (audited). */
  private async admitClient(ctx: ExecutionContext, req: AuthedRequest, token: string): Promise<boolean> {
    const { client, rateLimitPerMinute } = await this.clients.authenticate(token);
    setAccessBasis(scopeBasis(client));
    const route = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
    try {
      await this.clients.consume(client, rateLimitPerMinute, route);
    } catch (e) {
      if (e instanceof RateLimited) ctx.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
    const needed = this.reflector.getAllAndOverride<ClientScope[] | undefined>(CLIENT_SCOPES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!needed?.some((s) => client.scopes.includes(s))) await this.clients.refuse(client, route, needed);
    req.client = client;
    return true;
  }
}
