import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { InvalidInput } from '../common/errors';
import { PageQuery } from '../common/pagination';
import { CurrentUser, Public, Roles } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { NotificationPage, NotificationRead } from './dto/notification.response';
import { AckView, DeliveryPage, DeliveryQuery, NotificationSettingsView, ReportsAccepted, VapidKeyView } from './dto/settings.dto';
import { AcksService, DeliveryLogService } from './acks.service';
import { NotificationsService } from './notifications.service';
import { PreferencesService } from './preferences.service';

export class NotificationsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  unread?: boolean;
}

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });
const TOKEN = /^[A-Za-z0-9_-]{22}$/;
const token = { transform: (v: string) => {
  if (!TOKEN.test(v)) throw new InvalidInput({ token: ['token không hợp lệ / token is malformed'] });
  return v;
} };
const CHANNEL = /^(sms|zalo|email|push)$/;
const channel = { transform: (v: string) => {
  if (!CHANNEL.test(v)) throw new InvalidInput({ channel: ['channel phải là sms, zalo, email hoặc push / channel must be sms, zalo, email or push'] });
  return v;
} };

/** The caller's in-app inbox; texts rendered in Vietnamese and English. Acknowledgements, the delivery log, providers' reports. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly acks: AcksService,
    private readonly log: DeliveryLogService,
    private readonly prefs: PreferencesService,
  ) {}

  @Get()
  @ApiOkResponse({ type: NotificationPage })
  list(@CurrentUser() p: Principal, @Query() q: NotificationsQuery) {
    return this.notifications.inbox(p, q);
  }

  /** The VAPID public key the console subscribes to Web Push with. */
  @Get('vapid-public-key')
  @ApiOkResponse({ type: VapidKeyView })
  vapidKey() {
    return this.prefs.vapidKey();
  }

  /** The delivery of every message on every channel, newest first: failures for administrators to act on. */
  @Get('deliveries')
  @Roles('admin', 'national_admin')
  @ApiOkResponse({ type: DeliveryPage })
  deliveries(@CurrentUser() p: Principal, @Query() q: DeliveryQuery) {
    return this.log.page(p, q);
  }

  /** A user's notification settings and contacts, for an administrator of their province. */
  @Get('settings/:userId')
  @Roles('admin', 'national_admin')
  @ApiOkResponse({ type: NotificationSettingsView })
  settingsOf(@CurrentUser() p: Principal, @Param('userId', uuid) userId: string) {
    return this.prefs.view(p, userId);
  }

  /** An urgent alert the caller received, by the token of its link. */
  @Get('ack/:token')
  @ApiOkResponse({ type: AckView })
  ack(@CurrentUser() p: Principal, @Param('token', token) t: string) {
    return this.acks.view(p, t);
  }

  /** Acknowledges it: the first one is recorded on the case's timeline and stops the early re-escalation. */
  @Post('ack/:token')
  @HttpCode(200)
  @ApiOkResponse({ type: AckView })
  acknowledge(@CurrentUser() p: Principal, @Param('token', token) t: string) {
    return this.acks.acknowledge(p, t);
  }

  /** A provider's delivery reports (see src/channels/README.md), with the shared NOTIFY_CALLBACK_TOKEN. */
  @Public()
  @Post('delivery-reports/:channel')
  @HttpCode(200)
  @ApiHeader({ name: 'x-callback-token', required: true })
  @ApiOkResponse({ type: ReportsAccepted })
  report(@Param('channel', channel) ch: string, @Headers('x-callback-token') secret: string | undefined, @Body() body: unknown) {
    return this.log.report(ch, secret, body);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationRead })
  read(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.notifications.markRead(p, id);
  }
}
