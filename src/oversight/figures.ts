/**
 * The oversight figures, as pure functions of rows: periods and date ranges, on-time rates, time
 * per stage, and the report statistics with the commune plans' indicators. No I/O here; the
 * services fetch the rows (scoped to the caller) and these turn them into the API's figures.
 */
import { ageYears } from '../cases/case-views';
import { ABUSE_TYPES, CHANNELS, SEXES } from '../../workflows/vocabulary';
import { addLocalDays, dueAt, Holidays, LocalDate, startOfLocalDay } from '../deadlines/business-calendar';

const HOUR = 3_600_000;

/** Local dates `from`..`to`, both included, and the instants `[start, end)` they cover in Vietnam. */
export interface LocalRange {
  from: LocalDate;
  to: LocalDate;
  start: Date;
  end: Date;
}

export function localRange(from: LocalDate, to: LocalDate): LocalRange {
  return { from, to, start: startOfLocalDay(from), end: startOfLocalDay(addLocalDays(to, 1)) };
}

export const PERIOD_PATTERN = /^(\d{4})(?:-(H1|H2))?$/;
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** `2026-H1` (January–June), `2026-H2` (July–December) or `2026` (the year); null when malformed or out of range. */
export function parsePeriod(period: string): (LocalRange & { period: string }) | null {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return null;
  const [from, to] = m[2] === 'H1' ? ['01-01', '06-30'] : m[2] === 'H2' ? ['07-01', '12-31'] : ['01-01', '12-31'];
  return { period, ...localRange(`${year}-${from}`, `${year}-${to}`) };
}

/** A share as a fraction (0..1, four decimals); null when there is nothing to divide by. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;
}

const round2 = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

// ------------------------------------------------------------------ SLA

/**
 * Per deadline key, in the window: `on_time` met in time, `late` missed (met late, breached, or
 * past due and still pending), `open` still running and not yet due.
 */
export interface DeadlineCountRow {
  key: string;
  on_time: number;
  late: number;
  open: number;
}

export interface DeadlineTitle {
  key: string;
  titleVi: string;
  titleEn: string;
}

export interface DeadlineFigure extends DeadlineTitle {
  total: number;
  onTime: number;
  late: number;
  open: number;
  /** Of the deadlines decided (on time or late); open ones can still go either way. */
  onTimeRate: number | null;
}

/**
 * Deadline figures in the order and with the titles of the workflows' deadline tables (`specs`);
 * a key no table knows comes last, titled by its key; keys with nothing counted are left out.
 */
export function deadlineFigures(rows: DeadlineCountRow[], specs: readonly DeadlineTitle[]): DeadlineFigure[] {
  const position = (key: string) => {
    const i = specs.findIndex((s) => s.key === key);
    return i < 0 ? specs.length : i;
  };
  return rows
    .filter((r) => r.on_time + r.late + r.open > 0)
    .sort((a, b) => position(a.key) - position(b.key) || a.key.localeCompare(b.key))
    .map((r) => {
      const spec = specs.find((s) => s.key === r.key);
      return {
        key: r.key, titleVi: spec?.titleVi ?? r.key, titleEn: spec?.titleEn ?? r.key, total: r.on_time + r.late + r.open,
        onTime: r.on_time, late: r.late, open: r.open, onTimeRate: rate(r.on_time, r.on_time + r.late),
      };
    });
}

/** Per receiving agency, the handoffs offered in the window and how their acceptance and completion deadlines went. */
export interface AgencyCountRow {
  agency_id: string;
  name: string;
  type: string;
  total: number;
  accepted_on_time: number;
  completed_on_time: number;
  /** Its handoffs' acceptance and completion deadlines met in time / missed. */
  on_time: number;
  late: number;
}

export interface AgencyFigure {
  agencyId: string;
  name: string;
  type: string;
  total: number;
  acceptedOnTime: number;
  completedOnTime: number;
  onTimeRate: number | null;
}

export function agencyFigures(rows: AgencyCountRow[]): AgencyFigure[] {
  return [...rows]
    .sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.agency_id.localeCompare(b.agency_id))
    .map((r) => ({
      agencyId: r.agency_id, name: r.name, type: r.type, total: r.total, acceptedOnTime: r.accepted_on_time,
      completedOnTime: r.completed_on_time, onTimeRate: rate(r.on_time, r.on_time + r.late),
    }));
}

/** Per stage, the stays that ended in the window: how many, and the median and 90th percentile of their length in hours. */
export interface StageRow {
  stage: string;
  count: number;
  median_hours: number | null;
  p90_hours: number | null;
}

