import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { WorkflowEngine } from './workflow-engine';
import { WorkflowsController } from './workflows.controller';

@Module({
  imports: [AuditModule, DeadlinesModule, NotificationsModule],
  controllers: [WorkflowsController],
  providers: [WorkflowEngine],
  exports: [WorkflowEngine],
})
export class EngineModule {}
