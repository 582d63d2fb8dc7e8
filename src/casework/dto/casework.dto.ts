import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { FLAG_REASONS } from '../../../workflows/vocabulary';

const communeCode = () => IsString({ message: 'communeCode phải là chuỗi ký tự / communeCode must be text' });
const communeLength = () => Length(1, 64, { message: 'communeCode: 1–64 ký tự / communeCode must be 1–64 characters' });

export class CaseloadQuery {
  @ApiPropertyOptional({ example: 'van-son', description: 'One commune of the caller’s province (province-level callers); default: every commune in scope' })
  @IsOptional() @communeCode() @communeLength() communeCode?: string;
}

export const AGENDA_SCOPES = ['mine', 'commune'] as const;

export class AgendaQuery {
  @ApiPropertyOptional({
    enum: AGENDA_SCOPES, default: 'mine',
    description: 'mine: the caller’s own work (a worker’s assigned cases; the chair’s decisions); commune: every case deadline in scope (supervisors, the chair, auditors)',
  })
  @IsOptional() @IsIn(AGENDA_SCOPES, { message: 'scope phải là mine hoặc commune / scope must be mine or commune' }) scope: 'mine' | 'commune' = 'mine';
  @ApiPropertyOptional({ example: 'van-son', description: 'One commune of the caller’s province (province-level callers)' })
  @IsOptional() @communeCode() @communeLength() communeCode?: string;
}

export class ReassignCase {
  @ApiProperty({ format: 'uuid' }) @IsUUID(undefined, { message: 'id phải là UUID / id must be a UUID' }) id!: string;
  @ApiProperty({ type: 'integer', description: 'The case version the supervisor last saw (409 for this case if it changed)' })
  @IsInt({ message: 'expectedVersion phải là số nguyên / expectedVersion must be an integer' })
  @Min(1, { message: 'expectedVersion ≥ 1 / expectedVersion must be at least 1' })
  @Max(2_147_483_647, { message: 'expectedVersion quá lớn / expectedVersion is too large' }) expectedVersion!: number;
}

export const MAX_REASSIGN = 100;

export class BulkReassignDto {
  @ApiProperty({ format: 'uuid', description: 'The new assignee: a social worker or supervisor of each case’s commune' })
  @IsUUID(undefined, { message: 'assigneeId phải là UUID / assigneeId must be a UUID' }) assigneeId!: string;
  @ApiProperty({ type: [ReassignCase], minItems: 1, maxItems: MAX_REASSIGN })
  @IsArray({ message: 'cases phải là danh sách / cases must be a list' })
  @ArrayMinSize(1, { message: 'Chọn ít nhất một hồ sơ / Choose at least one case' })
  @ArrayMaxSize(MAX_REASSIGN, { message: `Tối đa ${MAX_REASSIGN} hồ sơ mỗi lần / At most ${MAX_REASSIGN} cases at a time` })
  @ArrayUnique((c: ReassignCase) => c?.id, { message: 'Mỗi hồ sơ chỉ một lần / Each case at most once' })
  @ValidateNested({ each: true }) @Type(() => ReassignCase) cases!: ReassignCase[];
}

export class FlagCaseDto {
  @ApiProperty({ enum: FLAG_REASONS, enumName: 'FlagReason' })
  @IsIn(FLAG_REASONS, { message: `reason phải là một trong: ${FLAG_REASONS.join(', ')} / reason must be one of: ${FLAG_REASONS.join(', ')}` }) reason!: string;
  @ApiPropertyOptional({ maxLength: 2000, description: 'Why (required for reason "other")' })
  @IsOptional() @IsString({ message: 'note phải là chuỗi ký tự / note must be text' })
  @Length(1, 2000, { message: 'note: 1–2000 ký tự / note must be 1–2000 characters' }) note?: string;
}

export class ClearFlagDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'How it was dealt with' })
  @IsOptional() @IsString({ message: 'note phải là chuỗi ký tự / note must be text' })
  @Length(1, 2000, { message: 'note: 1–2000 ký tự / note must be 1–2000 characters' }) note?: string;
}
