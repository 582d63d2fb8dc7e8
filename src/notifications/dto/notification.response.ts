import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../common/dto/page.response';

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) caseId!: string | null;
  @ApiProperty({ description: 'The template it was rendered from' }) template!: string;
  @ApiProperty() textVi!: string;
  @ApiProperty() textEn!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The values the texts were rendered with' })
  payload!: Record<string, unknown>;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) readAt!: Date | null;
}

export class NotificationPage extends PageOf(NotificationView) {}

export class NotificationRead {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() readAt!: Date;
}
