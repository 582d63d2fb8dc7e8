import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobName } from '../jobs/job-registry';
import { JobsService } from '../jobs/jobs.service';
import { RetentionService } from './retention.service';

/** The worker's `retention` job (a job scheduler, RETENTION_CRON: each tick runs once however many workers run). */
@Injectable()
export class RetentionJob implements OnModuleInit {
  constructor(private readonly jobs: JobsService, private readonly retention: RetentionService) {}

  onModuleInit(): void {
    this.jobs.handle(JobName.Retention, async () => { await this.retention.run(); });
  }
}
