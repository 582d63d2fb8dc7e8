import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobName } from '../jobs/job-registry';
import { JobsService } from '../jobs/jobs.service';
import { AuditService } from './audit.service';

/** The worker's `seal-audit` job (a job scheduler, every second): seals committed audit rows into the chain. */
@Injectable()
export class AuditSealer implements OnModuleInit {
  constructor(private readonly jobs: JobsService, private readonly audit: AuditService) {}

  onModuleInit(): void {
    this.jobs.handle(JobName.SealAudit, () => this.audit.seal());
  }
}
