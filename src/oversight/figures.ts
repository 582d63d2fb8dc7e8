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
  case_id: string;
  /** The commune leading the case. */
  commune_code: string;
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

/** A child's age when a report was received: from the birth date, else from the birth year an estimate gives. */
export function ageAt(row: Pick<StatisticsCaseRow, 'date_of_birth' | 'birth_year' | 'received_at'>): number | null {
  if (row.date_of_birth) return ageYears({ date_of_birth: row.date_of_birth, approx_age_years: null }, row.received_at);
  return row.birth_year === null ? null : Number(localDate(row.received_at).slice(0, 4)) - row.birth_year;
}

function childCounts(): ChildCounts {
  return { total: 0, bySex: zeros(SEXES), byAbuseType: zeros(ABUSE_TYPES), byEnvironment: zeros(ENVIRONMENTS), supported: 0 };
}

/** Why a report received in the period counts no abused child. */
export const NOT_COUNTED = ['duplicate', 'unfounded', 'notSubstantiated', 'injuryOnly'] as const;
export type NotCounted = (typeof NOT_COUNTED)[number];

/**
 * Whether a report names an abused child (`counted`): substantiated, neither a duplicate nor
 * unfounded, and of abuse (not an injury only); otherwise why not.
 */
export function reportClass(r: Pick<StatisticsCaseRow, 'substantiated' | 'outcome' | 'abuse_types'>): 'counted' | NotCounted {
  if (r.outcome === 'duplicate') return 'duplicate';
  if (r.outcome === 'unfounded') return 'unfounded';
  if (r.abuse_types.length === 0) return 'injuryOnly';
  return r.substantiated ? 'counted' : 'notSubstantiated';
}

/** Where a case stands: open, or how it closed. */
function outcomeOf(r: Pick<StatisticsCaseRow, 'state' | 'outcome'>): string {
  return r.state === 'closed' && r.outcome ? r.outcome : 'open';
}

/** An abused child of the period: their counted reports, the first of them, and their age group then. */
export interface AbusedChild {
  reports: StatisticsCaseRow[];
  first: StatisticsCaseRow;
  group: AgeGroup | '16-17';
  abuseTypes: Set<string>;
  /** Where the abuse happened, as the reports said; `unknown` when none did. */
  environments: Set<string>;
  supported: boolean;
}

/** The abused children of the rows, each once (by registry record), in the order first seen. */
export function abusedChildren(rows: StatisticsCaseRow[]): AbusedChild[] {
  const perChild = new Map<string, StatisticsCaseRow[]>();
  for (const r of rows) {
    if (reportClass(r) !== 'counted') continue;
    const list = perChild.get(r.child_id) ?? [];
    list.push(r);
    perChild.set(r.child_id, list);
  }
  return [...perChild.values()].map((reports) => {
    const first = reports.reduce((a, b) => (b.received_at < a.received_at ? b : a));
    const environments = new Set(reports.map((r) => r.environment).filter((e): e is string => e !== null));
    return {
      reports, first, group: ageGroup(ageAt(first)), abuseTypes: new Set(reports.flatMap((r) => r.abuse_types)),
      environments: environments.size ? environments : new Set(['unknown']), supported: reports.some((r) => r.plan_approved),
    };
  });
}

/** A report's part in an indicator: counted on time or late, or not counted in it at all (null). */
export function indicatorResult(key: IndicatorKey, r: StatisticsCaseRow): 'on_time' | 'late' | null {
  const outcome = outcomeOf(r);
  const decided = (d: DeadlineOutcome) => (d === 'on_time' || d === 'late' ? d : null);
  switch (key) {
    case 'verifiedOnTime':
      return outcome === 'duplicate' ? null : decided(r.verification);
    case 'planDraftedOnTime':
      return outcome === 'duplicate' || outcome === 'unfounded' ? null : decided(r.plan_drafting);
    case 'closedChildSafe':
      return outcome === 'child_safe' ? 'on_time' : outcome === 'resolved' ? 'late' : null;
  }
}

