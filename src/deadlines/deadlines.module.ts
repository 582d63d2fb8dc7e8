import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OutboxModule } from '../outbox/outbox.module';
import { DeadlinesService } from './deadlines.service';
import { HolidaysController } from './holidays.controller';
import { HolidaysService } from './holidays.service';

@Module({
  imports: [OutboxModule, AuditModule],
  controllers: [HolidaysController],
  providers: [DeadlinesService, HolidaysService],
  exports: [DeadlinesService],
})
export class DeadlinesModule {}
