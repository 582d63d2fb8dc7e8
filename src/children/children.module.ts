import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ChildrenController } from './children.controller';
import { ChildrenSearchController } from './children-search.controller';
import { ChildrenSearchRepository } from './children-search.repository';
import { ChildrenSearchService } from './children-search.service';
import { ChildrenRepository } from './children.repository';
import { ChildrenService } from './children.service';

/** The child registry: records, matching, merges (README.md). */
@Module({
  imports: [AuditModule],
  controllers: [ChildrenController, ChildrenSearchController],
  providers: [ChildrenRepository, ChildrenService, ChildrenSearchRepository, ChildrenSearchService],
  exports: [ChildrenService, ChildrenSearchService],
})
export class ChildrenModule {}