export interface StageFigure {
  stage: string;
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export function stageFigures(rows: StageRow[], stateOrder: readonly string[]): StageFigure[] {
  const position = (s: string) => (stateOrder.includes(s) ? stateOrder.indexOf(s) : stateOrder.length);
  return [...rows]
    .sort((a, b) => position(a.stage) - position(b.stage) || a.stage.localeCompare(b.stage))
    .map((r) => ({ stage: r.stage, count: r.count, medianHours: round2(r.median_hours), p90Hours: round2(r.p90_hours) }));
}

// ------------------------------------------------------------------ statistics

/** Age groups of Vietnam's child statistics; `unknown` when neither a birth date nor an estimate was given. */
export const AGE_GROUPS = ['0-5', '6-10', '11-15', '16-17', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export function ageGroup(age: number | null): AgeGroup {
  if (age === null || age < 0 || age > 17) return 'unknown';
  return age <= 5 ? '0-5' : age <= 10 ? '6-10' : age <= 15 ? '11-15' : '16-17';
}

/** Where a case stands: still open, or closed with its outcome. */
export const OUTCOMES = ['open', 'child_safe', 'resolved', 'unfounded', 'duplicate'] as const;

export const INDICATORS = ['verifiedWithin12h', 'planApprovedWithin5WorkingDays', 'closedChildSafe'] as const;
export type IndicatorKey = (typeof INDICATORS)[number];

export interface StatisticsCaseRow {
  received_at: Date;
  channel: string;
  abuse_types: string[];
  state: string;
  outcome: string | null;
  sex: string | null;
  date_of_birth: string | null;
  approx_age_years: number | null;
  /** The first RECORD_INITIAL_ASSESSMENT (verification and initial risk assessment done). */
  verified_at: Date | null;
  /** The first APPROVE_PLAN. */
  plan_approved_at: Date | null;
}

export interface Indicator {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface Statistics {
  period: string;
  from: LocalDate;
  to: LocalDate;
  totals: { cases: number };
  byAbuseType: Record<string, number>;
  bySex: Record<string, number>;
  byAgeGroup: Record<string, number>;
  byChannel: Record<string, number>;
  byOutcome: Record<string, number>;
  indicators: Record<IndicatorKey, Indicator>;
}

const VERIFY_WITHIN_MS = 12 * HOUR;
const PLAN_RULE = { workingDays: 5 };

function zeros(keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, 0]));
}

function tally(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

class Share {
  numerator = 0;
  denominator = 0;
  /** Counts a case once its result is known: met, or its time has run out. */
  add(met: boolean, timeIsUp: boolean): void {
    if (!met && !timeIsUp) return;
    this.denominator++;
    if (met) this.numerator++;
  }
  toJSON(): Indicator {
    return { numerator: this.numerator, denominator: this.denominator, rate: rate(this.numerator, this.denominator) };
  }
}

/**
 * The statistics of the cases received in a period (Thông tư 13/2021/TT-BLĐTBXH figures), and the
 * commune plans' indicators over the same cases:
 * - verified within 12 hours: the initial assessment recorded within 12 hours of receipt, among
 *   the cases that are not duplicates and whose 12 hours have run out or that were verified;
 * - plan approved within 5 working days of receipt (ND56 Điều 28 khoản 1), among the cases that
 *   are neither duplicates nor unfounded and whose 5 working days have run out or whose plan was approved;
 * - closed with the child safe: among the cases closed after intervention (outcome child_safe or resolved).
 */
export function statisticsFigures(
  range: LocalRange & { period: string }, rows: StatisticsCaseRow[], ctx: { now: Date; holidays: Holidays },
): Statistics {
  const byAbuseType = zeros(ABUSE_TYPES);
  const bySex = zeros(SEXES);
  const byAgeGroup = zeros(AGE_GROUPS);
  const byChannel = zeros(CHANNELS);
  const byOutcome = zeros(OUTCOMES);
  const verified = new Share();
  const planned = new Share();
  const childSafe = new Share();
  const now = ctx.now.getTime();
  for (const r of rows) {
    for (const t of r.abuse_types) tally(byAbuseType, t);
    tally(bySex, r.sex ?? 'unknown');
    tally(byAgeGroup, ageGroup(ageYears({ date_of_birth: r.date_of_birth, approx_age_years: r.approx_age_years }, r.received_at)));
    tally(byChannel, r.channel);
    const outcome = r.state === 'closed' && r.outcome ? r.outcome : 'open';
    tally(byOutcome, outcome);
    if (outcome !== 'duplicate') {
      const due = r.received_at.getTime() + VERIFY_WITHIN_MS;
      verified.add(r.verified_at !== null && r.verified_at.getTime() <= due, now >= due);
    }
    if (outcome !== 'duplicate' && outcome !== 'unfounded') {
      const due = dueAt(r.received_at, PLAN_RULE, ctx.holidays).getTime();
      planned.add(r.plan_approved_at !== null && r.plan_approved_at.getTime() <= due, now >= due);
    }
    if (outcome === 'child_safe' || outcome === 'resolved') childSafe.add(outcome === 'child_safe', true);
  }
  return {
    period: range.period, from: range.from, to: range.to,
    totals: { cases: rows.length },
    byAbuseType, bySex, byAgeGroup, byChannel, byOutcome,
    indicators: {
      verifiedWithin12h: verified.toJSON(),
      planApprovedWithin5WorkingDays: planned.toJSON(),
      closedChildSafe: childSafe.toJSON(),
    },
  };
}
