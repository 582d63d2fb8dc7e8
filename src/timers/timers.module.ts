import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { EngineModule } from '../engine/engine.module';
import { OutboxRelayModule } from '../outbox/outbox-relay.module';
import { DeadlineFiringService } from './deadline-firing.service';
import { ReconcilerService } from './reconciler.service';
import { TimerQueue } from './timer-queue';
import { TimersHandlers } from './timers.handlers';

/** Deadline timers: arming from the outbox, firing through the engine, reconciling. Needs `JobsModule`. */
@Module({
  imports: [DeadlinesModule, EngineModule, OutboxRelayModule],
  providers: [TimerQueue, DeadlineFiringService, ReconcilerService, TimersHandlers],
  exports: [DeadlineFiringService, ReconcilerService],
})
export class TimersModule {}
