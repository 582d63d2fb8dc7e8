import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { localDate } from '../deadlines/business-calendar';
import { JobName } from '../jobs/job-registry';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { reportDueSoon } from './report-calendar';

/**
 * The worker's `remind-reports` job (a job scheduler, every morning at 08:00 in Vietnam): in the
 * days before the 6-month (10 May) and annual (10 November) reports are due, reminds every active
 * supervisor once per report (`report_reminder` notifications). Idempotent: a user reminded of a
 * report is never reminded of it again, however often the job runs or how many workers run it.
 */
@Injectable()
export class ReportReminders implements OnModuleInit {
  private readonly logger = new Logger('ReportReminders');

  constructor(private readonly jobs: JobsService, private readonly notifications: NotificationsService, private readonly clock: Clock) {}

  onModuleInit(): void {
    this.jobs.handle(JobName.RemindReports, () => this.remind());
  }

  /** Reminds the supervisors not yet reminded of the report due soon, if any; returns how many were. */
  async remind(): Promise<number> {
    const now = this.clock.now();
    const due = reportDueSoon(localDate(now));
    if (!due) return 0;
    const n = await this.notifications.remindSupervisorsOfReport(due.report, due.due, now);
    if (n > 0) this.logger.log({ report: due.report, due: due.due, reminded: n }, 'report reminders sent');
    return n;
  }
}
