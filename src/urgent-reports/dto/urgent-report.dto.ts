import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Min } from 'class-validator';
import { eventsOf, statesOf, URGENT_REPORT_WORKFLOW } from '../../../workflows';
import { URGENT_INCIDENT_KINDS } from '../../../workflows/vocabulary';
import { PageQuery } from '../../common/pagination';

const CHOOSE = { message: 'Hãy chọn giá trị trong danh sách / Choose values from the list' };

/** Every state of every `urgent-report` version, from the machines. */
export const URGENT_REPORT_STATES = statesOf('handoff', URGENT_REPORT_WORKFLOW);
export const URGENT_REPORT_EVENTS = eventsOf(URGENT_REPORT_WORKFLOW);

/** A commune user opens an urgent report on a case (a death, serious injury, drowning or serious abuse found after intake). */
export class OpenUrgentReportDto {
  @ApiProperty({ enum: URGENT_INCIDENT_KINDS, enumName: 'UrgentIncidentKind', isArray: true })
  @ArrayMinSize(1, { message: 'Chọn ít nhất một loại vụ việc / Choose at least one kind' }) @ArrayMaxSize(URGENT_INCIDENT_KINDS.length)
  @ArrayUnique() @IsIn(URGENT_INCIDENT_KINDS, { each: true, ...CHOOSE })
  kinds!: Array<(typeof URGENT_INCIDENT_KINDS)[number]>;
  @ApiPropertyOptional({ description: 'What happened (else the report’s incident description)' })
  @IsOptional() @IsString() @Length(1, 5000, { message: 'Từ 1 đến 5000 ký tự / 1 to 5000 characters' }) summary?: string;
}

export class ListUrgentReportsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: [...URGENT_REPORT_STATES, 'open', 'all'], description: '`open`: not closed nor withdrawn; `all` (or none): every state' })
  @IsOptional() @IsIn([...URGENT_REPORT_STATES, 'open', 'all'], CHOOSE) status?: string;
  @ApiPropertyOptional({ description: 'A commune of your jurisdiction', example: 'van-son' })
  @IsOptional() @IsString() @Length(1, 64) communeCode?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only reports with a missed deadline still unmet' })
  @IsOptional() @IsIn(['true', 'false'], CHOOSE) overdue?: 'true' | 'false';
}

export class UrgentReportEventDto {
  @ApiProperty({ enum: URGENT_REPORT_EVENTS })
  @IsIn(URGENT_REPORT_EVENTS, { message: ({ value }) => `Không có sự kiện "${String(value)}" / Unknown event type "${String(value)}"` })
  type!: string;
  @ApiPropertyOptional({ description: 'The event’s fields (GET /workflows/urgent-report/1 `events`)' }) @IsOptional() @IsObject() data?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'The report version you last saw (409 if it changed)' }) @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}
