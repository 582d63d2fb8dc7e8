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
@Check('CHK_users_role', `"role" IN ('hotline_operator','social_worker','supervisor','chair','police','health','education','legal_aid','social_work_center','auditor','admin','national_admin')`)
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
  /** Set by an administrator's create or reset (temporary password); cleared when the user sets their own. */
  @Column('boolean', { name: 'must_change_password', default: false }) mustChangePassword!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
