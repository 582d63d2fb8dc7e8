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

/** A session's tokens, from sign-in or a refresh. */
export class SessionTokensResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' }) accessToken!: string;
  @ApiProperty({ type: 'integer', description: 'Seconds until the access token expires (refresh before)' }) expiresIn!: number;
  @ApiProperty({ description: 'Opaque; exchange it once at POST /auth/refresh for new tokens. A used one presented again ends the session' })
  refreshToken!: string;
  @ApiProperty({ description: 'true: the user must change their password (POST /auth/password) before anything else' })
  passwordChangeRequired!: boolean;
  @ApiProperty({ description: 'true: the role requires two-step verification, not yet set up; only POST /auth/mfa/totp/setup and …/confirm, GET /auth/me and POST /auth/logout are open' })
  mfaEnrolmentRequired!: boolean;
}

export class LoginResponse extends SessionTokensResponse {
  @ApiProperty({ type: () => SessionUser }) user!: SessionUser;
}

/** A right password of a user with two-step verification: send a code with the token to POST /auth/mfa/verify. */
export class MfaChallengeResponse {
  @ApiProperty({ enum: [true] }) mfaRequired!: true;
  @ApiProperty({ description: 'Single purpose: completes this sign-in at POST /auth/mfa/verify' }) mfaToken!: string;
  @ApiProperty({ type: 'integer', description: 'Seconds the token stays valid' }) expiresIn!: number;
}

export class TotpSetupResponse {
  @ApiProperty({ description: 'Base32 seed for manual entry; shown only now' }) secret!: string;
  @ApiProperty({ description: 'otpauth:// URI for a QR code; shown only now' }) otpauthUri!: string;
}

export class TotpConfirmedResponse {
  @ApiProperty({ type: [String], description: 'Ten one-time recovery codes; shown only now' }) recoveryCodes!: string[];
}

export class TotpDisabledResponse {
  @ApiProperty({ enum: [false] }) mfaEnabled!: false;
}

/** How one may sign in here. */
export class SignInMethodsResponse {
  @ApiProperty() password!: boolean;
  @ApiProperty({ description: 'true: GET /auth/oidc/start signs in with the province’s identity provider' }) oidc!: boolean;
}

export class LogoutResponse {
  @ApiProperty({ description: 'false when the session had already ended' }) revoked!: boolean;
}

export class PasswordChangedResponse {
  @ApiProperty({ enum: [false] }) passwordChangeRequired!: false;
  @ApiProperty({ type: 'integer', description: 'The user’s other sessions, now ended' }) otherSessionsRevoked!: number;
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
  @ApiProperty({ description: 'true: only POST /auth/password, GET /auth/me and POST /auth/logout are open until the password is changed' })
  passwordChangeRequired!: boolean;
  @ApiProperty({ description: 'true: only two-step verification set-up, GET /auth/me and POST /auth/logout are open until it is set up' })
  mfaEnrolmentRequired!: boolean;
  @ApiProperty({ description: 'Two-step verification (TOTP) is on for this user' })
  mfaEnabled!: boolean;
}
