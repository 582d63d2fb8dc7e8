import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Caller, ClientPrincipal, ClientScope, Principal, Role } from './roles';

export const IS_PUBLIC = 'baove:public';
export const ALLOWED_ROLES = 'baove:roles';
export const OPEN_DURING_PASSWORD_CHANGE = 'baove:open-during-password-change';
export const OPEN_DURING_MFA_ENROLMENT = 'baove:open-during-mfa-enrolment';
export const CLIENT_SCOPES_KEY = 'baove:client-scopes';

/** The route needs no token (login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (403 otherwise). Finer rules live in the policies. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** The route stays open to a user who must change their password first (change it, see who they are, sign out). */
export const OpenDuringPasswordChange = () => SetMetadata(OPEN_DURING_PASSWORD_CHANGE, true);

/** The route stays open to a user whose role requires a second factor they have not enrolled (enrol, see who they are, sign out). */
export const OpenDuringMfaEnrolment = () => SetMetadata(OPEN_DURING_MFA_ENROLMENT, true);

/**
 * A system client holding one of these scopes may call the route too (users still need @Roles).
 * Without it a client's token is refused (403) on the route, whatever its scopes.
 */
export const Scopes = (...scopes: ClientScope[]) => SetMetadata(CLIENT_SCOPES_KEY, scopes);

export type AuthedRequest = Request & {
  principal?: Principal; client?: ClientPrincipal; sessionId?: string; passwordChangeRequired?: boolean; mfaEnrolmentRequired?: boolean;
};

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new Error('CurrentUser used on a public route');
  return principal;
});

/** The caller of a route marked @Scopes: a signed-in user or a system client. */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  const caller = req.principal ?? req.client;
  if (!caller) throw new Error('CurrentCaller used on a public route');
  return caller;
});

/** The caller's session: its id and whether it is limited to changing the password. */
export const CurrentSession = createParamDecorator((_: unknown, ctx: ExecutionContext): { sessionId: string; passwordChangeRequired: boolean; mfaEnrolmentRequired: boolean } => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.sessionId) throw new Error('CurrentSession used on a public route');
  return { sessionId: req.sessionId, passwordChangeRequired: req.passwordChangeRequired ?? false, mfaEnrolmentRequired: req.mfaEnrolmentRequired ?? false };
});

/** The client's address (as Express sees it, TRUST_PROXY applied) and user agent, for throttling and the audit log. */
export const ClientInfo = createParamDecorator((_: unknown, ctx: ExecutionContext): { ip: string; userAgent: string | null } => {
  const req = ctx.switchToHttp().getRequest<Request>();
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: typeof ua === 'string' ? ua : null };
});
