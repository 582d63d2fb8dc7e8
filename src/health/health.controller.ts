import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '../common/tokens';
import { Public } from '../identity/auth.decorators';

/** Served at /health (for load balancers) and /api/v1/health; both are public. */
export const HEALTH_PATHS = ['health', 'api/v1/health'];

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly ds: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Public()
  @Get(HEALTH_PATHS)
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.indicator.check('postgres').attempt(async () => { await this.ds.query('SELECT 1'); }).withTimeout(2000),
      () => this.indicator.check('redis').attempt(async () => { await this.redis.ping(); }).withTimeout(2000),
    ]);
  }
}
