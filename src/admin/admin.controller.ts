import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { InvalidInput } from '../common/errors';
import { CurrentUser, Roles } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { AdminService } from './admin.service';
import {
  AgencyListQuery, CommuneListQuery, CreateAgencyDto, CreateUserDto, DeactivateUserDto, HolidayChangeDto, HolidayPreviewDto,
  HolidayRemoveQuery, ImportUnitsBody, toBool, UpdateAgencyDto, UpdateUserDto, UserListQuery,
} from './dto/admin.dto';
import {
  AdminAgencyPage, AdminAgencyResponse, AdminCommunePage, AdminProvinceList, AdminUser, AdminUserPage, AdminUserResponse,
  HolidayPreview, HolidayRemoveResponse, HolidaySetResponse, ImportReport, TemporaryPasswordResponse, AdminAgency,
} from './dto/admin.response';
import { HolidayChangesService } from './holiday-changes.service';
import { UnitsService } from './units.service';
import { NoPersonalData } from '../identity/read-audit';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

/** Users of the administrator's province (every province for the national admin); outside it: 404. */
@ApiTags('administration')
@ApiBearerAuth()
@Roles('admin', 'national_admin')
@Controller('users')
export class UsersAdminController {
  constructor(private readonly admin: AdminService) {}

  @Get()
  @ApiOkResponse({ type: AdminUserPage })
  list(@CurrentUser() p: Principal, @Query() q: UserListQuery) {
    const { page, pageSize, active, ...filter } = q;
    return this.admin.users(p, { ...filter, active: toBool(active) }, page, pageSize);
  }

  /** Creates the user with a temporary password, answered once: they must change it at first sign-in. */
  @Post()
  @ApiCreatedResponse({ type: TemporaryPasswordResponse })
  create(@CurrentUser() p: Principal, @Body() body: CreateUserDto) {
    return this.admin.createUser(p, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: AdminUser })
  get(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.admin.user(p, id);
  }

  /** Name, role, agency: the role must fit the agency's type, the agency the administrator's province. */
  @Patch(':id')
  @ApiOkResponse({ type: AdminUserResponse })
  update(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: UpdateUserDto) {
    return this.admin.updateUser(p, id, body);
  }

  /** Deactivates the user and ends their sessions. */
  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminUserResponse })
  deactivate(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: DeactivateUserDto) {
    return this.admin.setActive(p, id, false, body.reason);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminUserResponse })
  reactivate(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.admin.setActive(p, id, true);
  }

  /** A new temporary password (answered once), to be changed at the next sign-in; ends the user's sessions. */
  @Post(':id/password-reset')
  @HttpCode(200)
  @ApiOkResponse({ type: TemporaryPasswordResponse })
  resetPassword(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.admin.resetPassword(p, id);
  }
}

/** Agencies of the administrator's province (national agencies: the national admin's). */
@ApiTags('administration')
@ApiBearerAuth()
@Roles('admin', 'national_admin')
@Controller('agencies')
export class AgenciesAdminController {
  constructor(private readonly admin: AdminService) {}

  @Get()
  @ApiOkResponse({ type: AdminAgencyPage })
  list(@CurrentUser() p: Principal, @Query() q: AgencyListQuery) {
    const { page, pageSize, ...filter } = q;
    return this.admin.agencies(p, filter, page, pageSize);
  }

  @Post()
  @ApiCreatedResponse({ type: AdminAgencyResponse })
  create(@CurrentUser() p: Principal, @Body() body: CreateAgencyDto) {
    return this.admin.createAgency(p, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: AdminAgency })
  get(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.admin.agency(p, id);
  }

  /** Name and type (within the same level; every user's role must still fit). */
  @Patch(':id')
  @ApiOkResponse({ type: AdminAgencyResponse })
  update(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: UpdateAgencyDto) {
    return this.admin.updateAgency(p, id, body);
  }
}

/** Provinces and communes; importing the official list is the national admin's. */
@ApiTags('administration')
@ApiBearerAuth()
@Roles('admin', 'national_admin')
@Controller('administrative-units')
export class UnitsAdminController {
  constructor(private readonly units: UnitsService) {}

  @Get('provinces')
  @NoPersonalData('the administrative units')
  @ApiOkResponse({ type: AdminProvinceList })
  provinces(@CurrentUser() p: Principal) {
    return this.units.provinces(p);
  }

  @Get('communes')
  @NoPersonalData('the administrative units')
  @ApiOkResponse({ type: AdminCommunePage })
  communes(@CurrentUser() p: Principal, @Query() q: CommuneListQuery) {
    const { page, pageSize, ...filter } = q;
    return this.units.communes(p, filter, page, pageSize);
  }

  /** Upserts provinces and communes from a CSV (see README "Administrative units"); a report per line. */
  @Post('imports')
  @Roles('national_admin')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 0 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUnitsBody })
  @ApiOkResponse({ type: ImportReport })
  // The file is read from the request, not a parameter decorator: the global pipe would walk its bytes.
  import(@CurrentUser() p: Principal, @Req() req: Request & { file?: { buffer: Buffer } }) {
    return this.units.importCsv(p, req.file?.buffer);
  }
}

/** Changes to national holidays (reading them: GET /holidays, src/deadlines): the national admin's only. */
@ApiTags('holidays')
@ApiBearerAuth()
@Roles('national_admin')
@Controller('holidays')
export class HolidaysAdminController {
  constructor(private readonly changes: HolidayChangesService) {}

  /** How many pending deadlines the change would move, and in which communes; changes nothing. */
  @Post(':day/preview')
  @HttpCode(200)
  @ApiOkResponse({ type: HolidayPreview })
  preview(@Param('day') raw: string, @Body() body: HolidayPreviewDto) {
    const day = parseDay(raw);
    return this.changes.preview(body.change === 'set' ? { day, holiday: { nameVi: '', nameEn: '' } } : { day });
  }

  /** Adds or renames the holiday; moves the deadlines and notifies the supervisors of their cases. */
  @Put(':day')
  @ApiOkResponse({ type: HolidaySetResponse })
  async set(@CurrentUser() p: Principal, @Param('day') raw: string, @Body() body: HolidayChangeDto) {
    const holiday = { day: parseDay(raw), nameVi: body.nameVi, nameEn: body.nameEn };
    const result = await this.changes.apply(p, { day: holiday.day, holiday: { nameVi: body.nameVi, nameEn: body.nameEn } }, body.expectedMoves);
    return { holiday, ...result };
  }

  @Delete(':day')
  @ApiOkResponse({ type: HolidayRemoveResponse })
  remove(@CurrentUser() p: Principal, @Param('day') raw: string, @Query() q: HolidayRemoveQuery) {
    return this.changes.apply(p, { day: parseDay(raw) }, q.expectedMoves);
  }
}

function parseDay(raw: string): string {
  const d = new Date(`${raw}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== raw) {
    throw new InvalidInput({ day: ['Ngày phải có dạng YYYY-MM-DD / day must be YYYY-MM-DD'] });
  }
  return raw;
}
