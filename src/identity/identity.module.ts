import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { AppConfig } from '../config/config';
import { CONFIG } from '../common/tokens';
import { AuditModule } from '../audit/audit.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';
import { IdentityRepository } from './identity.repository';

@Module({
  imports: [
    AuditModule,
    JwtModule.registerAsync({
      inject: [CONFIG],
      // A KeyObject, not a string: jsonwebtoken otherwise tries (and fails) to parse a string secret
      // as a public key on every verification, which costs more than the HMAC itself.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, DirectoryController],
  providers: [IdentityRepository, AuthService, DirectoryService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class IdentityModule {}
