/**
 * When the commune's reports to the province fall due (the commune plans): the 6-month report
 * before 10 May and the annual report before 10 November. Pure: dates are Vietnam local dates.
 */
import { addLocalDays, LocalDate } from '../deadlines/business-calendar';

/** Supervisors are reminded this many days before a report is due. */
export const REPORT_LEAD_DAYS = 7;

export interface ReportDue {
  /** The report, named as the statistics period it exports (`GET /statistics?period=`). */
  report: string;
  due: LocalDate;
}

export function reportsOfYear(year: number): ReportDue[] {
  return [
    { report: `${year}-H1`, due: `${year}-05-10` },
    { report: `${year}`, due: `${year}-11-10` },
  ];
}

/** The report whose reminder window (`leadDays` before its due date, up to the date itself) holds `today`, if any. */
export function reportDueSoon(today: LocalDate, leadDays = REPORT_LEAD_DAYS): ReportDue | null {
  const year = Number(today.slice(0, 4));
  return reportsOfYear(year).find((r) => today >= addLocalDays(r.due, -leadDays) && today <= r.due) ?? null;
}