function share(rows: StatisticsCaseRow[], key: IndicatorKey): Indicator {
  let numerator = 0;
  let denominator = 0;
  for (const r of rows) {
    const result = indicatorResult(key, r);
    if (result === null) continue;
    denominator++;
    if (result === 'on_time') numerator++;
  }
  return { numerator, denominator, rate: rate(numerator, denominator) };
}

/**
 * The statistics of the reports received in a period (Thông tư 13/2021/TT-BLĐTBXH), and the
 * commune plans' indicators over the same reports. The children's figures count children — the
 * registry record each report is linked to (`cases.child_id`), once however many reports name it —
 * whose abuse was substantiated: duplicates, unfounded reports, reports not (yet) found
 * substantiated and reports of an injury only count no child (`reportClass`). A child's age is
 * their age at the first such report of the period; their abuse types and environments are those
 * of all of them (a child is counted once under each). Indicators (definitions in `indicators.ts`,
 * membership in `indicatorResult`):
 * - verified on time: each report's own verification deadline (12 hours for a child in serious
 *   danger, the initial-assessment deadline otherwise), duplicates aside, counted once decided;
 * - plan drafted on time: the plan submitted within 5 working days of receipt, among the reports
 *   neither duplicate nor unfounded, counted once decided;
 * - closed with the child safe: among the cases closed after intervention (child_safe or resolved).
 */
export function statisticsFigures(range: { period: string; from: LocalDate; to: LocalDate }, rows: StatisticsCaseRow[]): Statistics {
  const byChannel = zeros(CHANNELS);
  const byOutcome = zeros(OUTCOMES);
  const notCounted = { duplicate: 0, unfounded: 0, notSubstantiated: 0, injuryOnly: 0 };
  for (const r of rows) {
    tally(byChannel, r.channel);
    tally(byOutcome, outcomeOf(r));
    const cls = reportClass(r);
    if (cls !== 'counted') notCounted[cls]++;
  }
  const children = { ...childCounts(), byAgeGroup: zeros(AGE_GROUPS) };
  const adolescents = childCounts();
  for (const c of abusedChildren(rows)) {
    const counts: ChildCounts = c.group === '16-17' ? adolescents : children;
    counts.total++;
    tally(counts.bySex, c.first.sex);
    if (c.group !== '16-17') tally(children.byAgeGroup, c.group);
    for (const t of c.abuseTypes) tally(counts.byAbuseType, t);
    for (const e of c.environments) tally(counts.byEnvironment, e);
    if (c.supported) counts.supported++;
  }
  return {
    period: range.period, from: range.from, to: range.to,
    childrenAbused: children,
    adolescentsAbused: adolescents,
    reports: { total: rows.length, byChannel, byOutcome, notCounted },
    indicators: {
      verifiedOnTime: share(rows, 'verifiedOnTime'), planDraftedOnTime: share(rows, 'planDraftedOnTime'),
      closedChildSafe: share(rows, 'closedChildSafe'),
    },
  };
}

// ------------------------------------------------------------------ drill-down, trends, comparisons

/** The figures a drill-down opens, and what each may be broken down by. */
export const DRILL_FIGURES = {
  childrenAbused: ['sex', 'ageGroup', 'abuseType', 'environment', 'supported'],
  adolescentsAbused: ['sex', 'abuseType', 'environment', 'supported'],
  reports: ['channel', 'outcome', 'notCounted'],
  verifiedOnTime: ['result'],
  planDraftedOnTime: ['result'],
  closedChildSafe: ['result'],
} as const;
export type DrillFigure = keyof typeof DRILL_FIGURES;
export const DRILL_DIMENSIONS = ['sex', 'ageGroup', 'abuseType', 'environment', 'supported', 'channel', 'outcome', 'notCounted', 'result'] as const;
export type DrillDimension = (typeof DRILL_DIMENSIONS)[number];

