import { Module } from '@nestjs/common';
import { ChildrenRepository } from './children.repository';

/** The child registry: records, matching, search, merge (README.md). */
@Module({
  providers: [ChildrenRepository],
  exports: [ChildrenRepository],
})
export class ChildrenModule {}
