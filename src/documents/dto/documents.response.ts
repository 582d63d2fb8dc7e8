import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FORMS } from '../forms';

/** A numbered decision a form prints (decisions/). */
export class DocumentDecision {
  @ApiProperty({ example: '12/QĐ-UBND' }) display!: string;
  @ApiProperty() decidedAt!: Date;
}

/** A printable form of the case: whether its step has happened, and the decision it prints if any. */
export class DocumentListItem {
  @ApiProperty({ enum: FORMS, enumName: 'DocumentForm' }) form!: string;
  @ApiProperty({ example: 'Báo cáo tiếp nhận thông tin trẻ em' }) titleVi!: string;
  @ApiProperty({ example: 'Report receipt (Form 01)' }) titleEn!: string;
  @ApiProperty({ description: 'false: its step has not happened yet (GET answers 404)' }) available!: boolean;
  @ApiPropertyOptional({ type: () => DocumentDecision }) decision?: DocumentDecision;
}
