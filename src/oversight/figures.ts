/**
 * The oversight figures, as pure functions of rows: periods and date ranges, on-time rates, time
 * per stage, and the report statistics with the commune plans' indicators. No I/O here; the
 * services fetch the rows (scoped to the caller) and these turn them into the API's figures.
 */
import { ageYears } from '../cases/case-views';
import { ABUSE_ENVIRONMENTS, ABUSE_TYPES, CHANNELS, SEXES } from '../../workflows/vocabulary';
import { addLocalDays, LocalDate, localDate, startOfLocalDay } from '../deadlines/business-calendar';

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

/**
 * Age groups of the children's figures. A child is a person under 16 (Luật Trẻ em 2016 Điều 1):
 * 16- and 17-year-olds are never inside them — they are reported apart (`adolescentsAbused`).
 * `unknown` when neither a birth date nor an age was given.
 */
export const AGE_GROUPS = ['0-5', '6-10', '11-15', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** The group of an age: a child's age group, `16-17` (reported apart), or `unknown` (no age, or none a child or adolescent could have). */
export function ageGroup(age: number | null): AgeGroup | '16-17' {
  if (age === null || age < 0 || age > 17) return 'unknown';
  return age <= 5 ? '0-5' : age <= 10 ? '6-10' : age <= 15 ? '11-15' : '16-17';
}

/** The environments of abuse, and `unknown` for a child none of whose reports said where. */
export const ENVIRONMENTS = [...ABUSE_ENVIRONMENTS, 'unknown'] as const;

/** Where a case stands: still open, or closed with its outcome. */
export const OUTCOMES = ['open', 'child_safe', 'resolved', 'unfounded', 'duplicate'] as const;

export const INDICATORS = ['verifiedOnTime', 'planDraftedOnTime', 'closedChildSafe'] as const;
export type IndicatorKey = (typeof INDICATORS)[number];

/** How a case's deadline went: met in time, missed (met late, breached, or past due), still running, or none of that kind. */
export type DeadlineOutcome = 'on_time' | 'late' | 'open' | null;

export interface StatisticsCaseRow {
  received_at: Date;
  channel: string;
  abuse_types: string[];
  state: string;
  outcome: string | null;
  /** The verification found the report substantiated (`substantiated` of the case's workflow context). */
  substantiated: boolean;
  /** Where the abuse happened (`incident.environment`), when the report said. */
  environment: string | null;
  /** The registry child (a merged record counts as the record it was merged into). */
  child_id: string;
  sex: string;
  date_of_birth: string | null;
  /** From the birth date, or the year an estimated age puts it in. */
  birth_year: number | null;
  /** The child's support and intervention plan was approved (an APPROVE_PLAN event). */
  plan_approved: boolean;
  /** The case's own verification deadline: 12 hours for a child in serious danger, its workflow's initial assessment otherwise. */
  verification: DeadlineOutcome;
  /** The plan's drafting deadline: 5 working days from receipt (NĐ 56/2017 Điều 28 khoản 1). */
  plan_drafting: DeadlineOutcome;
}

export interface Indicator {
  numerator: number;
  denominator: number;
  rate: number | null;
}

/** Abused children (or 16–17-year-olds), each counted once however many reports named them. */
export interface ChildCounts {
  total: number;
  bySex: Record<string, number>;
  byAbuseType: Record<string, number>;
  byEnvironment: Record<string, number>;
  /** Of them, those whose support and intervention plan was approved. */
  supported: number;
}

/** The special-circumstances register (issue 17), per the caller's communes; null where the register does not exist. */
export interface SpecialCircumstances {
  registered: number;
  supported: number;
}

export interface Statistics {
  period: string;
  from: LocalDate;
  to: LocalDate;
  /** Children under 16 abused (TT13 indicator 0101), by sex, age group, abuse type and environment. */
  childrenAbused: ChildCounts & { byAgeGroup: Record<string, number> };
  /** 16- and 17-year-olds abused: not children under Luật Trẻ em, reported apart. */
  adolescentsAbused: ChildCounts;
  /** The reports (cases) received in the period, whatever became of them. */
  reports: {
    total: number;
    byChannel: Record<string, number>;
    byOutcome: Record<string, number>;
    /** Reports in the period that name no abused child: duplicates, unfounded, not (yet) substantiated, injuries only. */
    notCounted: { duplicate: number; unfounded: number; notSubstantiated: number; injuryOnly: number };
  };
  indicators: Record<IndicatorKey, Indicator>;
}

function zeros(keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, 0]));
}

