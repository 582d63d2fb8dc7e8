import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '../common/errors';
import { CurrentUser, Roles } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { CaseworkService } from './casework.service';
import { AgendaQuery, BulkReassignDto, CaseloadQuery, ClearFlagDto, FlagCaseDto } from './dto/casework.dto';
import { Agenda, BulkReassignResult, Caseload, CaseFlagList, CaseFlagResponse } from './dto/casework.response';

const uuid = (name: string) => new ParseUUIDPipe({ version: undefined, exceptionFactory: () => new InvalidInput({ [name]: [`${name} phải là UUID / ${name} must be a UUID`] }) });

/** Supervisors' casework tools (README): caseload per worker, the agenda of due steps, bulk reassignment, flags on cases. */
@ApiTags('casework')
@ApiBearerAuth()
@Controller()
export class CaseworkController {
  constructor(private readonly casework: CaseworkService) {}

  /** Each social worker's open cases in scope, by stage, with overdue, due-this-week and high-risk counts; the unassigned apart. */
  @Get('casework/caseload')
  @Roles('supervisor', 'chair', 'auditor')
  @ApiOkResponse({ type: Caseload })
  caseload(@CurrentUser() p: Principal, @Query() q: CaseloadQuery) {
    return this.casework.caseload(p, q);
  }

  /** Case deadlines late, due today and due this week: the caller's own, or (scope=commune) every one in scope. */
  @Get('casework/agenda')
  @Roles('social_worker', 'supervisor', 'chair', 'auditor')
  @ApiOkResponse({ type: Agenda })
  agenda(@CurrentUser() p: Principal, @Query() q: AgendaQuery) {
    return this.casework.agenda(p, q);
  }

  /** Reassigns the cases to one worker, each through its ASSIGN event; 200 with one result per case (partial failures included). */
  @Post('casework/reassign')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOkResponse({ type: BulkReassignResult })
  reassign(@CurrentUser() p: Principal, @Body() body: BulkReassignDto) {
    return this.casework.reassign(p, body);
  }

  @Get('cases/:id/flags')
  @Roles('social_worker', 'supervisor', 'chair', 'auditor')
  @ApiOkResponse({ type: CaseFlagList })
  flags(@CurrentUser() p: Principal, @Param('id', uuid('id')) id: string) {
    return this.casework.flags(p, id);
  }

  /** Flags the case with a reason (409 when a flag of that reason is already open). */
  @Post('cases/:id/flags')
  @Roles('social_worker', 'supervisor')
  @ApiCreatedResponse({ type: CaseFlagResponse })
  flag(@CurrentUser() p: Principal, @Param('id', uuid('id')) id: string, @Body() body: FlagCaseDto) {
    return this.casework.flag(p, id, body);
  }

  /** Clears an open flag (kept in the case's flag history with who cleared it and why). */
  @Post('cases/:id/flags/:flagId/clear')
  @HttpCode(200)
  @Roles('social_worker', 'supervisor')
  @ApiOkResponse({ type: CaseFlagResponse })
  clearFlag(@CurrentUser() p: Principal, @Param('id', uuid('id')) id: string, @Param('flagId', uuid('flagId')) flagId: string, @Body() body: ClearFlagDto) {
    return this.casework.clearFlag(p, id, flagId, body.note);
  }
}
