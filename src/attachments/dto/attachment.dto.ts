import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ListOf } from '../../common/dto/page.response';
import { ACCEPTED_MEDIA_TYPES } from '../file-types';
import { CATEGORIES } from '../attachments.repository';

export class AttachmentUploader {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class AttachmentAgency {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

/** A file on a case or on one of its handoffs (its bytes: `GET /attachments/:id/content`). */
export class AttachmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The handoff it is on; null: on the case itself' }) handoffId!: string | null;
  @ApiProperty({ description: 'As uploaded, made safe (no folders, no control characters, ≤255 bytes, an extension of its type)' }) filename!: string;
  @ApiProperty({ description: 'Detected from the content', example: 'application/pdf' }) mediaType!: string;
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256!: string;
  @ApiProperty({ enum: CATEGORIES, enumName: 'AttachmentCategory' }) category!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: () => AttachmentUploader }) uploadedBy!: AttachmentUploader;
  @ApiProperty({ type: () => AttachmentAgency, nullable: true, description: 'The uploader’s partner agency; null for commune staff' })
  agency!: AttachmentAgency | null;
  @ApiProperty({ type: Date }) createdAt!: Date;
}

export class AttachmentList extends ListOf(AttachmentView) {}

export class AttachmentResponse {
  @ApiProperty({ type: () => AttachmentView }) attachment!: AttachmentView;
}

/** `multipart/form-data`: the file in `file`, with its category and an optional description (fields in any order). */
export class AttachmentUploadBody {
  @ApiProperty({ type: 'string', format: 'binary', description: `One file; its type is read from its content: ${ACCEPTED_MEDIA_TYPES.join(', ')}` })
  file!: unknown;
  @ApiProperty({ enum: CATEGORIES, enumName: 'AttachmentCategory' }) category!: string;
  @ApiPropertyOptional({ maxLength: 2000 }) description?: string;
}