function tally(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

class Share {
  numerator = 0;
  denominator = 0;
  /** Counts a case once its result is known: met in time, or missed. */
  add(result: DeadlineOutcome): void {
    if (result !== 'on_time' && result !== 'late') return;
    this.denominator++;
    if (result === 'on_time') this.numerator++;
  }
  toJSON(): Indicator {
    return { numerator: this.numerator, denominator: this.denominator, rate: rate(this.numerator, this.denominator) };
  }
}

/** A child's age when a report was received: from the birth date, else from the birth year an estimate gives. */
export function ageAt(row: Pick<StatisticsCaseRow, 'date_of_birth' | 'birth_year' | 'received_at'>): number | null {
  if (row.date_of_birth) return ageYears({ date_of_birth: row.date_of_birth, approx_age_years: null }, row.received_at);
  return row.birth_year === null ? null : Number(localDate(row.received_at).slice(0, 4)) - row.birth_year;
}

function childCounts(): ChildCounts {
  return { total: 0, bySex: zeros(SEXES), byAbuseType: zeros(ABUSE_TYPES), byEnvironment: zeros(ENVIRONMENTS), supported: 0 };
}

/** Whether a report names an abused child: substantiated, neither a duplicate nor unfounded, and of abuse (not an injury only). */
export function countsAsAbuse(r: Pick<StatisticsCaseRow, 'substantiated' | 'outcome' | 'abuse_types'>): boolean {
  return r.substantiated && r.outcome !== 'duplicate' && r.outcome !== 'unfounded' && r.abuse_types.length > 0;
}

/**
 * The statistics of the reports received in a period (Thông tư 13/2021/TT-BLĐTBXH), and the
 * commune plans' indicators over the same reports. The children's figures count children — the
 * registry record each report is linked to (`cases.child_id`), once however many reports name it —
 * whose abuse was substantiated: duplicates, unfounded reports, reports not (yet) found
 * substantiated and reports of an injury only count no child. A child's age is their age at the
 * first such report of the period; their abuse types and environments are those of all of them
 * (a child is counted once under each). Indicators (definitions in `indicators.ts`):
 * - verified on time: each report's own verification deadline (12 hours for a child in serious
 *   danger, the initial-assessment deadline otherwise), duplicates aside, counted once decided;
 * - plan drafted on time: the plan submitted within 5 working days of receipt, among the reports
 *   neither duplicate nor unfounded, counted once decided;
 * - closed with the child safe: among the cases closed after intervention (child_safe or resolved).
 */
export function statisticsFigures(range: LocalRange & { period: string }, rows: StatisticsCaseRow[]): Statistics {
  const byChannel = zeros(CHANNELS);
  const byOutcome = zeros(OUTCOMES);
  const notCounted = { duplicate: 0, unfounded: 0, notSubstantiated: 0, injuryOnly: 0 };
  const verified = new Share();
  const drafted = new Share();
  const childSafe = new Share();
  const perChild = new Map<string, StatisticsCaseRow[]>();
  for (const r of rows) {
    tally(byChannel, r.channel);
    const outcome = r.state === 'closed' && r.outcome ? r.outcome : 'open';
    tally(byOutcome, outcome);
    if (outcome !== 'duplicate') verified.add(r.verification);
    if (outcome !== 'duplicate' && outcome !== 'unfounded') drafted.add(r.plan_drafting);
    if (outcome === 'child_safe' || outcome === 'resolved') childSafe.add(outcome === 'child_safe' ? 'on_time' : 'late');
    if (countsAsAbuse(r)) {
      const list = perChild.get(r.child_id) ?? [];
      list.push(r);
      perChild.set(r.child_id, list);
    } else if (r.outcome === 'duplicate') notCounted.duplicate++;
    else if (r.outcome === 'unfounded') notCounted.unfounded++;
    else if (r.abuse_types.length === 0) notCounted.injuryOnly++;
    else notCounted.notSubstantiated++;
  }
  const children = { ...childCounts(), byAgeGroup: zeros(AGE_GROUPS) };
  const adolescents = childCounts();
  for (const reports of perChild.values()) {
    const first = reports.reduce((a, b) => (b.received_at < a.received_at ? b : a));
    const group = ageGroup(ageAt(first));
    const counts: ChildCounts = group === '16-17' ? adolescents : children;
    counts.total++;
    tally(counts.bySex, first.sex);
    if (group !== '16-17') tally(children.byAgeGroup, group);
    for (const t of new Set(reports.flatMap((r) => r.abuse_types))) tally(counts.byAbuseType, t);
    const environments = new Set(reports.map((r) => r.environment).filter((e): e is string => e !== null));
    for (const e of environments.size ? environments : ['unknown']) tally(counts.byEnvironment, e);
    if (reports.some((r) => r.plan_approved)) counts.supported++;
  }
  return {
    period: range.period, from: range.from, to: range.to,
    childrenAbused: children,
    adolescentsAbused: adolescents,
    reports: { total: rows.length, byChannel, byOutcome, notCounted },
    indicators: { verifiedOnTime: verified.toJSON(), planDraftedOnTime: drafted.toJSON(), closedChildSafe: childSafe.toJSON() },
  };
}
