/**
 * The business calendar: pure arithmetic in Asia/Ho_Chi_Minh (UTC+7 all year: Vietnam keeps no
 * daylight saving time, so a fixed offset is exact).
 *
 * - `hours` and `calendarDays` rules count elapsed time.
 * - `workingDays` rules count Monday–Friday days that are not public holidays, starting the day
 *   after the anchor's local date; the deadline is the END of the last counted day (24:00 local),
 *   the usual reading of "trong thời hạn N ngày làm việc".
 */
import type { DeadlineRule } from '../../workflows/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const VN_OFFSET_MS = 7 * HOUR;

/** A local calendar date, `YYYY-MM-DD`, in Vietnam. */
export type LocalDate = string;

export function localDate(instant: Date): LocalDate {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a local date begins (00:00 in Vietnam). */
export function startOfLocalDay(date: LocalDate): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - VN_OFFSET_MS);
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function isWeekend(date: LocalDate): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

export interface Holidays {
  has(date: LocalDate): boolean;
}

export function isWorkingDay(date: LocalDate, holidays: Holidays): boolean {
  return !isWeekend(date) && !holidays.has(date);
}

/** The N-th working day after the anchor's local date. */
export function nthWorkingDayAfter(anchor: Date, n: number, holidays: Holidays): LocalDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a positive integer, got ${n}`);
  let date = localDate(anchor);
  let counted = 0;
  // A year holds at least ~230 working days; a bound keeps a bad holiday table from looping forever.
  for (let i = 0; i < 3660 && counted < n; i++) {
    date = addLocalDays(date, 1);
    if (isWorkingDay(date, holidays)) counted++;
  }
  if (counted < n) throw new RangeError('no working day found within ten years: check the holiday table');
  return date;
}

/** When a deadline that runs by `rule` from `anchor` falls due. */
export function dueAt(anchor: Date, rule: DeadlineRule, holidays: Holidays): Date {
  if ('hours' in rule) return new Date(anchor.getTime() + rule.hours * HOUR);
  if ('calendarDays' in rule) return new Date(anchor.getTime() + rule.calendarDays * DAY);
  const last = nthWorkingDayAfter(anchor, rule.workingDays, holidays);
  return startOfLocalDay(addLocalDays(last, 1));
}
