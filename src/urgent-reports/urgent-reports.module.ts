import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { CryptoModule } from '../crypto/crypto.module';
import { EngineModule } from '../engine/engine.module';
import { HandoffsModule } from '../handoffs/handoffs.module';
import { AccessModule } from '../identity/access.module';
import { UrgentReportsController } from './urgent-reports.controller';
import { UrgentReportsRepository } from './urgent-reports.repository';
import { UrgentReportsService } from './urgent-reports.service';

@Module({
  imports: [AuditModule, EngineModule, CasesModule, HandoffsModule, AccessModule, CryptoModule],
  controllers: [UrgentReportsController],
  providers: [UrgentReportsService, UrgentReportsRepository],
})
export class UrgentReportsModule {}
