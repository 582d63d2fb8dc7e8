/**
 * The rules of a decision's signature and dates, pure: who signs with which title, and the day a
 * decision may take effect. Errors name the event's fields (`data.<key>`), Vietnamese first.
 */
import { isCalendarDate } from '../../workflows/forms';
import { DECISION_SIGNER_TITLES, SIGNER_TITLES, type DecisionKind, type SignerTitle } from '../../workflows/vocabulary';
import { addLocalDays, type LocalDate } from '../deadlines/business-calendar';

/** A decision may be dated to take effect up to a year after it is signed (a later date is a typing slip). */
export const MAX_EFFECTIVE_DAYS_AHEAD = 366;

export type DecisionFieldErrors = Record<string, string[]>;

/**
 * The title the decision is signed with: the chair's choice (`chair`, or `vice_chair` signing on the
 * chair's behalf; `chair` when not chosen); anyone else who may decide signs with their own role's
 * title (a supervisor approving the closure of an unfounded report). Null: that role signs nothing.
 */
export function signerTitleOf(role: string, chosen: unknown): SignerTitle | null {
  if (role === 'chair') return (SIGNER_TITLES as readonly unknown[]).includes(chosen) ? (chosen as SignerTitle) : 'chair';
  return (DECISION_SIGNER_TITLES as readonly string[]).includes(role) && !(SIGNER_TITLES as readonly string[]).includes(role) ? (role as SignerTitle) : null;
}

/**
 * The day the decision takes effect: null (from the day it is signed) when not given; else a real
 * date, neither before the day it is signed (`decidedOn`, Vietnam) nor more than a year after. (The
 * event contract's `date` kind already refuses what is not a date; other callers may not have it.)
 */
export function effectiveDateOf(value: unknown, decidedOn: LocalDate, field = 'data.effectiveOn'): { value: LocalDate | null } | { errors: DecisionFieldErrors } {
  if (value === undefined || value === null || value === '') return { value: null };
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    return { errors: { [field]: ['Ngày không hợp lệ, viết theo dạng NNNN-TT-NN (ví dụ 2026-03-05) / Not a valid date: write it YYYY-MM-DD (e.g. 2026-03-05)'] } };
  }
  if (value < decidedOn) {
    return { errors: { [field]: [`Quyết định không thể có hiệu lực trước ngày ký (${decidedOn}) / A decision cannot take effect before the day it is signed (${decidedOn})`] } };
  }
  const latest = addLocalDays(decidedOn, MAX_EFFECTIVE_DAYS_AHEAD);
  if (value > latest) {
    return { errors: { [field]: [`Ngày có hiệu lực không được quá ${MAX_EFFECTIVE_DAYS_AHEAD} ngày sau ngày ký / At most ${MAX_EFFECTIVE_DAYS_AHEAD} days after the day it is signed`] } };
  }
  return { value };
}

/** Where in a decision's body what it decided on is kept, by kind: the plan approved, the proposal accepted… */
export const DECIDED_SECTION: Record<DecisionKind, string> = {
  plan_approval: 'plan',
  closure: 'proposal',
  separation: 'separation',
  separation_extension: 'extension',
  separation_revocation: 'revocation',
};
