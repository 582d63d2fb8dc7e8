import { DynamicModule, Module } from '@nestjs/common';
import { AuditSealer } from './audit/audit-sealer';
import { AuditModule } from './audit/audit.module';
import { JobsModule } from './jobs/jobs.module';
import { NotificationsModule } from './notifications/notifications.module';
import { CasesModule } from './cases/cases.module';
import { DecisionsModule } from './decisions/decisions.module';
import { DeliveryModule } from './delivery/delivery.module';
import { HandoffsModule } from './handoffs/handoffs.module';
import { ReportCalendarRepository } from './oversight/report-calendar.repository';
import { ReportReminders } from './oversight/report-reminders';
import { SupportStoreModule } from './supports/support-store.module';
import { RetentionJob } from './retention/retention-job';
import { RetentionModule } from './retention/retention.module';
import { TimersModule } from './timers/timers.module';

/** Everything a worker process runs: the jobs module (queues, schedules, outbox relay) and the handlers of its jobs. */
@Module({})
export class WorkerModule {
  static forRoot(redisUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      // Cases, handoffs and supports register how the engine locks and writes them: a firing advances any.
      // Every module carrying out an effect is here too, so any transition a worker runs can complete.
      imports: [JobsModule.forRoot(redisUrl), AuditModule, NotificationsModule, TimersModule, CasesModule, HandoffsModule, SupportStoreModule, DecisionsModule, DeliveryModule, RetentionModule],
      providers: [AuditSealer, ReportReminders, RetentionJob, ReportCalendarRepository],
      exports: [TimersModule],
    };
  }
}
