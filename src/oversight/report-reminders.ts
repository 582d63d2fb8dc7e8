import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { localDate } from '../deadlines/business-calendar';
import { JobName } from '../jobs/job-registry';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { reportsDueSoon, withDefaults } from './report-calendar';
import { ReportCalendarRepository } from './report-calendar.repository';

/**
 * The worker's `remind-reports` job (a job scheduler, every morning at 08:00 in Vietnam): in the
 * days before a report falls due under each province's calendar (`report_calendars`, the defaults
 * where a province has none), reminds the people who must sign it — the supervisors (who draft it)
 * and the chairs (who approve it) of the province's communes whose report is not sent yet — once
 * per report (`report_reminder` notifications). Idempotent: a user reminded of a report is never
 * reminded of it again, however often the job runs or how many workers run it.
 */
@Injectable()
export class ReportReminders implements OnModuleInit {
  private readonly logger = new Logger('ReportReminders');

  constructor(
    private readonly jobs: JobsService, private readonly notifications: NotificationsService, private readonly calendars: ReportCalendarRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(JobName.RemindReports, () => this.remind());
  }

  /** Reminds the signers not yet reminded of every report due soon in every province; returns how many were. */
  async remind(): Promise<number> {
    const now = this.clock.now();
    const today = localDate(now);
    let total = 0;
    for (const [province, own] of await this.calendars.allCalendars()) {
      for (const due of reportsDueSoon(today, withDefaults(own))) {
        const signers = await this.calendars.signers(province, due.report);
        const n = signers.length ? await this.notifications.remindOfReport(signers, due.report, due.due, now) : 0;
        if (n > 0) this.logger.log({ province, report: due.report, due: due.due, reminded: n }, 'report reminders sent');
        total += n;
      }
    }
    return total;
  }
}
