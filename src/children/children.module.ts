import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CryptoModule } from '../crypto/crypto.module';
import { ChildRightsController } from './child-rights.controller';
import { ChildRightsRepository } from './child-rights.repository';
import { ChildRightsService } from './child-rights.service';
import { ChildrenController } from './children.controller';
import { ChildrenSearchController } from './children-search.controller';
import { ChildrenSearchRepository } from './children-search.repository';
import { ChildrenSearchService } from './children-search.service';
import { ChildrenRepository } from './children.repository';
import { ChildrenService } from './children.service';

/** The child registry: records, matching, merges, the data subject's rights (README.md). */
@Module({
  imports: [AuditModule, CryptoModule],
  controllers: [ChildrenController, ChildrenSearchController, ChildRightsController],
  providers: [ChildrenRepository, ChildrenService, ChildRightsRepository, ChildRightsService, ChildrenSearchRepository, ChildrenSearchService],
  exports: [ChildrenService, ChildrenSearchService],
})
export class ChildrenModule {}
