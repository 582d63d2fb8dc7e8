import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ChildrenModule } from '../children/children.module';
import { EngineModule } from '../engine/engine.module';
import { AccessModule } from '../identity/access.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CaseStore } from './case-store';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

@Module({
  imports: [AuditModule, EngineModule, AccessModule, ChildrenModule, NotificationsModule],
  controllers: [CasesController],
  providers: [CasesService, CasesRepository, CaseStore],
  exports: [CasesService, CasesRepository],
})
export class CasesModule {}
