import { Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** A leaf: depends on the database alone, so every module may record into it. */
@Module({ providers: [AuditService, AuditRepository], exports: [AuditService] })
export class AuditModule {}
