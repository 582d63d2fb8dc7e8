import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AuditService } from '../audit/audit.service';
import { MetricsRepository } from './metrics.repository';

/**
 * Prometheus metrics of this process, plus gauges read from PostgreSQL at scrape time (so they
 * are the same whichever replica is scraped): outbox backlog, pending and breached deadlines,
 * unsealed audit rows. No personal data is ever a label.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;

  constructor(repo: MetricsRepository, audit: AuditService) {
    collectDefaultMetrics({ register: this.registry, prefix: 'baove_' });
    this.httpRequests = new Counter({
      name: 'baove_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: 'baove_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry],
    });
    const fromDb = (name: string, help: string, read: () => Promise<number>) => new Gauge({
      name, help, registers: [this.registry],
      collect: async function (this: Gauge) {
        this.set(await read());
      },
    });
    fromDb('baove_outbox_backlog', 'Outbox messages not yet relayed to Redis', () => repo.outboxBacklog());
    fromDb('baove_deadlines_pending', 'Deadlines pending', () => repo.pendingDeadlines());
    fromDb('baove_deadlines_overdue_unfired', 'Pending deadlines more than a minute past due (should be 0)', () => repo.overdueUnfiredDeadlines());
    fromDb('baove_deadlines_breached_open', 'Breached deadlines not yet settled', () => repo.breachedDeadlines());
    new Gauge({
      name: 'baove_notification_deliveries', help: 'Messages on e-mail, SMS, Zalo and push by channel and delivery state', labelNames: ['channel', 'status'],
      registers: [this.registry],
      collect: async function (this: Gauge<'channel' | 'status'>) {
        this.reset();
        for (const r of await repo.deliveriesByState()) this.set({ channel: r.channel, status: r.status }, r.n);
      },
    });
    fromDb('baove_notification_alerts_unanswered', 'Urgent alerts past their acknowledgement time that nobody acknowledged', () => repo.unansweredAlerts());
    fromDb('baove_audit_unsealed', 'Audit rows not yet sealed into the hash chain', () => audit.unsealed());
  }
}
