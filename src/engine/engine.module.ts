import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { WorkflowEngine } from './workflow-engine';
import { WorkflowsController } from './workflows.controller';

@Module({
  imports: [DeadlinesModule, NotificationsModule],
  controllers: [WorkflowsController],
  providers: [WorkflowEngine],
  exports: [WorkflowEngine],
})
export class EngineModule {}
