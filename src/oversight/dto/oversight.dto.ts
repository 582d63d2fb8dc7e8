import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CASE_STATES } from '../../cases/dto/list-cases.dto';
import { PageQuery } from '../../common/pagination';

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
