import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AgenciesAdminController, HolidaysAdminController, UnitsAdminController, UsersAdminController } from './admin.controller';
import { AdminRepository } from './admin.repository';
import { AdminService } from './admin.service';
import { HolidayChangesService } from './holiday-changes.service';
import { SystemClientsAdminController } from './system-clients.controller';
import { SystemClientsAdminRepository } from './system-clients.repository';
import { SystemClientsAdminService } from './system-clients.service';
import { UnitsService } from './units.service';

/** Administration of users, agencies, administrative units, national holidays and system clients, scoped by jurisdiction. */
@Module({
  imports: [AuditModule, DeadlinesModule, NotificationsModule, IdentityModule],
  controllers: [UsersAdminController, AgenciesAdminController, UnitsAdminController, HolidaysAdminController, SystemClientsAdminController],
  providers: [AdminRepository, AdminService, UnitsService, HolidayChangesService, SystemClientsAdminRepository, SystemClientsAdminService],
})
export class AdminModule {}
