import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxRelayModule } from '../outbox/outbox-relay.module';
import { TimersModule } from '../timers/timers.module';
import { DeliveryHandlers } from './delivery.handlers';
import { DeliveryService } from './delivery.service';
import { EscalationService } from './escalation.service';

/** Worker processes: sending notifications on e-mail, SMS, Zalo and push; alert time-outs; the daily digest. */
@Module({
  imports: [NotificationsModule, TimersModule, DeadlinesModule, OutboxRelayModule],
  providers: [DeliveryService, EscalationService, DeliveryHandlers],
})
export class DeliveryModule {}
