import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiOkResponse } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Db } from '../database/db';
import { CurrentUser } from './auth.decorators';
import { CommuneList, DirectoryAgencyList, DirectoryUserList } from './dto/directory.response';
import { agencyServesCommuneSql, binder, jurisdictionSql } from './access.repository';
import { ROLES, type Principal } from './roles';

export class DirectoryQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) communeCode?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: string;
}

/** Communes, agencies and colleagues within the caller's jurisdiction (for assignment and handoff forms). */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('directory')
export class DirectoryController {
  constructor(private readonly db: Db) {}

  @Get('communes')
  @ApiOkResponse({ type: CommuneList })
  async communes(@CurrentUser() p: Principal) {
    const params: unknown[] = [];
    const items = await this.db.query(
      `SELECT m.code, m.name, m.province_code AS "provinceCode", pr.name AS "provinceName"
         FROM communes m JOIN provinces pr ON pr.code = m.province_code
        WHERE ${jurisdictionSql(p, binder(params), 'm.code', 'm.province_code')} ORDER BY pr.name, m.name`, params,
    );
    return { items };
  }

  /** Agencies serving a commune: its own and its province's. */
  @Get('agencies')
  @ApiOkResponse({ type: DirectoryAgencyList })
  async agencies(@CurrentUser() p: Principal, @Query() q: DirectoryQuery) {
    const params: unknown[] = [];
    const bind = binder(params);
    const commune = q.communeCode ? `AND m.code = ${bind(q.communeCode)}` : '';
    const items = await this.db.query(
      `SELECT DISTINCT a.id, a.type, a.name, a.commune_code AS "communeCode", a.province_code AS "provinceCode"
         FROM agencies a JOIN communes m ON ${agencyServesCommuneSql()}
        WHERE ${jurisdictionSql(p, bind, 'm.code', 'm.province_code')} ${commune} ORDER BY a.type, a.name`, params,
    );
    return { items };
  }

  /** Active users of the caller's jurisdiction (no credentials), e.g. social workers to assign. */
  @Get('users')
  @ApiOkResponse({ type: DirectoryUserList })
  async users(@CurrentUser() p: Principal, @Query() q: DirectoryQuery) {
    const params: unknown[] = [];
    const bind = binder(params);
    const filters = [jurisdictionSql(p, bind, 'a.commune_code', 'a.province_code')];
    if (q.communeCode) filters.push(`a.commune_code = ${bind(q.communeCode)}`);
    if (q.role) filters.push(`u.role = ${bind(q.role)}`);
    const items = await this.db.query(
      `SELECT u.id, u.username, u.full_name AS "fullName", u.role, a.id AS "agencyId", a.name AS "agencyName", a.commune_code AS "communeCode"
         FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.active AND ${filters.join(' AND ')} ORDER BY u.full_name`, params,
    );
    return { items };
  }
}
