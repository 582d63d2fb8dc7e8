import { IsInstant } from '../../common/dto/is-instant';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsDefined, IsIn, IsOptional, IsString, IsUUID,
  Length, Matches, ValidateNested,
} from 'class-validator';
import { ABUSE_TYPES, CHANNELS } from '../../../workflows/vocabulary';
import { ChildDescriptionDto, OBJECT } from '../../children/dto/child-fields.dto';

export class ReporterDto {
  @ApiProperty() @IsBoolean() anonymous!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^\+?[0-9 .-]{6,20}$/, { message: 'phone must be a phone number' }) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) relationToChild?: string;
}

/**
 * The reported child: every registry field (children/dto), and `id` to link the report to a
 * registry record (its fields then only fill what the record lacks). `address` is where the
 * report places the child (kept with the report; the record's current address when it has none).
 */
export class ChildDto extends ChildDescriptionDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A registry child (POST /children/matches) this report is about' })
  @IsOptional() @IsUUID('all', { message: 'child.id phải là UUID / child.id must be a UUID' }) id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) address?: string;
}

export class IncidentDto {
  @ApiProperty({ enum: ABUSE_TYPES, isArray: true })
  @ArrayMinSize(1) @ArrayMaxSize(ABUSE_TYPES.length) @ArrayUnique() @IsIn(ABUSE_TYPES, { each: true })
  types!: Array<(typeof ABUSE_TYPES)[number]>;
  @ApiProperty() @IsString() @Length(1, 10_000) description!: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() occurredAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) location?: string;
}

export class IntakeDto {
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @ApiPropertyOptional({ description: 'The sending system’s reference: the same channel + externalRef returns the same case' })
  @IsOptional() @IsString() @Length(1, 200) externalRef?: string;
  @ApiProperty({ description: 'When the report was received (may be in the past: deadlines count from it)' })
  @IsInstant() receivedAt!: string;
  @ApiProperty({ example: 'van-son' }) @IsString() @Length(1, 64) communeCode!: string;
  @ApiProperty({ type: ReporterDto }) @IsDefined() @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => ReporterDto) reporter!: ReporterDto;
  @ApiProperty({ type: ChildDto }) @IsDefined() @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => ChildDto) child!: ChildDto;
  @ApiProperty({ type: IncidentDto }) @IsDefined() @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => IncidentDto) incident!: IncidentDto;
  @ApiProperty() @IsBoolean() immediateDanger!: boolean;
}
