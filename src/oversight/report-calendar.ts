/**
 * When the commune's reports to the province cover and fall due: each province's calendar
 * (`report_calendars`, editable by its administrators) gives, per report, the period's first day
 * and cut-off day and the due date as days of the year. Pure: dates are Vietnam local dates.
 */
import { addLocalDays, LocalDate } from '../deadlines/business-calendar';
import { FIRST_YEAR, LAST_YEAR, localRange, LocalRange, PERIOD_PATTERN } from './figures';

/** Supervisors and chairs are reminded this many days before a report is due. */
export const REPORT_LEAD_DAYS = 7;

/** The 6-month report (named `YYYY-H1` after the statistics period it exports) and the annual one (`YYYY`). */
export const REPORT_KINDS = ['six_month', 'annual'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** `MM-DD`: a day of the year (29 February is not one: it is missing three years in four). */
export const MONTH_DAY_PATTERN = /^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

export function isDayOfYear(md: string): boolean {
  if (!MONTH_DAY_PATTERN.test(md)) return false;
  const [m, d] = md.split('-').map(Number);
  return d <= new Date(Date.UTC(2025, m, 0)).getUTCDate();
}

export interface CalendarEntry {
  kind: ReportKind;
  /** First day of the period (`MM-DD`); after the cut-off day, it falls in the year before. */
  periodStart: string;
  /** The cut-off day: the period's last day (`MM-DD`), in the report's year. */
  periodEnd: string;
  /** The due date (`MM-DD`): its first occurrence after the cut-off. */
  due: string;
  /** To whom the report goes. */
  recipients: string;
}

/**
 * A province without a calendar of its own: the 6-month report covers January–June and is due on
 * 10 July, after its period ended; the annual report covers the calendar year and is due on 15
 * January. Both go to the provincial Department of Health (Sở Y tế), since 2025.
 */
export const DEFAULT_CALENDAR: readonly CalendarEntry[] = [
  { kind: 'six_month', periodStart: '01-01', periodEnd: '06-30', due: '07-10', recipients: 'Sở Y tế' },
  { kind: 'annual', periodStart: '01-01', periodEnd: '12-31', due: '01-15', recipients: 'Sở Y tế' },
];

export interface ReportDue {
  /** The report, named as the statistics period it exports (`GET /statistics?period=`). */
  report: string;
  kind: ReportKind;
  from: LocalDate;
  to: LocalDate;
  due: LocalDate;
  recipients: string;
}

function entryOf(calendar: readonly CalendarEntry[], kind: ReportKind): CalendarEntry {
  return calendar.find((e) => e.kind === kind) ?? DEFAULT_CALENDAR.find((e) => e.kind === kind)!;
}

/** A province's entries where it has them, the defaults for the others, 6-month first. */
export function withDefaults(own: readonly CalendarEntry[]): CalendarEntry[] {
  return REPORT_KINDS.map((k) => {
    const e = entryOf(own, k);
    return { kind: k, periodStart: e.periodStart, periodEnd: e.periodEnd, due: e.due, recipients: e.recipients };
  });
}

/** A report's name: `YYYY-H1` the 6-month report, `YYYY` the annual one. */
export const PERIOD_REPORT_PATTERN = /^(\d{4})(-H1)?$/;

/** The report of `kind` for `year` under a calendar. */
export function reportOf(calendar: readonly CalendarEntry[], kind: ReportKind, year: number): ReportDue {
  const e = entryOf(calendar, kind);
  return {
    report: kind === 'six_month' ? `${year}-H1` : `${year}`, kind,
    from: `${e.periodStart <= e.periodEnd ? year : year - 1}-${e.periodStart}`,
    to: `${year}-${e.periodEnd}`,
    due: `${e.due > e.periodEnd ? year : year + 1}-${e.due}`,
    recipients: e.recipients,
  };
}

/** Both reports of a year, 6-month first. */
export function reportsOfYear(calendar: readonly CalendarEntry[], year: number): ReportDue[] {
  return REPORT_KINDS.map((k) => reportOf(calendar, k, year));
}

/**
 * The local days a statistics period covers under a calendar: `YYYY-H1` the 6-month report's
 * period, `YYYY` the annual report's, `YYYY-H2` from the day after the 6-month cut-off to the
 * annual one. Null when malformed or out of range.
 */
export function periodRange(period: string, calendar: readonly CalendarEntry[]): (LocalRange & { period: string }) | null {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return null;
  const half = reportOf(calendar, 'six_month', year);
  const annual = reportOf(calendar, 'annual', year);
  const [from, to] = m[2] === 'H1' ? [half.from, half.to] : m[2] === 'H2' ? [addLocalDays(half.to, 1), annual.to] : [annual.from, annual.to];
  return { period, ...localRange(from, to) };
}

/** The reports whose reminder window (`leadDays` before their due date, up to the date itself) holds `today`. */
export function reportsDueSoon(today: LocalDate, calendar: readonly CalendarEntry[], leadDays = REPORT_LEAD_DAYS): ReportDue[] {
  const year = Number(today.slice(0, 4));
  return [year - 1, year]
    .flatMap((y) => reportsOfYear(calendar, y))
    .filter((r) => today >= addLocalDays(r.due, -leadDays) && today <= r.due);
}
