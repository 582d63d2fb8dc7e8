import { Controller, Get, Header, Param, ParseUUIDPipe, PipeTransform, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '../common/errors';
import { CurrentUser } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { DocumentListItem } from './dto/documents.response';
import { FORMS, isForm, type FormName } from './forms';
import { DOCUMENT_FORMATS, DocumentsService, type DocumentFormat, RenderedDocument } from './documents.service';
import { AuditedInService } from '../identity/read-audit';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

/** A form's name: one of FORMS, else 400. */
const formName: PipeTransform<string, FormName> = {
  transform(value: string): FormName {
    if (!isForm(value)) throw new InvalidInput({ form: [`Không có mẫu này; chọn ${FORMS.join(', ')} / Unknown form; one of ${FORMS.join(', ')}`] });
    return value;
  },
};

/** `?format=`: absent or `pdf`, or `docx`; else 400. */
const formatName: PipeTransform<string | undefined, DocumentFormat> = {
  transform(value: string | undefined): DocumentFormat {
    if (value === undefined || value === '') return 'pdf';
    if (!(DOCUMENT_FORMATS as readonly string[]).includes(value)) {
      throw new InvalidInput({ format: [`Chọn một định dạng: ${DOCUMENT_FORMATS.join(', ')} / One of ${DOCUMENT_FORMATS.join(', ')}`] });
    }
    return value as DocumentFormat;
  },
};

const BINARY = { schema: { type: 'string' as const, format: 'binary' } };
const PDF = { 'application/pdf': BINARY };

/**
 * The document, never cached (it carries a child's personal data): a PDF shown in the browser
 * (inline), a DOCX saved (attachment).
 */
function file(d: RenderedDocument): StreamableFile {
  const disposition = d.type === 'application/pdf' ? 'inline' : 'attachment';
  return new StreamableFile(d.bytes, { type: d.type, disposition: `${disposition}; filename="${d.filename}"`, length: d.bytes.length });
}

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  /** The case's printable forms (not for partner agencies: 403; they print their handoff sheets). */
  @Get('cases/:id/documents')
  @ApiOkResponse({ type: [DocumentListItem] })
  @ApiForbiddenResponse({ description: 'Partner agencies' })
  @ApiNotFoundResponse({ description: 'No such case in your scope' })
  list(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.documents.list(p, id);
  }

  /**
   * One form as PDF (A4, NĐ 30/2020 layout), or as DOCX (`?format=docx`) to edit before signing;
   * 404 when its step has not happened yet.
   */
  @Get('cases/:id/documents/:form')
  @AuditedInService()
  @Header('Cache-Control', 'no-store')
  @ApiParam({ name: 'form', enum: FORMS })
  @ApiQuery({ name: 'format', enum: DOCUMENT_FORMATS, required: false, description: 'pdf (default) or docx' })
  @ApiProduces('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOkResponse({
    description: 'The form as PDF, or as DOCX', content: { ...PDF, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': BINARY },
  })
  @ApiBadRequestResponse({ description: 'Unknown form name or format' })
  @ApiForbiddenResponse({ description: 'Partner agencies' })
  @ApiNotFoundResponse({ description: 'No such case in your scope, or the form’s step has not happened yet' })
  async form(
    @CurrentUser() p: Principal, @Param('id', uuid) id: string, @Param('form', formName) form: FormName,
    @Query('format', formatName) format: DocumentFormat,
  ) {
    return file(await this.documents.render(p, id, form, format));
  }

  /** The whole case file (hồ sơ): the forms in order, the timeline, the handoffs' outcomes and the attachments' list. */
  @Get('cases/:id/file')
  @AuditedInService()
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The case file as PDF', content: PDF })
  @ApiForbiddenResponse({ description: 'Partner agencies' })
  @ApiNotFoundResponse({ description: 'No such case in your scope' })
  async file(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return file(await this.documents.file(p, id));
  }

  /** A handoff's sheet: the work asked and only what the receiving agency may see of the child. */
  @Get('handoffs/:id/document')
  @AuditedInService()
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The handoff sheet as PDF', content: PDF })
  @ApiNotFoundResponse({ description: 'No such handoff that you may see' })
  async handoff(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return file(await this.documents.handoffSheet(p, id));
  }
}
