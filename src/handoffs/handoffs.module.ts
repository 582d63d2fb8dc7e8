import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { EngineModule } from '../engine/engine.module';
import { HandoffsController } from './handoffs.controller';
import { HandoffsService } from './handoffs.service';

@Module({ imports: [AuditModule, EngineModule, CasesModule], controllers: [HandoffsController], providers: [HandoffsService] })
export class HandoffsModule {}
