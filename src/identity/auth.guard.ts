import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Forbidden, Unauthenticated } from '../common/errors';
import { ALLOWED_ROLES, AuthedRequest, IS_PUBLIC } from './auth.decorators';
import { AuthService } from './auth.service';
import type { Role } from './roles';

/** Global guard: every route needs a valid bearer token unless marked @Public(); @Roles narrows it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly auth: AuthService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new Unauthenticated('Cần đăng nhập / Authentication required');
    req.principal = await this.auth.verify(match[1]);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(req.principal.role)) {
      throw new Forbidden('Vai trò của bạn không được phép thao tác này / Your role may not do this');
    }
    return true;
  }
}
