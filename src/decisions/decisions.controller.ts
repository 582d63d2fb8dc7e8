import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DecisionView } from '../cases/dto/case.response';
import { InvalidInput } from '../common/errors';
import { CurrentUser } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { DecisionsService } from './decisions.service';
import { AuditedInService } from '../identity/read-audit';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

@ApiTags('decisions')
@ApiBearerAuth()
@Controller()
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  /** The commune's numbered decisions about the case, oldest first (not for partner agencies: 403). */
  @Get('cases/:id/decisions')
  @AuditedInService()
  @ApiOkResponse({ type: [DecisionView] })
  list(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.decisions.list(p, id);
  }
}
