import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AgencyType, Role } from './roles';

@Entity('provinces')
export class Province {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
}

@Entity('communes')
export class Commune {
  @PrimaryColumn('text') code!: string;
  @Column('text', { name: 'province_code' }) provinceCode!: string;
  @ManyToOne(() => Province, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code' })
  province?: Province;
  @Column('text') name!: string;
  /** Prefix of human-readable case codes, e.g. VS in VS-2026-000123. */
  @Index('UQ_communes_case_prefix', { unique: true })
  @Column('text', { name: 'case_prefix' }) casePrefix!: string;
}

@Entity('agencies')
@Index('IDX_agencies_commune', ['communeCode'])
export class Agency {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') type!: AgencyType;
  @Column('text') name!: string;
  @Column('text', { name: 'province_code', nullable: true }) provinceCode!: string | null;
  @ManyToOne(() => Province, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code' })
  province?: Province;
  @Column('text', { name: 'commune_code', nullable: true }) communeCode!: string | null;
  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_code' })
  commune?: Commune;
}

@Entity('users')
@Check('CHK_users_role', `"role" IN ('hotline_operator','social_worker','supervisor','chair','police','health','education','legal_aid','social_work_center','auditor','admin','national_admin','village_collaborator')`)
@Index('IDX_users_agency', ['agencyId'])
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('UQ_users_username', { unique: true })
  @Column('text') username!: string;
  @Column('text', { name: 'password_hash' }) passwordHash!: string;
  @Column('text', { name: 'full_name' }) fullName!: string;
  @Column('text') role!: Role;
  @Column('uuid', { name: 'agency_id' }) agencyId!: string;
  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: Agency;
  @Column('boolean', { default: true }) active!: boolean;
  /** Set for a new or reset account: until the user changes it, they may only change their password. */
  @Column('boolean', { name: 'must_change_password', default: false }) mustChangePassword!: boolean;
  @Column('timestamptz', { name: 'password_changed_at', nullable: true }) passwordChangedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** One sign-in: the family of refresh tokens rotated from it. Revoked at sign-out, password change or deactivation. */
@Entity('sessions')
@Index('IDX_sessions_user', ['userId'])
export class Session {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_sessions_user' })
  user?: User;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'last_refreshed_at', nullable: true }) lastRefreshedAt!: Date | null;
  /** Absolute end of the session, however often it is refreshed. */
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('text', { name: 'revoked_reason', nullable: true }) revokedReason!: string | null;
  @Column('text', { nullable: true }) ip!: string | null;
  @Column('text', { name: 'user_agent', nullable: true }) userAgent!: string | null;
}

/** A refresh token, kept only as its SHA-256; used once (a second use revokes its session). */
@Entity('session_refresh_tokens')
@Index('IDX_session_refresh_tokens_session', ['sessionId'])
export class SessionRefreshToken {
  @PrimaryColumn('text', { name: 'token_hash' }) tokenHash!: string;
  @Column('uuid', { name: 'session_id' }) sessionId!: string;
  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_session_refresh_tokens_session' })
  session?: Session;
  @Column('timestamptz', { name: 'issued_at', default: () => 'now()' }) issuedAt!: Date;
  @Column('timestamptz', { name: 'used_at', nullable: true }) usedAt!: Date | null;
}

/** A user's TOTP seed (AES-256-GCM, never returned after setup); active once confirmed with a code. */
@Entity('user_totp')
export class UserTotp {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_user_totp_user' })
  user?: User;
  @Column('text', { name: 'secret_encrypted' }) secretEncrypted!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'confirmed_at', nullable: true }) confirmedAt!: Date | null;
  /** The time step of the last accepted code: a code (or an earlier one) is never accepted again. */
  @Column('bigint', { name: 'last_time_step', nullable: true }) lastTimeStep!: string | null;
}

/** A one-time recovery code, kept only as its SHA-256 (the codes are random, 50 bits and more). */
@Entity('user_recovery_codes')
@Index('IDX_user_recovery_codes_user', ['userId'])
export class UserRecoveryCode {
  @PrimaryColumn('text', { name: 'code_hash' }) codeHash!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_user_recovery_codes_user' })
  user?: User;
  @Column('timestamptz', { name: 'used_at', nullable: true }) usedAt!: Date | null;
}

/**
 * Machine-to-machine credentials of another system acting for an agency (OAuth 2.0 client
 * credentials). Secrets are kept as SHA-256 only; `secret_version` numbers them so a token names
 * the secret it was issued with (a rotation without overlap ends the previous one's tokens at once).
 */
@Entity('system_clients')
@Check('CHK_system_clients_rate_limit', `"rate_limit_per_minute" BETWEEN 1 AND 100000`)
@Index('IDX_system_clients_agency', ['agencyId'])
export class SystemClient {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('UQ_system_clients_name', { unique: true })
  @Column('text') name!: string;
  @Column('uuid', { name: 'agency_id' }) agencyId!: string;
  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_system_clients_agency' })
  agency?: Agency;
  @Column('text', { array: true }) scopes!: string[];
  @Column('text', { name: 'secret_hash' }) secretHash!: string;
  @Column('int', { name: 'secret_version', default: 1 }) secretVersion!: number;
  /** The secret before the last rotation, accepted until `previousSecretExpiresAt` (the overlap). */
  @Column('text', { name: 'previous_secret_hash', nullable: true }) previousSecretHash!: string | null;
  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true }) previousSecretExpiresAt!: Date | null;
  @Column('int', { name: 'rate_limit_per_minute' }) rateLimitPerMinute!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_system_clients_created_by' })
  creator?: User;
  @Column('timestamptz', { name: 'rotated_at', nullable: true }) rotatedAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('text', { name: 'revoked_reason', nullable: true }) revokedReason!: string | null;
}
