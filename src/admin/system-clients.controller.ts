import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '../common/errors';
import { PageQuery } from '../common/pagination';
import { CurrentUser, Roles } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import {
  CreateSystemClientDto, RevokeSystemClientDto, RotateSystemClientDto, SystemClientPage, SystemClientResponse, SystemClientSecretResponse,
  UpdateSystemClientDto, SystemClient,
} from './dto/system-clients.dto';
import { SystemClientsAdminService } from './system-clients.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

/** System clients (machine-to-machine credentials): the national admin's alone. */
@ApiTags('administration')
@ApiBearerAuth()
@Roles('national_admin')
@Controller('system-clients')
export class SystemClientsAdminController {
  constructor(private readonly clients: SystemClientsAdminService) {}

  @Get()
  @ApiOkResponse({ type: SystemClientPage })
  list(@Query() q: PageQuery) {
    return this.clients.list(q.page, q.pageSize);
  }

  /** Creates the client; its id and secret are answered once (only the secret's hash is kept). */
  @Post()
  @ApiCreatedResponse({ type: SystemClientSecretResponse })
  create(@CurrentUser() p: Principal, @Body() body: CreateSystemClientDto) {
    return this.clients.create(p, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: SystemClient })
  get(@Param('id', uuid) id: string) {
    return this.clients.get(id);
  }

  /** Name, scopes, rate limit: taken away scopes and a lower limit apply to live tokens at once. */
  @Patch(':id')
  @ApiOkResponse({ type: SystemClientResponse })
  update(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: UpdateSystemClientDto) {
    return this.clients.update(p, id, body);
  }

  /** A new secret, answered once; the current one stops at once, or after `overlapSeconds`. */
  @Post(':id/rotate')
  @HttpCode(200)
  @ApiOkResponse({ type: SystemClientSecretResponse })
  rotate(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: RotateSystemClientDto) {
    return this.clients.rotate(p, id, body.overlapSeconds ?? 0);
  }

  /** Revokes the client for good: its tokens are refused at once. */
  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: SystemClientResponse })
  revoke(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() body: RevokeSystemClientDto) {
    return this.clients.revoke(p, id, body.reason);
  }
}
