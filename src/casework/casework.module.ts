import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { AccessModule } from '../identity/access.module';
import { CaseworkController } from './casework.controller';
import { CaseworkRepository } from './casework.repository';
import { CaseworkService } from './casework.service';

@Module({
  imports: [AuditModule, AccessModule, CasesModule, DeadlinesModule],
  controllers: [CaseworkController],
  providers: [CaseworkService, CaseworkRepository],
})
export class CaseworkModule {}
