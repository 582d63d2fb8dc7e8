import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiPayloadTooLargeResponse, ApiProduces, ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { InvalidInput } from '../common/errors';
import { CurrentUser } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { AttachmentsService } from './attachments.service';
import { sendAttachment } from './download';
import { AttachmentList, AttachmentResponse, AttachmentUploadBody } from './dto/attachment.dto';
import { ACCEPTED_MEDIA_TYPES } from './file-types';
import { AuditedInService } from '../identity/read-audit';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

/** The upload's documentation: a multipart body, and the refusals particular to files. */
function uploadDocs(): MethodDecorator {
  return (target, key, descriptor) => {
    ApiConsumes('multipart/form-data')(target, key, descriptor);
    ApiBody({ type: AttachmentUploadBody })(target, key, descriptor);
    ApiCreatedResponse({ type: AttachmentResponse })(target, key, descriptor);
    ApiPayloadTooLargeResponse({ description: 'Larger than ATTACHMENTS_MAX_BYTES (details.maxBytes)' })(target, key, descriptor);
    ApiUnsupportedMediaTypeResponse({ description: `Not multipart, or a file whose content is none of: ${ACCEPTED_MEDIA_TYPES.join(', ')}` })(target, key, descriptor);
  };
}

/**
 * Files on cases and handoffs. Uploads are read from the request stream by the service (the body
 * is never buffered or parsed by a global pipe); downloads are streamed back.
 */
@ApiTags('attachments')
@ApiBearerAuth()
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  /** A file on the case's own record: its workers and chair, in the commune leading it. */
  @Post('cases/:id/attachments')
  @uploadDocs()
  async uploadToCase(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Req() req: Request) {
    return { attachment: await this.attachments.uploadToCase(p, id, req) };
  }

  /** All the case's files for whoever sees the case; a partner agency sees its own handoffs' files only. */
  @Get('cases/:id/attachments')
  @AuditedInService()
  @ApiOkResponse({ type: AttachmentList })
  listForCase(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.attachments.listForCase(p, id);
  }

  /** Outcome evidence on a handoff: its receiving agency, and the case's workers and chair. */
  @Post('handoffs/:id/attachments')
  @uploadDocs()
  async uploadToHandoff(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Req() req: Request) {
    return { attachment: await this.attachments.uploadToHandoff(p, id, req) };
  }

  @Get('handoffs/:id/attachments')
  @AuditedInService()
  @ApiOkResponse({ type: AttachmentList })
  listForHandoff(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.attachments.listForHandoff(p, id);
  }

  /** The file itself, as an attachment; 404 whenever the caller may not see it. */
  @Get('attachments/:id/content')
  @AuditedInService()
  @ApiProduces('application/octet-stream', ...ACCEPTED_MEDIA_TYPES)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The file, with its detected Content-Type and Content-Disposition: attachment' })
  async content(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Res() res: Response): Promise<void> {
    const { attachment, body } = await this.attachments.open(p, id);
    await sendAttachment(res, attachment, body);
  }
}
