import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '../common/errors';
import { CurrentUser } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import {
  ContactRemoved, ContactSent, ContactVerified, EmailContactDto, NotificationSettingsDto, NotificationSettingsView, PhoneContactDto, PushSubscribed, PushSubscriptionDto,
  VerifyContactDto,
} from './dto/settings.dto';
import { PreferencesService } from './preferences.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput({ id: ['id phải là UUID / id must be a UUID'] }) });

/** The caller's own notification settings, contacts and push subscriptions (every signed-in user). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me')
export class MeNotificationsController {
  constructor(private readonly prefs: PreferencesService) {}

  @Get('notification-settings')
  @ApiOkResponse({ type: NotificationSettingsView })
  settings(@CurrentUser() p: Principal) {
    return this.prefs.view(p);
  }

  @Put('notification-settings')
  @ApiOkResponse({ type: NotificationSettingsView })
  save(@CurrentUser() p: Principal, @Body() body: NotificationSettingsDto) {
    return this.prefs.save(p, { language: body.language, quietHours: body.quietHours ?? null, channels: { ...body.channels } });
  }

  @Post('contacts/email')
  @HttpCode(200)
  @ApiOkResponse({ type: ContactSent, description: 'The address is saved unverified and a code is sent to it' })
  setEmail(@CurrentUser() p: Principal, @Body() body: EmailContactDto) {
    return this.prefs.addContact(p, 'email', body.value);
  }

  @Post('contacts/email/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: ContactVerified })
  verifyEmail(@CurrentUser() p: Principal, @Body() body: VerifyContactDto) {
    return this.prefs.verifyContact(p, 'email', body.code);
  }

  @Delete('contacts/email')
  @HttpCode(200)
  @ApiOkResponse({ type: ContactRemoved })
  async removeEmail(@CurrentUser() p: Principal) {
    await this.prefs.removeContact(p, 'email');
    return { removed: true };
  }

  @Post('contacts/phone')
  @HttpCode(200)
  @ApiOkResponse({ type: ContactSent, description: 'The number is saved unverified and a code is sent to it by SMS (or Zalo)' })
  setPhone(@CurrentUser() p: Principal, @Body() body: PhoneContactDto) {
    return this.prefs.addContact(p, 'phone', body.value);
  }

  @Post('contacts/phone/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: ContactVerified })
  verifyPhone(@CurrentUser() p: Principal, @Body() body: VerifyContactDto) {
    return this.prefs.verifyContact(p, 'phone', body.code);
  }

  @Delete('contacts/phone')
  @HttpCode(200)
  @ApiOkResponse({ type: ContactRemoved })
  async removePhone(@CurrentUser() p: Principal) {
    await this.prefs.removeContact(p, 'phone');
    return { removed: true };
  }

  @Post('push-subscriptions')
  @HttpCode(200)
  @ApiOkResponse({ type: PushSubscribed })
  subscribe(@CurrentUser() p: Principal, @Body() body: PushSubscriptionDto) {
    return this.prefs.subscribePush(p, body);
  }

  @Delete('push-subscriptions/:id')
  @HttpCode(200)
  @ApiOkResponse({ type: ContactRemoved })
  async unsubscribe(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    await this.prefs.unsubscribePush(p, id);
    return { removed: true };
  }
}
