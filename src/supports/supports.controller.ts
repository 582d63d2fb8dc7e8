import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '../common/errors';
import { CurrentUser } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { ListSupportsQuery, RegisterSupportDto, SupportEventDto, SupportSummaryQuery } from './dto/support.dto';
import { SupportDetail, SupportPage, SupportResponse, SupportSummary } from './dto/support.response';
import { SupportsService } from './supports.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

@ApiTags('supports')
@ApiBearerAuth()
@Controller()
export class SupportsController {
  constructor(private readonly supports: SupportsService) {}

  /** The commune's social workers or supervisors register a child of their commune in special circumstances. */
  @Post('children/:id/supports')
  @ApiCreatedResponse({ type: SupportResponse })
  register(@CurrentUser() p: Principal, @Param('id', uuid) childId: string, @Body() body: RegisterSupportDto) {
    return this.supports.register(p, childId, body);
  }

  /** The commune's register, open first (commune staff only: oversight sees `summary`). */
  @Get('supports')
  @ApiOkResponse({ type: SupportPage })
  list(@CurrentUser() p: Principal, @Query() q: ListSupportsQuery) {
    return this.supports.list(p, q);
  }

  /** Per commune of your jurisdiction: children registered and, of those, supported. */
  @Get('supports/summary')
  @ApiOkResponse({ type: SupportSummary })
  summary(@CurrentUser() p: Principal, @Query() q: SupportSummaryQuery) {
    return this.supports.summary(p, q);
  }

  @Get('supports/:id')
  @ApiOkResponse({ type: SupportDetail })
  get(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.supports.get(p, id);
  }

  /**
   * An event of the support's workflow (`GET /workflows/special-circumstances-support/1` names them
   * and their fields): ASSESS, PLAN, GRANT_SERVICE, END_SERVICE, REVIEW, EXIT.
   */
  @Post('supports/:id/events')
  @HttpCode(200)
  @ApiOkResponse({ type: SupportResponse })
  event(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: SupportEventDto) {
    return this.supports.act(p, id, body);
  }
}
