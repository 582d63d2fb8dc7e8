import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ROLES } from '../roles';

/** `GET /directory/communes`: the caller's jurisdiction, or every commune (administrative units are public). */
export class CommuneDirectoryQuery {
  @ApiPropertyOptional({
    enum: ['jurisdiction', 'all'], default: 'jurisdiction',
    description: '`all`: every commune of every province, e.g. to name where a child lives or the commune a case is transferred to',
  })
  @IsOptional() @IsIn(['jurisdiction', 'all'], { message: 'scope phải là jurisdiction hoặc all / scope must be jurisdiction or all' })
  scope?: 'jurisdiction' | 'all';
}

export class DirectoryQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) communeCode?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: string;
}
