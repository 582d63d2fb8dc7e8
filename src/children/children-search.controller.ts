import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { ChildrenSearchService } from './children-search.service';
import { ChildSearchPage, SearchChildrenQuery } from './dto/children-search.dto';
import { AuditedInService } from '../identity/read-audit';

/** `GET /children`: the registry searched by the commune's and province's staff, within their scope. */
@ApiTags('children')
@ApiBearerAuth()
@Controller()
export class ChildrenSearchController {
  constructor(private readonly search: ChildrenSearchService) {}

  /**
   * Children in the caller's scope (identity/access.repository `childScopeSql`) matching `q` and the
   * filters, the most relevant first (by name without `q`). Audited (`child.search`).
   */
  @Get('children')
  @AuditedInService()
  @Roles('social_worker', 'supervisor', 'chair', 'auditor')
  @ApiOkResponse({ type: ChildSearchPage })
  list(@CurrentUser() p: Principal, @Query() query: SearchChildrenQuery) {
    return this.search.search(p, query);
  }
}
