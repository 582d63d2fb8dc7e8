import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CaseTimeline, CaseView } from '../../cases/dto/case.response';
import { ChildView } from '../../children/dto/child.response';
import { SupportDetail } from '../../supports/dto/support.response';

/** A file's metadata (never its content: that is downloaded, audited, one by one). */
export class ExportedAttachment {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty({ type: 'integer' }) size!: number;
  @ApiProperty() category!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) handoffId!: string | null;
  @ApiProperty() uploadedByName!: string;
  @ApiProperty({ type: String, nullable: true }) agencyName!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class ExportedCase {
  @ApiProperty({ type: () => CaseView, description: 'The case as the caller sees it (reporter, decisions, handoffs, transfers, separations)' }) case!: CaseView;
  @ApiProperty({ type: () => CaseTimeline, description: 'Its events (with their data), deadlines and handoffs in order' }) timeline!: CaseTimeline;
  @ApiProperty({ type: () => [ExportedAttachment] }) attachments!: ExportedAttachment[];
}

/** `GET /children/:id/export`: everything held about one child within the caller's scope, for an official request. */
export class ChildExport {
  @ApiProperty({ type: String, format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ format: 'uuid' }) exportedBy!: string;
  @ApiProperty({ type: () => ChildView }) child!: ChildView;
  @ApiProperty({ type: () => [ExportedCase] }) cases!: ExportedCase[];
  @ApiProperty({ type: () => [SupportDetail], description: 'The child’s entries on the special-circumstances register the caller’s commune holds, each with its timeline' })
  supports!: SupportDetail[];
}

/** `GET /children/:id/export?reason=`: the official request it answers (recorded with the export). */
export class ChildExportQuery {
  @ApiProperty({ minLength: 3, maxLength: 500, description: 'Lý do / Why: the official request answered (its authority, number, date)' })
  @IsString({ message: 'Lý do phải là chuỗi / reason must be text' })
  @Length(3, 500, { message: 'Lý do từ 3 đến 500 ký tự / reason: 3 to 500 characters' })
  reason!: string;
}
