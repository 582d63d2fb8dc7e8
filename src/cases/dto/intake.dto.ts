import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsDateString, IsDefined, IsIn, IsInt, IsISO8601, IsOptional, IsString,
  Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { ABUSE_TYPES, CHANNELS, SEXES } from '../../../workflows/vocabulary';

const OBJECT = 'Phải là một đối tượng (không phải danh sách) / Must be an object, not a list';

export class ReporterDto {
  @ApiProperty() @IsBoolean() anonymous!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^\+?[0-9 .-]{6,20}$/, { message: 'phone must be a phone number' }) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) relationToChild?: string;
}

export class ChildDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) fullName?: string;
  @ApiProperty({ enum: SEXES }) @IsIn(SEXES) sex!: (typeof SEXES)[number];
  @ApiPropertyOptional({ example: '2015-04-01' }) @IsOptional() @IsDateString({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be YYYY-MM-DD' }) dateOfBirth?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(17) approxAgeYears?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) address?: string;
  @ApiPropertyOptional({ example: 'ngoc-lien', description: 'The commune where the child lives; another than `communeCode` shares the case (it will plan)' })
  @IsOptional() @IsString() @Length(1, 64) residenceCommuneCode?: string;
}

export class IncidentDto {
  @ApiProperty({ enum: ABUSE_TYPES, isArray: true })
  @ArrayMinSize(1) @ArrayMaxSize(ABUSE_TYPES.length) @ArrayUnique() @IsIn(ABUSE_TYPES, { each: true })
  types!: Array<(typeof ABUSE_TYPES)[number]>;
  @ApiProperty() @IsString() @Length(1, 10_000) description!: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) occurredAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) location?: string;
}

export class IntakeDto {
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @ApiPropertyOptional({ description: 'The sending system’s reference: the same channel + externalRef returns the same case' })
  @IsOptional() @IsString() @Length(1, 200) externalRef?: string;
  @ApiProperty({ description: 'When the report was received (may be in the past: deadlines count from it)' })
  @IsISO8601({ strict: true }) receivedAt!: string;
  @ApiProperty({ example: 'van-son' }) @IsString() @Length(1, 64) communeCode!: string;
  @ApiProperty({ type: ReporterDto }) @IsDefined() @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => ReporterDto) reporter!: ReporterDto;
  @ApiProperty({ type: ChildDto }) @IsDefined() @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => ChildDto) child!: ChildDto;
  @ApiProperty({ type: IncidentDto }) @IsDefined() @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => IncidentDto) incident!: IncidentDto;
  @ApiProperty() @IsBoolean() immediateDanger!: boolean;
}
