import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { AGENCY_TYPES, CLIENT_SCOPES, type AgencyType, type ClientScope } from '../../identity/roles';
import { PageOf } from '../../common/dto/page.response';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const NAME_MSG = 'Tên phải dài 1–200 ký tự / name must be 1–200 characters';
const SCOPE_MSG = `Phạm vi phải thuộc: ${CLIENT_SCOPES.join(', ')} / scopes must be among: ${CLIENT_SCOPES.join(', ')}`;
const RATE_MSG = 'Giới hạn 1–100000 yêu cầu mỗi phút / rateLimitPerMinute must be 1–100000';
/** The longest a rotated-away secret may keep working. */
export const MAX_ROTATION_OVERLAP_SECONDS = 86_400;

export class CreateSystemClientDto {
  @ApiProperty({ example: 'Tổng đài 111 – hệ thống tiếp nhận' }) @Transform(trim) @IsString() @Length(1, 200, { message: NAME_MSG }) name!: string;
  @ApiProperty({ format: 'uuid', description: 'The agency the system acts for (its jurisdiction applies), e.g. the hotline_111 agency' })
  @IsUUID('all', { message: 'agencyId phải là UUID / agencyId must be a UUID' }) agencyId!: string;
  @ApiProperty({ enum: CLIENT_SCOPES, enumName: 'ClientScope', isArray: true })
  @IsArray() @ArrayMinSize(1, { message: SCOPE_MSG }) @ArrayMaxSize(CLIENT_SCOPES.length) @IsIn(CLIENT_SCOPES, { each: true, message: SCOPE_MSG })
  scopes!: ClientScope[];
  @ApiProperty({ type: 'integer', example: 120 }) @IsInt({ message: RATE_MSG }) @Min(1, { message: RATE_MSG }) @Max(100_000, { message: RATE_MSG })
  rateLimitPerMinute!: number;
}

export class UpdateSystemClientDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 200, { message: NAME_MSG }) name?: string;
  @ApiPropertyOptional({ enum: CLIENT_SCOPES, enumName: 'ClientScope', isArray: true })
  @IsOptional() @IsArray() @ArrayMinSize(1, { message: SCOPE_MSG }) @ArrayMaxSize(CLIENT_SCOPES.length) @IsIn(CLIENT_SCOPES, { each: true, message: SCOPE_MSG })
  scopes?: ClientScope[];
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt({ message: RATE_MSG }) @Min(1, { message: RATE_MSG }) @Max(100_000, { message: RATE_MSG })
  rateLimitPerMinute?: number;
}

export class RotateSystemClientDto {
  @ApiPropertyOptional({ type: 'integer', default: 0, maximum: MAX_ROTATION_OVERLAP_SECONDS,
    description: 'How long the current secret (and its tokens) keeps working beside the new one; 0: it stops at once' })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_ROTATION_OVERLAP_SECONDS, { message: `overlapSeconds: 0–${MAX_ROTATION_OVERLAP_SECONDS}` })
  overlapSeconds?: number;
}

export class RevokeSystemClientDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 500) reason?: string;
}

export class SystemClientAgency {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: AGENCY_TYPES, enumName: 'AgencyType' }) type!: AgencyType;
}

/** A system client (never its secret or the secret's hash). */
export class SystemClient {
  @ApiProperty({ format: 'uuid', description: 'Also the client_id of the token endpoint' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: () => SystemClientAgency }) agency!: SystemClientAgency;
  @ApiProperty({ enum: CLIENT_SCOPES, enumName: 'ClientScope', isArray: true }) scopes!: ClientScope[];
  @ApiProperty({ type: 'integer' }) rateLimitPerMinute!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) rotatedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until when the previous secret still works (rotation overlap)' })
  previousSecretExpiresAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) revokedReason!: string | null;
}

export class SystemClientPage extends PageOf(SystemClient) {}

export class SystemClientResponse {
  @ApiProperty({ type: () => SystemClient }) client!: SystemClient;
}

export class SystemClientSecretResponse {
  @ApiProperty({ type: () => SystemClient }) client!: SystemClient;
  @ApiProperty({ format: 'uuid', description: 'client_id for POST /auth/token' }) clientId!: string;
  @ApiProperty({ description: 'Shown once: only its hash is kept' }) clientSecret!: string;
}
