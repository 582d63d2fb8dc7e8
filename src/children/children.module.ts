import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ChildrenController } from './children.controller';
import { ChildrenRepository } from './children.repository';
import { ChildrenService } from './children.service';

/** The child registry: records, matching, merges (README.md). */
@Module({
  imports: [AuditModule],
  controllers: [ChildrenController],
  providers: [ChildrenRepository, ChildrenService],
  exports: [ChildrenService],
})
export class ChildrenModule {}
