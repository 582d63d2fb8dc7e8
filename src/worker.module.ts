import { DynamicModule, Module } from '@nestjs/common';
import { AuditSealer } from './audit/audit-sealer';
import { AuditModule } from './audit/audit.module';
import { DeadlineFiringService } from './deadlines/deadline-firing.service';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { ReconcilerService } from './deadlines/reconciler.service';
import { REDIS_URL, TimerQueue } from './deadlines/timer-queue';
import { TimerWorker } from './deadlines/timer.worker';
import { EngineModule } from './engine/engine.module';
import { CasesModule } from './cases/cases.module';
import { HandoffsModule } from './handoffs/handoffs.module';
import { OutboxRelay } from './outbox/outbox-relay';
import { ReportReminders } from './oversight/report-reminders';

/** Everything a worker process runs: outbox relay, deadline timers, reconciler, audit sealing. */
@Module({})
export class WorkerModule {
  static forRoot(redisUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      // Cases and handoffs register how the engine locks and writes them: a firing advances either.
      imports: [AuditModule, DeadlinesModule, EngineModule, CasesModule, HandoffsModule],
      providers: [
        { provide: REDIS_URL, useValue: redisUrl },
        OutboxRelay, TimerQueue, DeadlineFiringService, ReconcilerService, TimerWorker, AuditSealer, ReportReminders,
      ],
      exports: [ReconcilerService, DeadlineFiringService, OutboxRelay, TimerQueue],
    };
  }
}
