import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { ChildrenModule } from '../children/children.module';
import { SupportsModule } from '../supports/supports.module';
import { ChildExportService } from './child-export';
import { RightsController } from './rights.controller';

/** The data subject's rights on request (API processes only): the export of everything held about a child. */
@Module({
  imports: [AuditModule, CasesModule, ChildrenModule, AttachmentsModule, SupportsModule],
  controllers: [RightsController],
  providers: [ChildExportService],
})
export class RightsModule {}
