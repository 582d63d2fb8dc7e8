import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ChainVerification } from '../audit/audit.service';
import type { FullVerificationStatus } from '../audit/audit-verify-queue';
import type { Page } from '../common/pagination';
import { InvalidInput } from '../common/errors';
import { CurrentUser, Roles } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { AuditEntryView, AuditTrailService, CheckpointList } from './audit-trail.service';
import { AuditQuery, CheckpointQuery } from './dto/audit.dto';
import { AuditCheckpointList, AuditEntryPage, AuditFullVerification, AuditVerification } from './dto/audit.response';
import { AuditedInService, NoPersonalData } from '../identity/read-audit';

const uuid = new ParseUUIDPipe({ version: undefined, exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

/** The audit log for oversight: the chain's verification (incremental and full), its checkpoints, and one case's trail. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditTrailService) {}

  /**
   * Seals what is pending, then verifies the chain from the newest external checkpoint on (cheap:
   * only the rows since it): `ok` false with `problem` and `firstBadId` when it does not hold.
   */
  @Get('verify')
  @NoPersonalData('the chain’s integrity, no entry’s content')
  @Roles('supervisor', 'auditor', 'admin')
  @ApiOkResponse({ type: AuditVerification })
  verify(): Promise<ChainVerification> {
    return this.audit.verify();
  }

  /** Starts a full verification of the chain in the background (the worker's); answers its id and state. */
  @Post('verify/full')
  @HttpCode(202)
  @Roles('supervisor', 'auditor', 'admin')
  @ApiAcceptedResponse({ type: AuditFullVerification })
  startFull(@CurrentUser() p: Principal): Promise<FullVerificationStatus> {
    return this.audit.startFullVerification(p);
  }

  /** A full verification's state, progress (rows checked of the chain's length) and, once completed, its result. */
  @Get('verify/full/:id')
  @NoPersonalData('the chain’s integrity, no entry’s content')
  @Roles('supervisor', 'auditor', 'admin')
  @ApiOkResponse({ type: AuditFullVerification })
  @ApiNotFoundResponse({ description: 'No such verification (or it is older than a week)' })
  fullStatus(@Param('id', uuid) id: string): Promise<FullVerificationStatus> {
    return this.audit.fullVerification(id);
  }

  /**
   * The signed checkpoints of the chain (from the file outside the database), oldest first after
   * `afterSeq`: an auditor archives them, and checks later that the chain still holds them.
   */
  @Get('checkpoints')
  @NoPersonalData('the chain’s signed heads, no entry’s content')
  @Roles('supervisor', 'auditor', 'admin')
  @ApiOkResponse({ type: AuditCheckpointList })
  checkpoints(@Query() q: CheckpointQuery): CheckpointList {
    return this.audit.checkpoints(q);
  }

  /** One case's audit trail, oldest first; a case outside the caller's scope is 404. */
  @Get()
  @AuditedInService()
  @Roles('supervisor', 'auditor')
  @ApiOkResponse({ type: AuditEntryPage })
  trail(@CurrentUser() p: Principal, @Query() q: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.audit.caseTrail(p, q);
  }
}
