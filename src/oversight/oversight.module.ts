import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { AccessModule } from '../identity/access.module';
import { AuditController } from './audit.controller';
import { AuditTrailService } from './audit-trail.service';
import { OversightController } from './oversight.controller';
import { OversightRepository } from './oversight.repository';
import { OversightService } from './oversight.service';
import { ReportCalendarController } from './report-calendar.controller';
import { ReportCalendarRepository } from './report-calendar.repository';
import { ReportCalendarService } from './report-calendar.service';
import { StatisticsService } from './statistics.service';

@Module({
  imports: [AuditModule, AccessModule, DeadlinesModule],
  controllers: [OversightController, AuditController, ReportCalendarController],
  providers: [OversightRepository, OversightService, StatisticsService, AuditTrailService, ReportCalendarRepository, ReportCalendarService],
})
export class OversightModule {}
