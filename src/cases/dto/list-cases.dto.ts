import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { statesOf } from '../../../workflows';
import { PageQuery } from '../../common/pagination';

/** The states of every case workflow version, from the machines. */
export const CASE_STATES = statesOf('case');

export class ListCasesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CASE_STATES }) @IsOptional() @IsIn(CASE_STATES) state?: string;
  @ApiPropertyOptional() @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ description: 'a user id, or "me"' }) @IsOptional()
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'assignee must be a user id or "me"' })
  assignee?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) communeCode?: string;
  @ApiPropertyOptional({
    description: 'Part of the case code, or the child’s name (with or without diacritics, a typo, any word order), other names, '
      + 'a parent’s or the carer’s name, the village, a phone or the personal identification number; partner agencies: the case code only. '
      + 'With q the most relevant come first.',
  }) @IsOptional() @IsString() @Length(1, 100) q?: string;
}
