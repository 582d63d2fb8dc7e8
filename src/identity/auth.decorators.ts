import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal, Role } from './roles';

export const IS_PUBLIC = 'baove:public';
export const ALLOWED_ROLES = 'baove:roles';

/** The route needs no token (login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (403 otherwise). Finer rules live in the policies. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export type AuthedRequest = Request & { principal?: Principal };

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new Error('CurrentUser used on a public route');
  return principal;
});
