import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ChannelsModule } from '../channels/channels.module';
import { OutboxModule } from '../outbox/outbox.module';
import { AcksService, DeliveryLogService } from './acks.service';
import { DeliveriesRepository } from './deliveries.repository';
import { MeNotificationsController } from './me-notifications.controller';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { PreferencesRepository } from './preferences.repository';
import { PreferencesService } from './preferences.service';

@Module({
  imports: [AuditModule, OutboxModule, ChannelsModule],
  controllers: [NotificationsController, MeNotificationsController],
  providers: [NotificationsRepository, NotificationsService, DeliveriesRepository, PreferencesRepository, PreferencesService, AcksService, DeliveryLogService],
  exports: [NotificationsService, DeliveriesRepository, PreferencesRepository, ChannelsModule],
})
export class NotificationsModule {}
