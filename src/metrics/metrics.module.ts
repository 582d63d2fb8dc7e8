import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuditModule } from '../audit/audit.module';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

@Module({ imports: [AuditModule], controllers: [MetricsController], providers: [MetricsRepository, MetricsService] })
export class MetricsModule implements NestModule {
  constructor(private readonly metrics: MetricsService) {}

  /** Counts and times every request by its route pattern (never the raw path: ids stay out of labels). */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply((req: Request, res: Response, next: NextFunction) => {
      const end = this.metrics.httpDuration.startTimer();
      res.on('finish', () => {
        const route = (req.route?.path as string | undefined) ?? 'unmatched';
        end({ method: req.method, route });
        this.metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    }).forRoutes('*path');
  }
}
