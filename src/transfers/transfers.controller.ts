import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { events } from '../../workflows/commune-transfer/v1/events';
import { TransferView } from '../cases/dto/case.response';
import { InvalidInput } from '../common/errors';
import { classOf } from '../engine/event-data';
import { CurrentUser } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { ListTransfersQuery, RequestTransferDto } from './dto/transfer.dto';
import { TransferPage, TransferResponse } from './dto/transfer.response';
import { TransfersService } from './transfers.service';
import { AuditedInService } from '../identity/read-audit';

/** The body of a transfer event, as its workflow's contract declares it (validated by the service against the transfer's own version). */
const eventBody = (type: keyof typeof events) => ApiBody({ type: classOf(type, events[type]) });

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

@ApiTags('transfers')
@ApiBearerAuth()
@Controller()
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  /** The commune leading the case asks another commune to take it: a handover (to the residence commune) or a transfer (the child moved). */
  @Post('cases/:id/transfers')
  @ApiCreatedResponse({ type: TransferResponse })
  request(@CurrentUser() p: Principal, @Param('id', uuid) caseId: string, @Body() body: RequestTransferDto) {
    return this.transfers.request(p, caseId, body);
  }

  @Get('transfers')
  @ApiOkResponse({ type: TransferPage })
  list(@CurrentUser() p: Principal, @Query() q: ListTransfersQuery) {
    return this.transfers.list(p, q);
  }

  @Get('transfers/:id')
  @AuditedInService()
  @ApiOkResponse({ type: TransferView })
  get(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.transfers.get(p, id);
  }

  /** The receiving commune takes the case and assigns it to one of its workers. */
  @Post('transfers/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: TransferResponse })
  @eventBody('ACCEPT_TRANSFER')
  accept(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() data: Record<string, unknown>) {
    return this.transfers.act(p, id, 'ACCEPT_TRANSFER', data);
  }

  @Post('transfers/:id/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: TransferResponse })
  @eventBody('DECLINE_TRANSFER')
  decline(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() data: Record<string, unknown>) {
    return this.transfers.act(p, id, 'DECLINE_TRANSFER', data);
  }

  /** The commune that asked withdraws its request. */
  @Post('transfers/:id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: TransferResponse })
  @eventBody('CANCEL_TRANSFER')
  cancel(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() data: Record<string, unknown>) {
    return this.transfers.act(p, id, 'CANCEL_TRANSFER', data);
  }
}
