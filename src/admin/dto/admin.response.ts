import { ApiProperty } from '@nestjs/swagger';
import { ListOf, PageOf } from '../../common/dto/page.response';
import { Holiday } from '../../deadlines/dto/holiday.response';
import { AgencyRef } from '../../identity/dto/auth.response';
import { AGENCY_TYPES, ROLES, type AgencyType, type Role } from '../../identity/roles';

/** A user as administrators see them (never a password or its hash). */
export class AdminUser {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: Role;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'Signed in with a temporary password: must choose their own' }) mustChangePassword!: boolean;
  @ApiProperty({ type: () => AgencyRef }) agency!: AgencyRef;
  @ApiProperty({ type: String, nullable: true, description: 'the agency’s province; null for national agencies' }) provinceCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the agency’s commune; null for province-level and national agencies' }) communeCode!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class AdminUserPage extends PageOf(AdminUser) {}

export class AdminUserResponse {
  @ApiProperty({ type: () => AdminUser }) user!: AdminUser;
}

/** A user created or reset with a temporary password: shown once, never stored in clear nor shown again. */
export class TemporaryPasswordResponse {
  @ApiProperty({ type: () => AdminUser }) user!: AdminUser;
  @ApiProperty({ example: 'k7pqm-x2hvd-9snrt-e4wza', description: 'Give it to the user in person; they must change it at first sign-in' })
  temporaryPassword!: string;
}

export class AdminAgency {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: AGENCY_TYPES, enumName: 'AgencyType' }) type!: AgencyType;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for national agencies' }) provinceCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null for province-level and national agencies' }) communeCode!: string | null;
  @ApiProperty({ type: 'integer', description: 'users of the agency, active or not' }) users!: number;
}

export class AdminAgencyPage extends PageOf(AdminAgency) {}

export class AdminAgencyResponse {
  @ApiProperty({ type: () => AdminAgency }) agency!: AdminAgency;
}

export class AdminProvince {
  @ApiProperty({ example: '38' }) code!: string;
  @ApiProperty({ example: 'Tỉnh Thanh Hóa' }) name!: string;
  @ApiProperty({ type: 'integer' }) communes!: number;
}

export class AdminProvinceList extends ListOf(AdminProvince) {}

export class AdminCommune {
  @ApiProperty({ example: '16033' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty({ example: 'VS', description: 'Prefix of the commune’s case codes (VS-2026-000123); never changes' }) casePrefix!: string;
}

export class AdminCommunePage extends PageOf(AdminCommune) {}

export class ImportLine {
  @ApiProperty({ type: 'integer', description: 'line number in the file (the header is line 1)' }) line!: number;
  @ApiProperty({ enum: ['created', 'updated', 'unchanged', 'refused'] }) status!: 'created' | 'updated' | 'unchanged' | 'refused';
  @ApiProperty({ type: String, nullable: true }) communeCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why the line was refused, or what changed (Vietnamese / English)' }) reason!: string | null;
}

export class ImportCounts {
  @ApiProperty({ type: 'integer' }) created!: number;
  @ApiProperty({ type: 'integer' }) updated!: number;
  @ApiProperty({ type: 'integer' }) unchanged!: number;
  @ApiProperty({ type: 'integer' }) refused!: number;
}

export class ImportReport {
  @ApiProperty({ type: () => ImportCounts, description: 'communes, by outcome' }) communes!: ImportCounts;
  @ApiProperty({ type: () => ImportCounts, description: 'provinces, by outcome (refused: never; a line’s refusal is counted under communes)' }) provinces!: ImportCounts;
  @ApiProperty({ type: () => [ImportLine] }) lines!: ImportLine[];
}

export class AffectedCommune {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty({ type: 'integer', description: 'cases of the commune with a deadline moved' }) cases!: number;
  @ApiProperty({ type: 'integer' }) deadlines!: number;
}

export class HolidayPreview {
  @ApiProperty({ example: '2027-02-08' }) day!: string;
  @ApiProperty({ enum: ['set', 'remove'] }) change!: 'set' | 'remove';
  @ApiProperty({ type: 'integer', description: 'pending deadlines the change moves: send it back as expectedMoves to confirm' }) deadlinesMoved!: number;
  @ApiProperty({ type: 'integer' }) cases!: number;
  @ApiProperty({ type: () => [AffectedCommune] }) communes!: AffectedCommune[];
}

export class HolidaySetResponse {
  @ApiProperty({ type: () => Holiday }) holiday!: Holiday;
  @ApiProperty({ type: 'integer', description: 'pending deadlines moved' }) rescheduled!: number;
  @ApiProperty({ type: 'integer', description: 'notifications sent to the supervisors of the affected cases' }) notified!: number;
}

export class HolidayRemoveResponse {
  @ApiProperty({ type: 'integer', description: 'pending deadlines moved' }) rescheduled!: number;
  @ApiProperty({ type: 'integer', description: 'notifications sent to the supervisors of the affected cases' }) notified!: number;
}