export interface DrillCell {
  figure: DrillFigure;
  by?: DrillDimension;
  value?: string;
}

/**
 * The reports behind a figure (or one cell of it), by the same rules that count it: for a
 * children's figure, the counted reports of the children in the cell (for an abuse type or an
 * environment, those of their reports that name it; for `supported`, those with an approved plan);
 * for an indicator, the reports in its denominator, or with `by=result` those on time or late.
 */
export function casesBehind(rows: StatisticsCaseRow[], cell: DrillCell): StatisticsCaseRow[] {
  const { figure, by, value } = cell;
  if (figure === 'childrenAbused' || figure === 'adolescentsAbused') {
    const wanted = abusedChildren(rows).filter((c) => (c.group === '16-17') === (figure === 'adolescentsAbused'));
    return wanted.flatMap((c) => {
      switch (by) {
        case 'sex': return c.first.sex === value ? c.reports : [];
        case 'ageGroup': return c.group === value ? c.reports : [];
        case 'abuseType': return c.reports.filter((r) => r.abuse_types.includes(value ?? ''));
        case 'environment':
          return value === 'unknown' ? (c.environments.has('unknown') ? c.reports : []) : c.reports.filter((r) => r.environment === value);
        case 'supported': return c.reports.filter((r) => r.plan_approved === (value !== 'false'));
        default: return c.reports;
      }
    });
  }
  if (figure === 'reports') {
    switch (by) {
      case 'channel': return rows.filter((r) => r.channel === value);
      case 'outcome': return rows.filter((r) => outcomeOf(r) === value);
      case 'notCounted': return rows.filter((r) => reportClass(r) === value);
      default: return rows;
    }
  }
  return rows.filter((r) => {
    const result = indicatorResult(figure, r);
    return result !== null && (by !== 'result' || result === value);
  });
}

/** `YYYY-MM`: a month. */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Trends span at most this many months. */
export const MAX_TREND_MONTHS = 36;

/** The months `from`..`to` (both `YYYY-MM`, included), in order. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}

/** The headline figures of one month or one commune. */
export interface HeadlineFigures {
  childrenAbused: number;
  adolescentsAbused: number;
  reports: number;
  verifiedOnTime: Indicator;
  planDraftedOnTime: Indicator;
}

function headline(rows: StatisticsCaseRow[]): HeadlineFigures {
  let children = 0;
  let adolescents = 0;
  for (const c of abusedChildren(rows)) {
    if (c.group === '16-17') adolescents++;
    else children++;
  }
  return {
    childrenAbused: children, adolescentsAbused: adolescents, reports: rows.length,
    verifiedOnTime: share(rows, 'verifiedOnTime'), planDraftedOnTime: share(rows, 'planDraftedOnTime'),
  };
}

/** Per month of receipt (Vietnam local), the headline figures of the reports received in it. */
export function monthlyTrend(months: string[], rows: StatisticsCaseRow[]): Array<HeadlineFigures & { month: string }> {
  const byMonth = new Map<string, StatisticsCaseRow[]>(months.map((m) => [m, []]));
  for (const r of rows) byMonth.get(localDate(r.received_at).slice(0, 7))?.push(r);
  return months.map((month) => ({ month, ...headline(byMonth.get(month)!) }));
}

/** Per commune (all those given, in their order, with or without reports), the headline figures of its reports. */
export function communeComparison(
  communes: Array<{ code: string; name: string }>, rows: StatisticsCaseRow[],
): Array<HeadlineFigures & { communeCode: string; name: string }> {
  const byCommune = new Map<string, StatisticsCaseRow[]>(communes.map((c) => [c.code, []]));
  for (const r of rows) byCommune.get(r.commune_code)?.push(r);
  return communes.map((c) => ({ communeCode: c.code, name: c.name, ...headline(byCommune.get(c.code)!) }));
}
