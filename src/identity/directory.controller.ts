import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from './auth.decorators';
import { DirectoryService } from './directory.service';
import { DirectoryQuery } from './dto/directory.dto';
import type { Principal } from './roles';

/** Communes, agencies and colleagues within the caller's jurisdiction (for assignment and handoff forms). */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('communes')
  async communes(@CurrentUser() p: Principal) {
    return { items: await this.directory.communes(p) };
  }

  /** Agencies serving a commune: its own and its province's. */
  @Get('agencies')
  async agencies(@CurrentUser() p: Principal, @Query() q: DirectoryQuery) {
    return { items: await this.directory.agencies(p, q) };
  }

  /** Active users of the caller's jurisdiction (no credentials), e.g. social workers to assign. */
  @Get('users')
  async users(@CurrentUser() p: Principal, @Query() q: DirectoryQuery) {
    return { items: await this.directory.users(p, q) };
  }
}
