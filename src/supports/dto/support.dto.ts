import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { eventsOf, SUPPORT_WORKFLOW } from '../../../workflows';
import { SPECIAL_CIRCUMSTANCES, SUPPORT_STATUSES } from '../../../workflows/vocabulary';
import { PageQuery } from '../../common/pagination';

const CHOOSE = { message: 'Hãy chọn giá trị trong danh sách / Choose values from the list' };
const CODE = { message: 'Mã từ 1 đến 64 ký tự / A code of 1 to 64 characters' };
export const SUPPORT_EVENTS = eventsOf(SUPPORT_WORKFLOW);

/** A child's registration on the register of children in special circumstances (Luật Trẻ em 2016 Điều 10). */
export class RegisterSupportDto {
  @ApiProperty({ enum: SPECIAL_CIRCUMSTANCES, enumName: 'SpecialCircumstance', isArray: true, description: 'The groups of Điều 10 khoản 1 that apply' })
  @ArrayMinSize(1, { message: 'Chọn ít nhất một nhóm hoàn cảnh đặc biệt / Choose at least one group' })
  @ArrayMaxSize(SPECIAL_CIRCUMSTANCES.length, { message: 'Nhiều nhất 14 nhóm / At most 14 groups' })
  @ArrayUnique({ message: 'Mỗi nhóm chỉ chọn một lần / Choose each group once' })
  @IsIn(SPECIAL_CIRCUMSTANCES, { each: true, ...CHOOSE })
  groups!: Array<(typeof SPECIAL_CIRCUMSTANCES)[number]>;
  @ApiPropertyOptional({ description: 'How the child came to the commune’s notice' })
  @IsOptional() @IsString() @Length(1, 2000, { message: 'Từ 1 đến 2000 ký tự / 1 to 2000 characters' }) note?: string;
}

export class ListSupportsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: [...SUPPORT_STATUSES, 'open', 'all'], description: '`open`: not exited; `all` (or none): every status' })
  @IsOptional() @IsIn([...SUPPORT_STATUSES, 'open', 'all'], CHOOSE) status?: string;
  @ApiPropertyOptional({ description: 'Your commune', example: 'van-son' })
  @IsOptional() @IsString() @Length(1, 64, CODE) communeCode?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only supports with a missed deadline still unmet' })
  @IsOptional() @IsIn(['true', 'false'], CHOOSE) overdue?: 'true' | 'false';
  @ApiPropertyOptional({ format: 'uuid', description: 'One registry child’s entries (the child page)' })
  @IsOptional() @IsUUID('all', { message: 'childId phải là UUID / childId must be a UUID' }) childId?: string;
}

export class SupportSummaryQuery {
  @ApiPropertyOptional({ description: 'A province of your jurisdiction', example: 'thanh-hoa' })
  @IsOptional() @IsString() @Length(1, 64, CODE) provinceCode?: string;
  @ApiPropertyOptional({ description: 'A commune of your jurisdiction', example: 'van-son' })
  @IsOptional() @IsString() @Length(1, 64, CODE) communeCode?: string;
}

export class SupportEventDto {
  @ApiProperty({ enum: SUPPORT_EVENTS })
  @IsIn(SUPPORT_EVENTS, { message: ({ value }) => `Không có sự kiện "${String(value)}" / Unknown event type "${String(value)}"` })
  type!: string;
  @ApiPropertyOptional({ description: 'The event’s fields (GET /workflows/special-circumstances-support/1 `events`)' })
  @IsOptional() @IsObject({ message: 'Phải là một đối tượng / Must be an object' }) data?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'The support version you last saw (409 if it changed)' })
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}
