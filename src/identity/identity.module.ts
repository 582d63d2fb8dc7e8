import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { AppConfig } from '../config/config';
import { CONFIG } from '../common/tokens';
import { AuditModule } from '../audit/audit.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { ClientTokenController } from './client-token.controller';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';
import { IdentityRepository } from './identity.repository';
import { LoginThrottle } from './login-throttle';
import { MfaController } from './mfa.controller';
import { MfaRepository } from './mfa.repository';
import { MfaService } from './mfa.service';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';
import { ReadAudit, ReadAuditInterceptor } from './read-audit';
import { SignInTickets } from './sign-in-tickets';
import { SessionsRepository } from './sessions.repository';
import { SessionsService, TOKEN_AUDIENCE, TOKEN_ISSUER } from './sessions.service';
import { SystemClientsRepository } from './system-clients.repository';
import { SystemClientsService } from './system-clients.service';

@Module({
  imports: [
    AuditModule,
    JwtModule.registerAsync({
      inject: [CONFIG],
      // A KeyObject, not a string: jsonwebtoken otherwise tries (and fails) to parse a string secret
      // as a public key on every verification, which costs more than the HMAC itself.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
        signOptions: { algorithm: 'HS256', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
        // Issuer and audience must be present and right; `exp` is checked present by SessionsService.
        verifyOptions: { algorithms: ['HS256'], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
      }),
    }),
  ],
  controllers: [AuthController, MfaController, OidcController, ClientTokenController, DirectoryController],
  providers: [
    IdentityRepository, SessionsRepository, SessionsService, LoginThrottle, AuthService, DirectoryService,
    MfaRepository, MfaService, SignInTickets, OidcService, SystemClientsRepository, SystemClientsService,
    ReadAudit,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: ReadAuditInterceptor },
  ],
  exports: [AuthService, SessionsService],
})
export class IdentityModule {}
