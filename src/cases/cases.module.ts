import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ChildrenModule } from '../children/children.module';
import { CryptoModule } from '../crypto/crypto.module';
import { EngineModule } from '../engine/engine.module';
import { AccessModule } from '../identity/access.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CaseStore } from './case-store';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { FieldBackfill } from './field-backfill';

@Module({
  imports: [AuditModule, EngineModule, AccessModule, ChildrenModule, NotificationsModule, CryptoModule],
  controllers: [CasesController],
  providers: [CasesService, CasesRepository, CaseStore, FieldBackfill],
  exports: [CasesService, CasesRepository],
})
export class CasesModule {}
