import { DynamicModule, Module, Type } from '@nestjs/common';
import { CoreModule, CoreOptions } from './core.module';
import { AdminModule } from './admin/admin.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { CasesModule } from './cases/cases.module';
import { DocumentsModule } from './documents/documents.module';
import { DecisionsModule } from './decisions/decisions.module';
import { HandoffsModule } from './handoffs/handoffs.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { RetentionModule } from './retention/retention.module';
import { RightsModule } from './retention/rights.module';
import { MetricsModule } from './metrics/metrics.module';
import { OversightModule } from './oversight/oversight.module';
import { CaseworkModule } from './casework/casework.module';
import { TransfersModule } from './transfers/transfers.module';
import { UrgentReportsModule } from './urgent-reports/urgent-reports.module';
import { SeparationsModule } from './separations/separations.module';
import { SupportsModule } from './supports/supports.module';
import { WorkerModule } from './worker.module';

export interface AppOptions extends CoreOptions {
  /** Serve the HTTP API (controllers). */
  api: boolean;
  /** Run the BullMQ workers, the outbox relay and the reconciler. */
  worker: boolean;
  /** Tests capture logs here to check that no child or reporter data is ever written. */
  logDestination?: NodeJS.WritableStream;
}

@Module({})
export class AppModule {
  static forRoot(o: AppOptions): DynamicModule {
    const apiModules: Type[] = [HealthModule, MetricsModule, IdentityModule, CasesModule, HandoffsModule, TransfersModule, SeparationsModule, OversightModule, CaseworkModule, AdminModule,
      DecisionsModule, AttachmentsModule, DocumentsModule, UrgentReportsModule, SupportsModule, RetentionModule, RightsModule];
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(o),
        AuditModule,
        ...(o.api ? apiModules : []),
        ...(o.worker ? [WorkerModule.forRoot(o.redisUrl)] : []),
      ],
    };
  }
}
