import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay';
import { OutboxModule } from './outbox.module';

/** The relay, for worker processes (it needs the jobs module, which only they load). */
@Module({ imports: [OutboxModule], providers: [OutboxRelay], exports: [OutboxRelay] })
export class OutboxRelayModule {}
