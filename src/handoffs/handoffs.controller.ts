import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiCreatedResponse, ApiOkResponse, ApiTags, IntersectionType } from '@nestjs/swagger';
import { events } from '../../workflows/handoff/v2/events';
import { classOf } from '../engine/event-data';
import { InvalidInput } from '../common/errors';
import { idempotencyKey } from '../common/idempotency-key';
import { CurrentUser } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { CreateHandoffDto, HandoffActionVersion, InboxQuery, versionedData } from './dto/handoff.dto';
import { HandoffDetail, HandoffPage, HandoffResponse } from './dto/handoff.response';
import { HandoffsService } from './handoffs.service';
import { AuditedInService } from '../identity/read-audit';

/**
 * The body of a handoff event, as its workflow's contract declares it (validated by the service
 * against the handoff's own version), with the handoff's version the caller saw, optional.
 */
const eventBody = (type: keyof typeof events) => {
  const body = IntersectionType(classOf(type, events[type]), HandoffActionVersion);
  Object.defineProperty(body, 'name', { value: `${type}Body` });
  return ApiBody({ type: body });
};
const versionBody = ApiBody({ type: HandoffActionVersion, required: false });

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

@ApiTags('handoffs')
@ApiBearerAuth()
@Controller()
export class HandoffsController {
  constructor(private readonly handoffs: HandoffsService) {}

  /** With an Idempotency-Key (the console's offline queue), a repeat of the same request answers as the first did. */
  @Post('cases/:id/handoffs')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: HandoffResponse })
  create(@CurrentUser() p: Principal, @Param('id', uuid) caseId: string, @Body() body: CreateHandoffDto,
    @Headers('idempotency-key') key?: string) {
    return this.handoffs.create(p, caseId, body, idempotencyKey(key));
  }

  @Get('handoffs/inbox')
  @ApiOkResponse({ type: HandoffPage })
  inbox(@CurrentUser() p: Principal, @Query() q: InboxQuery) {
    return this.handoffs.inbox(p, q);
  }

  @Get('handoffs/:id')
  @AuditedInService()
  @ApiOkResponse({ type: HandoffDetail })
  get(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.handoffs.get(p, id);
  }

  @Post('handoffs/:id/accept')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: HandoffResponse })
  @versionBody
  accept(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body?: Record<string, unknown>,
    @Headers('idempotency-key') key?: string) {
    return this.handoffs.act(p, id, 'ACCEPT', versionedData(body), idempotencyKey(key));
  }

  @Post('handoffs/:id/decline')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: HandoffResponse })
  @eventBody('DECLINE')
  decline(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() data: Record<string, unknown>,
    @Headers('idempotency-key') key?: string) {
    return this.handoffs.act(p, id, 'DECLINE', versionedData(data), idempotencyKey(key));
  }

  @Post('handoffs/:id/start')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: HandoffResponse })
  @versionBody
  start(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body?: Record<string, unknown>,
    @Headers('idempotency-key') key?: string) {
    return this.handoffs.act(p, id, 'START', versionedData(body), idempotencyKey(key));
  }

  @Post('handoffs/:id/complete')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: HandoffResponse })
  @eventBody('COMPLETE')
  complete(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() data: Record<string, unknown>,
    @Headers('idempotency-key') key?: string) {
    return this.handoffs.act(p, id, 'COMPLETE', versionedData(data), idempotencyKey(key));
  }

  /**
   * The receiving police record the criminal-procedure status of the matter (handoff v2, police
   * work only): report received, prosecution opened or refused, … Shown on the case's page and timeline.
   */
  @Post('handoffs/:id/record_procedure_status')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: HandoffResponse })
  @eventBody('RECORD_PROCEDURE_STATUS')
  recordProcedureStatus(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() data: Record<string, unknown>,
    @Headers('idempotency-key') key?: string) {
    return this.handoffs.act(p, id, 'RECORD_PROCEDURE_STATUS', versionedData(data), idempotencyKey(key));
  }

  /** The commune's case staff withdraw a request (e.g. to reassign it), with a reason. */
  @Post('handoffs/:id/cancel')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: HandoffResponse })
  @eventBody('CANCEL')
  cancel(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() data: Record<string, unknown>,
    @Headers('idempotency-key') key?: string) {
    return this.handoffs.act(p, id, 'CANCEL', versionedData(data), idempotencyKey(key));
  }
}
