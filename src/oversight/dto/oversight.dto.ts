import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CASE_STATES } from '../../cases/dto/list-cases.dto';
import { PageQuery } from '../../common/pagination';
import { DRILL_DIMENSIONS, DRILL_FIGURES, DrillDimension, DrillFigure, MONTH_PATTERN } from '../figures';

export class OverdueQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'van-son' }) @IsOptional() @IsString() @Length(1, 64) communeCode?: string;
  @ApiPropertyOptional({ enum: CASE_STATES, description: 'the case’s current state' }) @IsOptional() @IsIn(CASE_STATES) stage?: string;
  @ApiPropertyOptional({ description: 'the receiving agency (handoffs only)' })
  @IsOptional() @IsUUID(undefined, { message: 'agencyId phải là UUID / agencyId must be a UUID' }) agencyId?: string;
  @ApiPropertyOptional({ description: 'the case’s assigned worker' })
  @IsOptional() @IsUUID(undefined, { message: 'assigneeId phải là UUID / assigneeId must be a UUID' }) assigneeId?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = (field: string) => `${field} phải là ngày YYYY-MM-DD / ${field} must be a date YYYY-MM-DD`;

export class SlaQuery {
  @ApiProperty({ example: '2026-01-01', description: 'first day (Vietnam local date), included' })
  @Matches(DATE, { message: dateMessage('from') }) @IsDateString({ strict: true }, { message: dateMessage('from') }) from!: string;

  @ApiProperty({ example: '2026-06-30', description: 'last day (Vietnam local date), included' })
  @Matches(DATE, { message: dateMessage('to') }) @IsDateString({ strict: true }, { message: dateMessage('to') }) to!: string;
}

export class StatisticsQuery {
  @ApiProperty({ example: '2026-H1', description: '`YYYY-H1` (January–June), `YYYY-H2` (July–December) or `YYYY`' })
  @IsString({ message: 'period là bắt buộc / period is required' }) period!: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Exports (CSV, XLSX) for publication: small counts suppressed (`STATISTICS_SUPPRESS_BELOW`)' })
  @IsOptional() @IsIn(['true', 'false'], { message: 'publish phải là true hoặc false / publish must be true or false' })
  publish?: 'true' | 'false';
}

/** `GET /statistics/cases`: the cases behind a figure, or one cell of it. */
export class DrillDownQuery extends PageQuery {
  @ApiProperty({ example: '2026-H1' }) @IsString({ message: 'period là bắt buộc / period is required' }) period!: string;
  @ApiProperty({ enum: Object.keys(DRILL_FIGURES), description: 'The figure: children abused, 16–17 abused, reports, or an indicator' })
  @IsIn(Object.keys(DRILL_FIGURES), { message: 'Chỉ tiêu không hợp lệ / Unknown figure' })
  figure!: DrillFigure;
  @ApiPropertyOptional({ enum: DRILL_DIMENSIONS, description: 'The breakdown of the cell (as the figure allows)' })
  @IsOptional() @IsIn(DRILL_DIMENSIONS, { message: 'Cách chia không hợp lệ / Unknown breakdown' })
  by?: DrillDimension;
  @ApiPropertyOptional({ description: 'The cell: a sex, age group, abuse type, environment, channel, outcome, reason not counted, `on_time`/`late`, `true`/`false`' })
  @IsOptional() @IsString() @Length(1, 64, { message: 'Từ 1 đến 64 ký tự / 1 to 64 characters' })
  value?: string;
}

const MONTH = { message: 'Tháng dạng YYYY-MM / month must be YYYY-MM' };

/** `GET /statistics/trends`: months `from`..`to` (both included). */
export class TrendsQuery {
  @ApiProperty({ example: '2026-01' }) @Matches(MONTH_PATTERN, MONTH) from!: string;
  @ApiProperty({ example: '2026-06' }) @Matches(MONTH_PATTERN, MONTH) to!: string;
  @ApiPropertyOptional({ description: 'National role: one province only' })
  @IsOptional() @IsString() @Length(1, 64, { message: 'Từ 1 đến 64 ký tự / 1 to 64 characters' }) provinceCode?: string;
}

/** `GET /statistics/communes`: the headline figures of a period per commune. */
export class CommunesQuery {
  @ApiProperty({ example: '2026-H1' }) @IsString({ message: 'period là bắt buộc / period is required' }) period!: string;
  @ApiPropertyOptional({ description: 'National role: the province whose communes to compare (required for it)' })
  @IsOptional() @IsString() @Length(1, 64, { message: 'Từ 1 đến 64 ký tự / 1 to 64 characters' }) provinceCode?: string;
}
