import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ChildrenSearchController } from './children-search.controller';
import { ChildrenSearchRepository } from './children-search.repository';
import { ChildrenSearchService } from './children-search.service';
import { ChildrenRepository } from './children.repository';

/** The child registry: records, matching, search, merge (README.md). */
@Module({
  imports: [AuditModule],
  controllers: [ChildrenSearchController],
  providers: [ChildrenRepository, ChildrenSearchRepository, ChildrenSearchService],
  exports: [ChildrenRepository, ChildrenSearchService],
})
export class ChildrenModule {}
