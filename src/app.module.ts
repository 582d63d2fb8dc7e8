import { DynamicModule, Module, Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { CoreModule, CoreOptions } from './core.module';
import { AuditModule } from './audit/audit.module';
import { CasesModule } from './cases/cases.module';
import { HandoffsModule } from './handoffs/handoffs.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { MetricsModule } from './metrics/metrics.module';
import { OversightModule } from './oversight/oversight.module';
import { WorkerModule } from './worker.module';

export interface AppOptions extends CoreOptions {
  /** Serve the HTTP API (controllers). */
  api: boolean;
  /** Run the BullMQ workers, the outbox relay and the reconciler. */
  worker: boolean;
  /** Tests capture logs here to check that no child or reporter data is ever written. */
  logDestination?: NodeJS.WritableStream;
}

/**
 * Logs carry method, path and status, never a query string (searches may hold a child's name),
 * a body, or an authorization header.
 */
function loggerModule(o: AppOptions): DynamicModule {
  const options = {
    level: o.config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return LoggerModule.forRoot({ pinoHttp: o.logDestination ? [options, o.logDestination as never] : options });
}

@Module({})
export class AppModule {
  static forRoot(o: AppOptions): DynamicModule {
    const apiModules: Type[] = [HealthModule, MetricsModule, IdentityModule, CasesModule, HandoffsModule, OversightModule];
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(o),
        loggerModule(o),
        AuditModule,
        ...(o.api ? apiModules : []),
        ...(o.worker ? [WorkerModule.forRoot(o.redisUrl)] : []),
      ],
    };
  }
}
