import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AgenciesAdminController, HolidaysAdminController, UnitsAdminController, UsersAdminController } from './admin.controller';
import { AdminRepository } from './admin.repository';
import { AdminService } from './admin.service';
import { HolidayChangesService } from './holiday-changes.service';
import { UnitsService } from './units.service';

/** Administration of users, agencies, administrative units and national holidays, scoped by jurisdiction. */
@Module({
  imports: [AuditModule, DeadlinesModule, NotificationsModule, IdentityModule],
  controllers: [UsersAdminController, AgenciesAdminController, UnitsAdminController, HolidaysAdminController],
  providers: [AdminRepository, AdminService, UnitsService, HolidayChangesService],
})
export class AdminModule {}
