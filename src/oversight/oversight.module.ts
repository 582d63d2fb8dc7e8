import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { AccessModule } from '../identity/access.module';
import { AuditController } from './audit.controller';
import { AuditTrailService } from './audit-trail.service';
import { OversightController } from './oversight.controller';
import { OversightRepository } from './oversight.repository';
import { OversightService } from './oversight.service';
import { StatisticsService } from './statistics.service';

@Module({
  imports: [AuditModule, AccessModule, DeadlinesModule],
  controllers: [OversightController, AuditController],
  providers: [OversightRepository, OversightService, StatisticsService, AuditTrailService],
})
export class OversightModule {}
