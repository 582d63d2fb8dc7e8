import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { EngineModule } from '../engine/engine.module';
import { SupportStoreModule } from './support-store.module';
import { SupportsController } from './supports.controller';
import { SupportsService } from './supports.service';

@Module({
  imports: [AuditModule, EngineModule, DeadlinesModule, SupportStoreModule],
  controllers: [SupportsController],
  providers: [SupportsService],
  // The child export (src/retention/) holds the child's register entries.
  exports: [SupportsService],
})
export class SupportsModule {}
