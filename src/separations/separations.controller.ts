import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '../common/errors';
import { idempotencyKey } from '../common/idempotency-key';
import { CurrentUser } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { ListSeparationsQuery, ProposeSeparationDto, SeparationEventDto } from './dto/separation.dto';
import { SeparationList, SeparationPage, SeparationResponse, SeparationView } from './dto/separation.response';
import { SeparationsService } from './separations.service';
import { AuditedInService } from '../identity/read-audit';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

@ApiTags('separations')
@ApiBearerAuth()
@Controller()
export class SeparationsController {
  constructor(private readonly separations: SeparationsService) {}

  /** The case's social worker or supervisor proposes to separate the child temporarily (the chair decides within 12 hours). */
  @Post('cases/:id/separations')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: SeparationResponse })
  propose(@CurrentUser() p: Principal, @Param('id', uuid) caseId: string, @Body() body: ProposeSeparationDto,
    @Headers('idempotency-key') key?: string) {
    return this.separations.propose(p, caseId, body, idempotencyKey(key));
  }

  /** The case's separations, newest first (not for partner agencies: 403). */
  @Get('cases/:id/separations')
  @ApiOkResponse({ type: SeparationList })
  list(@CurrentUser() p: Principal, @Param('id', uuid) caseId: string) {
    return this.separations.list(p, caseId);
  }

  /** The separations of every case you may read, newest first (`status=proposed`: awaiting the chair); not for partner agencies (403). */
  @Get('separations')
  @AuditedInService()
  @ApiOkResponse({ type: SeparationPage })
  page(@CurrentUser() p: Principal, @Query() q: ListSeparationsQuery) {
    return this.separations.page(p, q);
  }

  @Get('separations/:id')
  @AuditedInService()
  @ApiOkResponse({ type: SeparationView })
  get(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.separations.get(p, id);
  }

  /**
   * An event of the separation's workflow (`GET /workflows/temporary-separation/1` names them and
   * their fields): DECIDE_SEPARATION, REJECT_SEPARATION, EXTEND_SEPARATION, REVOKE_SEPARATION (the
   * chair), RECORD_VISIT (the case's workers), CANCEL_SEPARATION.
   */
  @Post('separations/:id/events')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: SeparationResponse })
  event(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: SeparationEventDto,
    @Headers('idempotency-key') key?: string) {
    return this.separations.act(p, id, body, idempotencyKey(key));
  }
}
