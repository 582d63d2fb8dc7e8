import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from './auth.decorators';
import { DirectoryService } from './directory.service';
import { CommuneDirectoryQuery, DirectoryQuery } from './dto/directory.dto';
import { CommuneList, DirectoryAgencyList, DirectoryUserList } from './dto/directory.response';
import type { Principal } from './roles';
import { NoPersonalData } from './read-audit';

/** Communes, agencies and colleagues within the caller's jurisdiction (for assignment and handoff forms). */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('communes')
  @NoPersonalData('the administrative units')
  @ApiOkResponse({ type: CommuneList })
  async communes(@CurrentUser() p: Principal, @Query() q: CommuneDirectoryQuery) {
    return { items: await this.directory.communes(p, q.scope === 'all') };
  }

  /** Agencies serving a commune: its own and its province's. */
  @Get('agencies')
  @ApiOkResponse({ type: DirectoryAgencyList })
  async agencies(@CurrentUser() p: Principal, @Query() q: DirectoryQuery) {
    return { items: await this.directory.agencies(p, q) };
  }

  /** Active users of the caller's jurisdiction (no credentials), e.g. social workers to assign. */
  @Get('users')
  @ApiOkResponse({ type: DirectoryUserList })
  async users(@CurrentUser() p: Principal, @Query() q: DirectoryQuery) {
    return { items: await this.directory.users(p, q) };
  }
}
