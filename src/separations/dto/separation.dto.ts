import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { SEPARATION_WORKFLOW, statesOf } from '../../../workflows';
import { CONSENT_METHODS, PLACEMENT_KINDS, SEPARATED_FROM } from '../../../workflows/vocabulary';
import { PageQuery } from '../../common/pagination';

/** At most 15 days unless a competent authority extends it (NĐ 56/2017/NĐ-CP Điều 32). */
export const MAX_SEPARATION_DAYS = 15;
const OBJECT = { message: 'Phải là một đối tượng (không phải danh sách) / Must be an object, not a list' };

export class PlacementDto {
  @ApiProperty({ enum: PLACEMENT_KINDS, enumName: 'PlacementKind' }) @IsIn(PLACEMENT_KINDS) kind!: (typeof PLACEMENT_KINDS)[number];
  @ApiProperty({ description: 'The carer (a person) or the facility’s name' }) @IsString() @Length(1, 200) carerName!: string;
  @ApiProperty() @IsString() @Length(1, 500) address!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 30) phone?: string;
  @ApiPropertyOptional({ description: 'How the carer is related to the child (a relative’s placement)' })
  @IsOptional() @IsString() @Length(1, 100) relation?: string;
}

export class ConsentDto {
  @ApiProperty({ description: 'Whether the child agreed' }) @IsBoolean() given!: boolean;
  @ApiProperty({ enum: CONSENT_METHODS, enumName: 'ConsentMethod', description: 'How the child’s opinion was sought' })
  @IsIn(CONSENT_METHODS) method!: (typeof CONSENT_METHODS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000) note?: string;
}

/**
 * A proposal to separate the child temporarily from the parents or carer and place them in
 * alternative care (Luật Trẻ em 2016 Điều 52, 62–63; NĐ 56/2017/NĐ-CP Điều 32, 43–46; Mẫu số 07).
 * `consent` is required when the child is aged 7 or more (the registry record's date of birth).
 */
export class ProposeSeparationDto {
  @ApiProperty({ enum: SEPARATED_FROM, enumName: 'SeparatedFrom' }) @IsIn(SEPARATED_FROM) separatedFrom!: (typeof SEPARATED_FROM)[number];
  @ApiPropertyOptional({ description: 'The name of the person the child is separated from' })
  @IsOptional() @IsString() @Length(1, 200) separatedFromName?: string;
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
  @ApiProperty({ type: PlacementDto }) @IsObject(OBJECT) @ValidateNested() @Type(() => PlacementDto) placement!: PlacementDto;
  @ApiPropertyOptional({ type: ConsentDto, description: 'Required when the child is aged 7 or more' })
  @IsOptional() @IsObject(OBJECT) @ValidateNested() @Type(() => ConsentDto) consent?: ConsentDto;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_SEPARATION_DAYS, description: 'Days of the separation, 15 at most' })
  @IsInt() @Min(1) @Max(MAX_SEPARATION_DAYS) plannedDays!: number;
}

/** An event of the separation's workflow: its type, its data (as the contract declares it), the version the caller saw. */
export class SeparationEventDto {
  @ApiProperty({ example: 'DECIDE_SEPARATION' }) @IsString() @Length(1, 64) type!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject(OBJECT) data?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(0) expectedVersion?: number;
}

const LIST_STATUSES = [...statesOf('handoff', SEPARATION_WORKFLOW), 'all'];

/** GET /separations: the separations of every case the caller may read, newest first. */
export class ListSeparationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LIST_STATUSES, description: '`proposed`: awaiting the chair; `all` (or none): every state' })
  @IsOptional() @IsIn(LIST_STATUSES, { message: 'Hãy chọn giá trị trong danh sách / Choose values from the list' }) status?: string;
}
