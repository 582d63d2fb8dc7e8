import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CryptoModule } from '../crypto/crypto.module';
import { EngineModule } from '../engine/engine.module';
import { SupportsFieldBackfill } from './field-backfill';
import { SupportStore } from './support-store';
import { SupportsRepository } from './supports.repository';

/**
 * How the engine locks and writes supports (subject `support`): in the API and in the worker, whose
 * deadline firings advance them; and the start-time sealing of the register's clear text.
 */
@Module({
  imports: [AuditModule, EngineModule, CryptoModule],
  providers: [SupportStore, SupportsRepository, SupportsFieldBackfill],
  exports: [SupportsRepository],
})
export class SupportStoreModule {}
