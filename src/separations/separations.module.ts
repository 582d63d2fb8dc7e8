import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { CryptoModule } from '../crypto/crypto.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { EngineModule } from '../engine/engine.module';
import { HandoffsModule } from '../handoffs/handoffs.module';
import { AccessModule } from '../identity/access.module';
import { SeparationsController } from './separations.controller';
import { SeparationsRepository } from './separations.repository';
import { SeparationsService } from './separations.service';

@Module({
  imports: [AuditModule, EngineModule, DeadlinesModule, CasesModule, HandoffsModule, AccessModule, CryptoModule],
  controllers: [SeparationsController],
  providers: [SeparationsService, SeparationsRepository],
})
export class SeparationsModule {}
