import { Inject, Injectable } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { REDIS } from '../common/tokens';
import { HealthRepository } from './health.repository';

const TIMEOUT_MS = 2000;

/** Whether PostgreSQL and Redis answer, each within the timeout. */
@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly repo: HealthRepository,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.indicator.check('postgres').attempt(() => this.repo.ping()).withTimeout(TIMEOUT_MS),
      () => this.indicator.check('redis').attempt(async () => { await this.redis.ping(); }).withTimeout(TIMEOUT_MS),
    ]);
  }
}
