import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { CryptoModule } from '../crypto/crypto.module';
import { EngineModule } from '../engine/engine.module';
import { AccessModule } from '../identity/access.module';
import { HandoffsFieldBackfill } from './field-backfill';
import { HandoffStore } from './handoff-store';
import { HandoffsController } from './handoffs.controller';
import { HandoffsRepository } from './handoffs.repository';
import { HandoffsService } from './handoffs.service';

@Module({
  imports: [AuditModule, EngineModule, CasesModule, AccessModule, CryptoModule],
  controllers: [HandoffsController],
  providers: [HandoffsService, HandoffsRepository, HandoffStore, HandoffsFieldBackfill],
  // Transfers between communes are rows of `handoffs` too (src/transfers/ inserts them through it);
  // documents/ prints a handoff's sheet from its view.
  exports: [HandoffsRepository, HandoffsService],
})
export class HandoffsModule {}
