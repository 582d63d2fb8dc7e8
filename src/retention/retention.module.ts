import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { HandoffsModule } from '../handoffs/handoffs.module';
import { AccessModule } from '../identity/access.module';
import { SessionsRepository } from '../identity/sessions.repository';
import { NotificationsModule } from '../notifications/notifications.module';
import { SupportStoreModule } from '../supports/support-store.module';
import { RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';

/** Retention and the data subject's rights (README "Data protection"): purges, anonymisation, legal holds. */
@Module({
  imports: [AuditModule, AccessModule, CasesModule, HandoffsModule, SupportStoreModule, NotificationsModule],
  controllers: [RetentionController],
  // Sessions are identity's table; its repository (no state) is provided here so a worker needs no sign-in module.
  providers: [RetentionService, SessionsRepository],
  exports: [RetentionService],
})
export class RetentionModule {}
