import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '../common/errors';
import { CurrentUser, Roles } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { LegalHoldDto, LegalHoldResponse, LiftLegalHoldDto } from './dto/legal-hold.dto';
import { RetentionService } from './retention.service';

export const uuid = new ParseUUIDPipe({ version: undefined, exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

/** Who may hold a case back from anonymisation: the leaders of the commune leading it (and of its province). */
export const LEGAL_HOLD_ROLES = ['supervisor', 'chair'] as const;

@ApiTags('retention')
@ApiBearerAuth()
@Controller()
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  /** Holds the case back from anonymisation (a proceeding, an inspection, a court's request): audited with its reason. */
  @Put('cases/:id/legal-hold')
  @Roles(...LEGAL_HOLD_ROLES)
  @ApiOkResponse({ type: LegalHoldResponse })
  hold(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: LegalHoldDto) {
    return this.retention.setLegalHold(p, id, body.reason);
  }

  /** Lifts the hold (with why, optionally): a closed case past its retention is anonymised at the next run. Audited. */
  @Delete('cases/:id/legal-hold')
  @HttpCode(200)
  @Roles(...LEGAL_HOLD_ROLES)
  @ApiOkResponse({ type: LegalHoldResponse })
  lift(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: LiftLegalHoldDto) {
    return this.retention.setLegalHold(p, id, null, body.reason ?? null);
  }

}
