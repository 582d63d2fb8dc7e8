import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { ChildExportService } from './child-export';
import { ChildExport, ChildExportQuery } from './dto/child-export.dto';
import { uuid } from './retention.controller';

/** Who answers an official request for a child's data: the commune's (and province's) leaders. */
export const EXPORT_ROLES = ['supervisor', 'chair'] as const;

@ApiTags('retention')
@ApiBearerAuth()
@Controller()
export class RightsController {
  constructor(private readonly exports: ChildExportService) {}

  /** Everything held about the child within the caller's scope (JSON), for an official request; audited with its reason. */
  @Get('children/:id/export')
  @Roles(...EXPORT_ROLES)
  @ApiOkResponse({ type: ChildExport })
  exportChild(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Query() q: ChildExportQuery) {
    return this.exports.export(p, id, q.reason);
  }
}
