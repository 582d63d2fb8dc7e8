import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EngineModule } from '../engine/engine.module';
import { SupportStore } from './support-store';
import { SupportsRepository } from './supports.repository';

/** How the engine locks and writes supports (subject `support`): in the API and in the worker, whose deadline firings advance them. */
@Module({
  imports: [AuditModule, EngineModule],
  providers: [SupportStore, SupportsRepository],
  exports: [SupportsRepository],
})
export class SupportStoreModule {}
