import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '../common/errors';
import { CurrentUser, Roles } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { ChildRightsService } from './child-rights.service';
import { ChildrenService, RESTRICTED_READERS } from './children.service';
import { ChildView } from './dto/child.response';
import { ConsentDto, ConsentList, ConsentView, CorrectionDto, CorrectionList, ReasonDto, RestrictionDto } from './dto/rights.dto';

const uuid = new ParseUUIDPipe({ version: undefined, exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

/** Who corrects a record and records consents: the commune's workers and supervisors. */
export const RECORD_KEEPERS = ['social_worker', 'supervisor'] as const;

/** The data subject's rights on a child's record (README "Rights"): correction, restriction, consent. */
@ApiTags('children')
@ApiBearerAuth()
@Controller()
export class ChildRightsController {
  constructor(private readonly rights: ChildRightsService, private readonly children: ChildrenService) {}

  /** Corrects one field on a request (the child, a parent, an official…), with why; the replaced value is kept. */
  @Post('children/:id/corrections')
  @Roles(...RECORD_KEEPERS)
  @ApiCreatedResponse({ type: ChildView })
  correct(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: CorrectionDto) {
    return this.rights.correct(p, id, body);
  }

  @Get('children/:id/corrections')
  @Roles(...RECORD_KEEPERS)
  @ApiOkResponse({ type: CorrectionList })
  corrections(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.rights.corrections(p, id);
  }

  /** Restricts the processing of the record (NĐ 13/2023 Điều 9 k7, Điều 14): the commune's leaders. */
  @Put('children/:id/restriction')
  @Roles(...RESTRICTED_READERS)
  @ApiOkResponse({ type: ChildView })
  restrict(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: RestrictionDto) {
    return this.children.restrict(p, id, { reason: body.reason, basis: body.basis, requestedBy: body.requestedBy }, body.reason);
  }

  @Delete('children/:id/restriction')
  @HttpCode(200)
  @Roles(...RESTRICTED_READERS)
  @ApiOkResponse({ type: ChildView })
  lift(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: ReasonDto) {
    return this.children.restrict(p, id, null, body.reason);
  }

  @Post('children/:id/consents')
  @Roles(...RECORD_KEEPERS)
  @ApiCreatedResponse({ type: ConsentView })
  consent(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: ConsentDto) {
    return this.rights.recordConsent(p, id, body);
  }

  /** The consents and, per purpose, whether consent is complete (a parent or guardian, and from 7 the child). */
  @Get('children/:id/consents')
  @Roles(...RECORD_KEEPERS, 'chair')
  @ApiOkResponse({ type: ConsentList })
  consents(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.rights.consents(p, id);
  }

  @Post('consents/:id/withdraw')
  @HttpCode(200)
  @Roles(...RECORD_KEEPERS)
  @ApiOkResponse({ type: ConsentView })
  withdraw(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: ReasonDto) {
    return this.rights.withdraw(p, id, body.reason);
  }
}
