import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { AGENCY_TYPES, ROLES, type AgencyType, type Role } from '../../identity/roles';
import { USERNAME_PATTERN } from '../admin-policy';

const ROLE_MSG = `Vai trò phải là một trong: ${ROLES.join(', ')} / role must be one of: ${ROLES.join(', ')}`;
const TYPE_MSG = `Loại cơ quan phải là một trong: ${AGENCY_TYPES.join(', ')} / type must be one of: ${AGENCY_TYPES.join(', ')}`;
const NAME_MSG = 'Tên phải dài 1–200 ký tự / name must be 1–200 characters';
const CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const CODE_MSG = 'Mã phải gồm chữ, số và dấu gạch ngang (tối đa 64) / code must be letters, digits and dashes (at most 64)';
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'part of the username or full name' }) @IsOptional() @IsString() @Length(1, 100) q?: string;
  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' }) @IsOptional() @IsIn(ROLES, { message: ROLE_MSG }) role?: Role;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'agencyId phải là UUID / agencyId must be a UUID' }) agencyId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MSG }) provinceCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MSG }) communeCode?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional() @IsIn(['true', 'false'], { message: 'active phải là true hoặc false / active must be true or false' })
  active?: 'true' | 'false';
}

export class CreateUserDto {
  @ApiProperty({ example: 'vanson.social_worker2', pattern: USERNAME_PATTERN.source })
  @Transform(trim) @IsString() @Matches(USERNAME_PATTERN, {
    message: 'Tên đăng nhập: 3–64 ký tự thường, số, dấu chấm, gạch ngang, gạch dưới / username: 3–64 lowercase letters, digits, dot, dash, underscore',
  })
  username!: string;

  @ApiProperty({ example: 'Nguyễn Văn An' }) @Transform(trim) @IsString() @Length(1, 200, { message: NAME_MSG }) fullName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) @IsIn(ROLES, { message: ROLE_MSG }) role!: Role;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'agencyId phải là UUID / agencyId must be a UUID' }) agencyId!: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 200, { message: NAME_MSG }) fullName?: string;
  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' }) @IsOptional() @IsIn(ROLES, { message: ROLE_MSG }) role?: Role;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'agencyId phải là UUID / agencyId must be a UUID' }) agencyId?: string;
}

export class DeactivateUserDto {
  @ApiPropertyOptional({ example: 'Chuyển công tác' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class AgencyListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) q?: string;
  @ApiPropertyOptional({ enum: AGENCY_TYPES, enumName: 'AgencyType' }) @IsOptional() @IsIn(AGENCY_TYPES, { message: TYPE_MSG }) type?: AgencyType;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MSG }) provinceCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MSG }) communeCode?: string;
}

export class CreateAgencyDto {
  @ApiProperty({ enum: AGENCY_TYPES, enumName: 'AgencyType' }) @IsIn(AGENCY_TYPES, { message: TYPE_MSG }) type!: AgencyType;
  @ApiProperty({ example: 'Trạm Y tế xã Vân Sơn' }) @Transform(trim) @IsString() @Length(1, 200, { message: NAME_MSG }) name!: string;
  @ApiPropertyOptional({ description: 'province-level agencies: their province' }) @IsOptional() @Matches(CODE, { message: CODE_MSG }) provinceCode?: string;
  @ApiPropertyOptional({ description: 'commune-level agencies: their commune (the province follows from it)' })
  @IsOptional() @Matches(CODE, { message: CODE_MSG }) communeCode?: string;
}

export class UpdateAgencyDto {
  @ApiPropertyOptional({ enum: AGENCY_TYPES, enumName: 'AgencyType' }) @IsOptional() @IsIn(AGENCY_TYPES, { message: TYPE_MSG }) type?: AgencyType;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 200, { message: NAME_MSG }) name?: string;
}

export class CommuneListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MSG }) provinceCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) q?: string;
}

export class HolidayChangeDto {
  @ApiProperty({ example: 'Nghỉ bù Tết' }) @IsString() @Length(1, 200) nameVi!: string;
  @ApiProperty({ example: 'Tết day in lieu' }) @IsString() @Length(1, 200) nameEn!: string;
  @ApiPropertyOptional({
    type: 'integer', minimum: 0,
    description: 'The preview’s count of deadlines moved: when given and no longer true, 409 and nothing changes (confirm what you saw)',
  })
  @IsOptional() @IsInt({ message: 'expectedMoves phải là số nguyên / expectedMoves must be an integer' }) @Min(0) @Max(10_000_000)
  expectedMoves?: number;
}

export class HolidayRemoveQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'As in PUT: the preview’s count, checked before deleting' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'expectedMoves phải là số nguyên / expectedMoves must be an integer' }) @Min(0) @Max(10_000_000)
  expectedMoves?: number;
}

export class HolidayPreviewDto {
  @ApiProperty({ enum: ['set', 'remove'], description: '`set`: add (or rename) the holiday; `remove`: delete it' })
  @IsIn(['set', 'remove'], { message: 'change phải là set hoặc remove / change must be set or remove' })
  change!: 'set' | 'remove';
}

/** `multipart/form-data` with the CSV in `file` (documented; multer parses it). */
export class ImportUnitsBody {
  @ApiProperty({ type: 'string', format: 'binary', description: 'CSV, UTF-8: province_code,province_name,commune_code,commune_name[,case_prefix]' })
  file!: unknown;
}

export const toBool = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
