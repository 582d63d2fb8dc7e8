import { ApiProperty } from '@nestjs/swagger';
import { ListOf } from '../../common/dto/page.response';
import { AGENCY_TYPES, ROLES, type AgencyType, type Role } from '../roles';

export class Commune {
  @ApiProperty({ example: 'van-son' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() provinceName!: string;
}

export class CommuneList extends ListOf(Commune) {}

export class DirectoryAgency {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: AGENCY_TYPES, enumName: 'AgencyType' }) type!: AgencyType;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for province-level and national agencies' }) communeCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null for national agencies (hotline 111)' }) provinceCode!: string | null;
}

export class DirectoryAgencyList extends ListOf(DirectoryAgency) {}

/** An active colleague (no credentials). */
export class DirectoryUser {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: Role;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty() agencyName!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the agency’s commune; null for province-level and national agencies' }) communeCode!: string | null;
}

export class DirectoryUserList extends ListOf(DirectoryUser) {}
