import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { CryptoModule } from '../crypto/crypto.module';
import { EngineModule } from '../engine/engine.module';
import { AccessModule } from '../identity/access.module';
import { DecisionsController } from './decisions.controller';
import { DecisionsRepository } from './decisions.repository';
import { DecisionsService } from './decisions.service';

@Module({
  imports: [AuditModule, EngineModule, CasesModule, AccessModule, CryptoModule],
  controllers: [DecisionsController],
  providers: [DecisionsService, DecisionsRepository],
})
export class DecisionsModule {}
