import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OutboxModule } from '../outbox/outbox.module';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';
import { HolidaysController } from './holidays.controller';
import { HolidaysRepository } from './holidays.repository';
import { HolidaysService } from './holidays.service';

@Module({
  imports: [OutboxModule, AuditModule],
  controllers: [HolidaysController],
  providers: [DeadlinesRepository, HolidaysRepository, DeadlinesService, HolidaysService],
  exports: [DeadlinesService, HolidaysService],
})
export class DeadlinesModule {}
