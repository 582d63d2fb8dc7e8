import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EngineModule } from '../engine/engine.module';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({ imports: [AuditModule, EngineModule], controllers: [CasesController], providers: [CasesService], exports: [CasesService] })
export class CasesModule {}
