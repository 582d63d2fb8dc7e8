/**
 * A child's age from what the registry (or a report) says: a date of birth, else an estimated age as
 * of the day it was given (the child ages with the record).
 */
export interface ChildAge {
  date_of_birth: string | null;
  approx_age_years: number | null;
  age_as_of: string | null;
}

/** The age from which the child's opinion and consent are asked (Luật Trẻ em 2016 Điều 68 k2; Điều 52; NĐ 13/2023 Điều 20). */
export const CONSENT_AGE = 7;

/** Full years between two `YYYY-MM-DD` days. */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

/** The child's age in full years on `today`, or null when nothing tells it. */
export function ageOn(a: ChildAge, today: string): number | null {
  if (a.date_of_birth) return yearsBetween(a.date_of_birth, today);
  if (a.approx_age_years !== null && a.age_as_of) return a.approx_age_years + yearsBetween(a.age_as_of, today);
  return null;
}
