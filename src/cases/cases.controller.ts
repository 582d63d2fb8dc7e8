import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { InvalidInput } from '../common/errors';
import { idempotencyKey } from '../common/idempotency-key';
import { CurrentCaller, CurrentUser, Roles, Scopes } from '../identity/auth.decorators';
import { INTAKE_ROLES } from '../identity/policy';
import type { Caller, Principal } from '../identity/roles';
import { CasesService } from './cases.service';
import { CaseEventDto } from './dto/case-event.dto';
import { CasePage, CaseResponse, CaseTimeline, CaseView, IntakeResponse } from './dto/case.response';
import { RelinkChildDto } from './dto/relink-child.dto';
import { IntakeDto } from './dto/intake.dto';
import { ListCasesQuery } from './dto/list-cases.dto';
import { AuditedInService } from '../identity/read-audit';

const uuid = new ParseUUIDPipe({ version: undefined, exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

@ApiTags('cases')
@ApiBearerAuth()
@Controller()
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /**
   * A report becomes a case: 201, or 200 with the same case when channel + externalRef were seen
   * before. Also open to system clients granted `intake:write` (the 111 hotline's system). With an
   * Idempotency-Key, a repeat of the same request answers as the first did (status and body).
   */
  @Post('intake')
  @Roles(...INTAKE_ROLES)
  @Scopes('intake:write')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: IntakeResponse, description: 'A new case, and the likely registry records of the child besides the one linked' })
  @ApiOkResponse({ type: IntakeResponse, description: 'The case already filed with this channel and externalRef' })
  async intake(@CurrentCaller() p: Caller, @Body() body: IntakeDto, @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') key?: string) {
    const result = await this.cases.intake(p, body, idempotencyKey(key));
    res.status(result.created ? 201 : 200);
    return { case: result.case, candidates: result.candidates };
  }

  @Get('cases')
  @ApiOkResponse({ type: CasePage })
  list(@CurrentUser() p: Principal, @Query() query: ListCasesQuery) {
    return this.cases.list(p, query);
  }

  @Get('cases/:id')
  @AuditedInService()
  @ApiOkResponse({ type: CaseView })
  get(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.cases.get(p, id);
  }

  @Post('cases/:id/events')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: CaseResponse })
  async event(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: CaseEventDto,
    @Headers('idempotency-key') key?: string) {
    return { case: await this.cases.sendEvent(p, id, body, idempotencyKey(key)) };
  }

  /** The report was about another registry child: relink the case (its repeat mark follows). */
  @Put('cases/:id/child')
  @ApiOkResponse({ type: CaseResponse })
  async relinkChild(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: RelinkChildDto) {
    return { case: await this.cases.relinkChild(p, id, body.childId) };
  }

  @Get('cases/:id/timeline')
  @AuditedInService()
  @ApiOkResponse({ type: CaseTimeline })
  timeline(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.cases.timeline(p, id);
  }
}
