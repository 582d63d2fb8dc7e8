import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { statesOf } from '../../../workflows';
import { RISK_LEVELS } from '../../../workflows/abuse-intervention/v1/machine';
import { ABUSE_TYPES, FLAG_REASONS } from '../../../workflows/vocabulary';
import { PageQuery } from '../../common/pagination';

/** The states of every case workflow version, from the machines. */
export const CASE_STATES = statesOf('case');

/**
 * The age groups a list can be narrowed to, by the child's age when the report was received:
 * children (Luật Trẻ em Điều 1: under 16) and 16–17-year-olds, apart.
 */
export const LIST_AGE_GROUPS = ['under_16', '16_17'] as const;

const booleanQuery = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const oneOf = (field: string, values: readonly string[]) =>
  ({ message: `${field} phải là một trong: ${values.join(', ')} / ${field} must be one of: ${values.join(', ')}` });

export class ListCasesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CASE_STATES, description: 'The stage (the workflow state) the case is at' })
  @IsOptional() @IsIn(CASE_STATES, oneOf('state', CASE_STATES)) state?: string;
  @ApiPropertyOptional() @IsOptional()
  @Transform(booleanQuery) @IsBoolean({ message: 'overdue phải là true hoặc false / overdue must be true or false' })
  overdue?: boolean;
  @ApiPropertyOptional({ description: 'a user id, "me", or "none" (not yet assigned)' }) @IsOptional()
  @Matches(/^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i,
    { message: 'assignee phải là mã người dùng, "me" hoặc "none" / assignee must be a user id, "me" or "none"' })
  assignee?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) communeCode?: string;
  @ApiPropertyOptional({
    description: 'Part of the case code, or the child’s name (with or without diacritics, a typo, any word order), other names, '
      + 'a parent’s or the carer’s name, the village, a phone or the personal identification number; partner agencies: the case code only. '
      + 'With q the most relevant come first.',
  }) @IsOptional() @IsString() @Length(1, 100) q?: string;
  @ApiPropertyOptional({ enum: RISK_LEVELS, enumName: 'RiskLevel', description: 'The risk level of the latest assessment' })
  @IsOptional() @IsIn(RISK_LEVELS, oneOf('risk', RISK_LEVELS)) risk?: string;
  @ApiPropertyOptional({ enum: ABUSE_TYPES, enumName: 'AbuseType', description: 'Cases whose report names this kind of abuse' })
  @IsOptional() @IsIn(ABUSE_TYPES, oneOf('abuseType', ABUSE_TYPES)) abuseType?: string;
  @ApiPropertyOptional({
    enum: LIST_AGE_GROUPS,
    description: 'The child’s age when the report was received (the registry’s date of birth, else the report’s, else its approximate age): '
      + 'under_16 (children, Luật Trẻ em Điều 1) or 16_17. Not for partner agencies.',
  })
  @IsOptional() @IsIn(LIST_AGE_GROUPS, oneOf('ageGroup', LIST_AGE_GROUPS)) ageGroup?: string;
  @ApiPropertyOptional({ description: 'The village (thôn, xóm, bản) the registry records for the child, as written (case and diacritics aside). Not for partner agencies.' })
  @IsOptional() @IsString({ message: 'village phải là chuỗi ký tự / village must be text' })
  @Length(1, 200, { message: 'village: 1–200 ký tự / village must be 1–200 characters' }) village?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Received on or after this day (Vietnam time)' })
  @IsOptional() @Matches(DATE, { message: 'receivedFrom phải là ngày YYYY-MM-DD / receivedFrom must be a date YYYY-MM-DD' }) receivedFrom?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Received on or before this day (Vietnam time)' })
  @IsOptional() @Matches(DATE, { message: 'receivedTo phải là ngày YYYY-MM-DD / receivedTo must be a date YYYY-MM-DD' }) receivedTo?: string;
  @ApiPropertyOptional({ description: 'true: cases with an open flag; false: without' }) @IsOptional()
  @Transform(booleanQuery) @IsBoolean({ message: 'flagged phải là true hoặc false / flagged must be true or false' })
  flagged?: boolean;
  @ApiPropertyOptional({ enum: FLAG_REASONS, enumName: 'FlagReason', description: 'Cases with an open flag of this reason' })
  @IsOptional() @IsIn(FLAG_REASONS, oneOf('flag', FLAG_REASONS)) flag?: string;
}
