import { DynamicModule, Module } from '@nestjs/common';
import { AuditSealer } from './audit/audit-sealer';
import { AuditModule } from './audit/audit.module';
import { JobsModule } from './jobs/jobs.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ReportReminders } from './oversight/report-reminders';
import { TimersModule } from './timers/timers.module';

/** Everything a worker process runs: the jobs module (queues, schedules, outbox relay) and the handlers of its jobs. */
@Module({})
export class WorkerModule {
  static forRoot(redisUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [JobsModule.forRoot(redisUrl), AuditModule, NotificationsModule, TimersModule],
      providers: [AuditSealer, ReportReminders],
      exports: [TimersModule],
    };
  }
}
