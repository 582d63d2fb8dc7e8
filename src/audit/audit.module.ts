import { Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditVerifyQueue } from './audit-verify-queue';

/** A leaf: depends on the database (and the queue of its own full verifications) alone, so every module may record into it. */
@Module({ providers: [AuditService, AuditRepository, AuditVerifyQueue], exports: [AuditService, AuditVerifyQueue] })
export class AuditModule {}
