import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsDateString, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { ETHNICITIES, POVERTY_LEVELS, SEXES } from '../../../workflows/vocabulary';

export const OBJECT = 'Phải là một đối tượng (không phải danh sách) / Must be an object, not a list';
const PHONE = /^\+?[0-9 .-]{6,20}$/;
const PHONE_MESSAGE = 'Số điện thoại không hợp lệ / Must be a phone number';
const YEAR = { message: 'Năm sinh không hợp lệ / Not a plausible year of birth' };

export class ParentDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) fullName?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1900 }) @IsOptional() @IsInt() @Min(1900, YEAR) @Max(2100, YEAR) birthYear?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) occupation?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(PHONE, { message: PHONE_MESSAGE }) phone?: string;
}

export class CarerDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) fullName?: string;
  @ApiPropertyOptional({ example: 'bà ngoại' }) @IsOptional() @IsString() @Length(1, 100) relation?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(PHONE, { message: PHONE_MESSAGE }) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) address?: string;
}

export class HouseholdDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) headName?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 50 }) @IsOptional() @IsInt() @Min(1) @Max(50) members?: number;
  @ApiPropertyOptional({ enum: POVERTY_LEVELS, enumName: 'PovertyLevel' }) @IsOptional() @IsIn(POVERTY_LEVELS) poverty?: (typeof POVERTY_LEVELS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) notes?: string;
}

export class SiblingDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) fullName?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1900 }) @IsOptional() @IsInt() @Min(1900, YEAR) @Max(2100, YEAR) birthYear?: number;
  @ApiPropertyOptional({ enum: SEXES, enumName: 'Sex' }) @IsOptional() @IsIn(SEXES) sex?: (typeof SEXES)[number];
}

/**
 * A child's fields as Mẫu số 01 (NĐ 56/2017) and the national child information system record
 * them, every one optional (the sex is required where a child is described: `ChildDescriptionDto`).
 * Checks that need the clock or the database (dates, the personal id against sex and birth, the
 * commune) are the children service's.
 */
export class ChildFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) fullName?: string;
  @ApiPropertyOptional({ type: [String], description: 'Other names the child is known by' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @Length(1, 200, { each: true }) otherNames?: string[];
  @ApiPropertyOptional({ example: '2015-04-01' }) @IsOptional() @IsDateString({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be YYYY-MM-DD' }) dateOfBirth?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 17, description: 'An estimate when the date of birth is unknown' })
  @IsOptional() @IsInt() @Min(0) @Max(17) approxAgeYears?: number;
  @ApiPropertyOptional({ example: '038314001234', description: 'Mã định danh cá nhân: 12 digits, checked against the sex and year of birth' })
  @IsOptional() @IsString() @Matches(/^[0-9]{12}$/, { message: 'Mã định danh cá nhân gồm 12 chữ số / personalId must be 12 digits' }) personalId?: string;
  @ApiPropertyOptional({ enum: ETHNICITIES, enumName: 'Ethnicity' }) @IsOptional() @IsIn(ETHNICITIES, { message: 'Không phải một trong 54 dân tộc / Not one of the 54 ethnic groups' }) ethnicity?: string;
  @ApiPropertyOptional({ example: 'van-son', description: 'The commune where the child lives (at intake: another than `communeCode` shares the case, it will plan)' }) @IsOptional() @IsString() @Length(1, 64) residenceCommuneCode?: string;
  @ApiPropertyOptional({ description: 'Thôn, xóm, bản, tổ dân phố' }) @IsOptional() @IsString() @Length(1, 200) village?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) currentAddress?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) school?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) schoolClass?: string;
  @ApiPropertyOptional({ type: ParentDto }) @IsOptional() @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => ParentDto) father?: ParentDto;
  @ApiPropertyOptional({ type: ParentDto }) @IsOptional() @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => ParentDto) mother?: ParentDto;
  @ApiPropertyOptional({ type: CarerDto }) @IsOptional() @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => CarerDto) carer?: CarerDto;
  @ApiPropertyOptional({ type: HouseholdDto }) @IsOptional() @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => HouseholdDto) household?: HouseholdDto;
  @ApiPropertyOptional({ type: [SiblingDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsObject({ each: true, message: OBJECT }) @ValidateNested({ each: true }) @Type(() => SiblingDto) siblings?: SiblingDto[];
}

/** A child as a report or a matching request describes them: the sex is required. */
export class ChildDescriptionDto extends ChildFieldsDto {
  @ApiProperty({ enum: SEXES, enumName: 'Sex' }) @IsIn(SEXES) sex!: (typeof SEXES)[number];
}
