import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobName } from '../jobs/job-registry';
import { JobsService } from '../jobs/jobs.service';
import { AuditService } from './audit.service';

/**
 * The worker's audit jobs: `seal-audit` (every second) seals committed rows into the chain;
 * `audit-checkpoint` (every AUDIT_CHECKPOINT_SECONDS) signs the verified head into the file outside
 * the database; `verify-audit-full` recomputes the whole chain in paced batches, reporting progress.
 */
@Injectable()
export class AuditSealer implements OnModuleInit {
  constructor(private readonly jobs: JobsService, private readonly audit: AuditService) {}

  onModuleInit(): void {
    this.jobs.handle(JobName.SealAudit, () => this.audit.seal());
    this.jobs.handle(JobName.AuditCheckpoint, () => this.audit.checkpoint());
    this.jobs.handle(JobName.VerifyAuditFull, (job) => this.audit.verifyFull((p) => job.updateProgress(p)));
  }
}
