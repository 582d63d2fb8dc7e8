import { ApiProperty } from '@nestjs/swagger';
import { AGENCY_TYPES, ROLES, type AgencyType, type Principal, type Role } from '../roles';

export class AgencyRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: AGENCY_TYPES, enumName: 'AgencyType' }) type!: AgencyType;
  @ApiProperty() name!: string;
}

/** The signed-in user as the console shows them (no credentials). */
export class SessionUser {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: Role;
  @ApiProperty({ type: () => AgencyRef }) agency!: AgencyRef;
  @ApiProperty({ type: String, nullable: true, description: 'null for national agencies (hotline 111)' }) provinceCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null for province-level and national agencies' }) communeCode!: string | null;
}

export class LoginResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' }) accessToken!: string;
  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ type: () => SessionUser }) user!: SessionUser;
}

/** `GET /auth/me`: who the token belongs to, as every policy sees them. */
export class CurrentPrincipal implements Principal {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: Role;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ enum: AGENCY_TYPES, enumName: 'AgencyType' }) agencyType!: AgencyType;
  @ApiProperty({ type: String, nullable: true, description: 'null for national agencies (hotline 111)' }) provinceCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null for province-level and national agencies' }) communeCode!: string | null;
}
