import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ChainVerification } from '../audit/audit.service';
import type { Page } from '../common/pagination';
import { CurrentUser, Roles } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { AuditEntryView, AuditTrailService } from './audit-trail.service';
import { AuditQuery } from './dto/audit.dto';
import { AuditEntryPage, AuditVerification } from './dto/audit.response';

/** The audit log for oversight: the whole chain's verification, and one case's trail. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditTrailService) {}

  /** Seals what is pending, then recomputes the whole chain: `firstBadId` is the first row that does not hold. */
  @Get('verify')
  @Roles('supervisor', 'auditor', 'admin')
  @ApiOkResponse({ type: AuditVerification })
  verify(): Promise<ChainVerification> {
    return this.audit.verify();
  }

  /** One case's audit trail, oldest first; a case outside the caller's scope is 404. */
  @Get()
  @Roles('supervisor', 'auditor')
  @ApiOkResponse({ type: AuditEntryPage })
  trail(@CurrentUser() p: Principal, @Query() q: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.audit.caseTrail(p, q);
  }
}
