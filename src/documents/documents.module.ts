import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { HandoffsModule } from '../handoffs/handoffs.module';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';

/** Printed documents (NĐ 56 forms, decisions, the case file, handoff sheets). Depends on cases, handoffs, attachments and audit; none depends on it. */
@Module({
  imports: [AuditModule, CasesModule, HandoffsModule, AttachmentsModule],
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentsRepository],
  exports: [DocumentsService],
})
export class DocumentsModule {}
