import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '../common/errors';
import { CurrentCaller, CurrentUser, Roles, Scopes } from '../identity/auth.decorators';
import { REGISTRY_MATCH_ROLES } from '../identity/policy';
import type { Caller, Principal } from '../identity/roles';
import { ChildrenService } from './children.service';
import { ChildMatches, ChildMergeView, ChildView } from './dto/child.response';
import { MatchChildDto } from './dto/match.dto';
import { MergeChildrenDto } from './dto/merge.dto';
import { UpdateChildDto } from './dto/update-child.dto';
import { AuditedInService } from '../identity/read-audit';

const uuid = new ParseUUIDPipe({ version: undefined, exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

@ApiTags('children')
@ApiBearerAuth()
@Controller('children')
export class ChildrenController {
  constructor(private readonly children: ChildrenService) {}

  /** Likely registry records of a child being reported (the intake form's matching panel; system clients too). */
  @Post('matches')
  @HttpCode(200)
  @Roles(...REGISTRY_MATCH_ROLES)
  @Scopes('intake:write')
  @ApiOkResponse({ type: ChildMatches })
  matches(@CurrentCaller() c: Caller, @Body() body: MatchChildDto) {
    return this.children.matches(c, body);
  }

  @Post('merges')
  @Roles('supervisor')
  @ApiCreatedResponse({ type: ChildMergeView })
  merge(@CurrentUser() p: Principal, @Body() body: MergeChildrenDto) {
    return this.children.merge(p, body);
  }

  @Post('merges/:id/undo')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOkResponse({ type: ChildMergeView })
  undo(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.children.undo(p, id);
  }

  @Get(':id')
  @AuditedInService()
  @ApiOkResponse({ type: ChildView })
  get(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.children.get(p, id);
  }

  @Patch(':id')
  @Roles('social_worker', 'supervisor')
  @ApiOkResponse({ type: ChildView })
  update(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: UpdateChildDto) {
    return this.children.update(p, id, body);
  }
}
