import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../config/config';
import { Unauthenticated } from '../common/errors';
import { CONFIG } from '../common/tokens';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * /metrics for Prometheus only: with METRICS_TOKEN set, the scraper must send
 * `Authorization: Bearer <METRICS_TOKEN>`; without it the figures are public in development and
 * closed in production (set the token to scrape).
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    const token = this.config.metricsToken;
    if (!token) {
      if (this.config.nodeEnv !== 'production') return true;
      throw new Unauthenticated('Số liệu vận hành bị đóng: đặt METRICS_TOKEN để thu thập / Metrics are closed: set METRICS_TOKEN to scrape');
    }
    const header = ctx.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const given = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '';
    if (!timingSafeEqual(digest(given), digest(token))) {
      throw new Unauthenticated('Cần mã truy cập số liệu / Metrics token required');
    }
    return true;
  }
}
