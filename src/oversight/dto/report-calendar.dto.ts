import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { FIRST_YEAR, LAST_YEAR } from '../figures';
import { MONTH_DAY_PATTERN, REPORT_KINDS } from '../report-calendar';

const MONTH_DAY = { message: 'Ngày dạng MM-DD / a day as MM-DD' };
const YEAR = { message: `Năm từ ${FIRST_YEAR} đến ${LAST_YEAR} / a year from ${FIRST_YEAR} to ${LAST_YEAR}` };
const PROVINCE = { message: 'Từ 1 đến 64 ký tự / 1 to 64 characters' };

/** `GET /report-calendar`. */
export class CalendarQuery {
  @ApiPropertyOptional({ description: 'The national administrator names the province; others read their own' })
  @IsOptional() @IsString() @Length(1, 64, PROVINCE) provinceCode?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'The year whose reports to list (default: this year)' })
  @IsOptional() @Type(() => Number) @IsInt(YEAR) @Min(FIRST_YEAR, YEAR) @Max(LAST_YEAR, YEAR) year?: number;
}

/** `PUT /report-calendar/:kind`: a province's entry for a report. */
export class CalendarEntryDto {
  @ApiProperty({ example: '01-01', description: 'First day of the period (MM-DD); after the cut-off day, it falls in the year before' })
  @IsString(MONTH_DAY) @Matches(MONTH_DAY_PATTERN, MONTH_DAY) periodStart!: string;
  @ApiProperty({ example: '06-30', description: 'Cut-off: the last day of the period (MM-DD)' })
  @IsString(MONTH_DAY) @Matches(MONTH_DAY_PATTERN, MONTH_DAY) periodEnd!: string;
  @ApiProperty({ example: '07-10', description: 'Due date (MM-DD): its first occurrence after the cut-off' })
  @IsString(MONTH_DAY) @Matches(MONTH_DAY_PATTERN, MONTH_DAY) due!: string;
  @ApiProperty({ example: 'Sở Y tế tỉnh Thanh Hóa' })
  @IsString({ message: 'recipients là bắt buộc / recipients is required' }) @Length(1, 500, { message: 'Từ 1 đến 500 ký tự / 1 to 500 characters' })
  recipients!: string;
  @ApiPropertyOptional({ type: 'integer', description: 'The version read; a stale one is refused (409)' })
  @IsOptional() @IsInt({ message: 'expectedVersion là số nguyên / expectedVersion must be an integer' }) @Min(1) expectedVersion?: number;
  @ApiPropertyOptional({ description: 'The national administrator names the province' })
  @IsOptional() @IsString() @Length(1, 64, PROVINCE) provinceCode?: string;
}

export class ReportKindParam {
  @ApiProperty({ enum: REPORT_KINDS })
  @IsIn(REPORT_KINDS, { message: 'Báo cáo six_month hoặc annual / the report is six_month or annual' }) kind!: (typeof REPORT_KINDS)[number];
}

/** `GET /reports`. */
export class ReportsQuery {
  @ApiPropertyOptional({ type: 'integer', description: 'The year (default: this year)' })
  @IsOptional() @Type(() => Number) @IsInt(YEAR) @Min(FIRST_YEAR, YEAR) @Max(LAST_YEAR, YEAR) year?: number;
}
