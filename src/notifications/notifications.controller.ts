import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiOkResponse } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { InvalidInput } from '../common/errors';
import { PageQuery } from '../common/pagination';
import { CurrentUser } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { NotificationPage, NotificationRead } from './dto/notification.response';
import { NotificationsService } from './notifications.service';

export class NotificationsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  unread?: boolean;
}

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

/** The caller's in-app inbox; texts rendered in Vietnamese and English. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPage })
  list(@CurrentUser() p: Principal, @Query() q: NotificationsQuery) {
    return this.notifications.inbox(p, q);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationRead })
  read(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.notifications.markRead(p, id);
  }
}
