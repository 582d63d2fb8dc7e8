import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { DeadlinesService } from './deadlines.service';

@Module({ imports: [OutboxModule], providers: [DeadlinesService], exports: [DeadlinesService] })
export class DeadlinesModule {}
