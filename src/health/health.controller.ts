import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck } from '@nestjs/terminus';
import { Public } from '../identity/auth.decorators';
import { HealthService } from './health.service';

/** Served at /health (for load balancers) and /api/v1/health; both are public. */
export const HEALTH_PATHS = ['health', 'api/v1/health'];

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get(HEALTH_PATHS)
  @HealthCheck()
  check() {
    return this.health.check();
  }
}
