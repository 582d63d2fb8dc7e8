import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CONFIG } from '../common/tokens';
import type { AppConfig } from '../config/config';
import { CryptoModule } from '../crypto/crypto.module';
import { AccessModule } from '../identity/access.module';
import { ATTACHMENT_STORE, AttachmentStore, createAttachmentStore, S3AttachmentStore } from './attachment-store';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';

/**
 * Files on cases and handoffs. Exports `AttachmentsRepository` (its `listForCase`) for modules
 * that print a case's file.
 */
@Module({
  imports: [AuditModule, AccessModule, CryptoModule],
  controllers: [AttachmentsController],
  providers: [
    AttachmentsService, AttachmentsRepository,
    { provide: ATTACHMENT_STORE, useFactory: (config: AppConfig) => createAttachmentStore(config.attachments), inject: [CONFIG] },
  ],
  exports: [AttachmentsRepository],
})
export class AttachmentsModule implements OnApplicationShutdown {
  constructor(@Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore) {}

  onApplicationShutdown(): void {
    if (this.store instanceof S3AttachmentStore) this.store.destroy();
  }
}
