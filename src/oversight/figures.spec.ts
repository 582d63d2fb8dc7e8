import {
  ageAt, ageGroup, agencyFigures, casesBehind, communeComparison, DrillCell, monthlyTrend, monthsBetween, deadlineFigures, localRange, rate, stageFigures, statisticsFigures, StatisticsCaseRow,
} from './figures';
import { DEFAULT_CALENDAR, periodRange } from './report-calendar';

/** A statistics period under the default calendar. */
const parsePeriod = (period: string) => periodRange(period, DEFAULT_CALENDAR);

const at = (iso: string) => new Date(iso);

describe('periods and ranges', () => {
  it('reads halves and years as Vietnam local days', () => {
    expect(parsePeriod('2026-H1')).toEqual({
      period: '2026-H1', from: '2026-01-01', to: '2026-06-30',
      start: at('2025-12-31T17:00:00Z'), end: at('2026-06-30T17:00:00Z'),
    });
    expect(parsePeriod('2026-H2')).toMatchObject({ from: '2026-07-01', to: '2026-12-31', end: at('2026-12-31T17:00:00Z') });
    expect(parsePeriod('2026')).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('refuses anything else', () => {
    for (const bad of ['2026-H3', '2026-h1', '26', '2026-Q1', '1999', '2101', '', ' 2026']) expect(parsePeriod(bad)).toBeNull();
  });

  it('includes both ends of a range of days', () => {
    expect(localRange('2026-03-01', '2026-03-01')).toEqual({
      from: '2026-03-01', to: '2026-03-01', start: at('2026-02-28T17:00:00Z'), end: at('2026-03-01T17:00:00Z'),
    });
  });
});

describe('rates', () => {
  it('is a fraction with four decimals, null without a denominator', () => {
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(3, 3)).toBe(1);
    expect(rate(0, 0)).toBeNull();
  });
});

describe('SLA figures', () => {
  it('orders deadline keys as the workflows do, titles them, and rates only the decided ones', () => {
    const specs = [
      { key: 'initial_assessment', titleVi: 'Xác minh', titleEn: 'Verify' },
      { key: 'plan_submission', titleVi: 'Kế hoạch', titleEn: 'Plan' },
      { key: 'review', titleVi: 'Rà soát', titleEn: 'Review' },
    ];
    const figures = deadlineFigures([
      { key: 'plan_submission', on_time: 3, late: 1, open: 2 },
      { key: 'zeta', on_time: 0, late: 0, open: 1 },
      { key: 'review', on_time: 0, late: 0, open: 0 },
      { key: 'initial_assessment', on_time: 1, late: 0, open: 0 },
    ], specs);
    expect(figures).toEqual([
      { key: 'initial_assessment', titleVi: 'Xác minh', titleEn: 'Verify', total: 1, onTime: 1, late: 0, open: 0, onTimeRate: 1 },
      { key: 'plan_submission', titleVi: 'Kế hoạch', titleEn: 'Plan', total: 6, onTime: 3, late: 1, open: 2, onTimeRate: 0.75 },
      { key: 'zeta', titleVi: 'zeta', titleEn: 'zeta', total: 1, onTime: 0, late: 0, open: 1, onTimeRate: null },
    ]);
  });

  it('rates agencies over their acceptance and completion deadlines, sorted by name', () => {
    expect(agencyFigures([
      { agency_id: 'b', name: 'Trạm Y tế', type: 'health_station', total: 2, accepted_on_time: 2, completed_on_time: 1, on_time: 3, late: 1 },
      { agency_id: 'a', name: 'Công an', type: 'commune_police', total: 1, accepted_on_time: 0, completed_on_time: 0, on_time: 0, late: 0 },
    ])).toEqual([
      { agencyId: 'a', name: 'Công an', type: 'commune_police', total: 1, acceptedOnTime: 0, completedOnTime: 0, onTimeRate: null },
      { agencyId: 'b', name: 'Trạm Y tế', type: 'health_station', total: 2, acceptedOnTime: 2, completedOnTime: 1, onTimeRate: 0.75 },
    ]);
  });

  it('orders stages as the workflow runs and rounds hours to two decimals', () => {
    expect(stageFigures([
      { stage: 'planning', count: 2, median_hours: 10.123, p90_hours: 20.456 },
      { stage: 'received', count: 1, median_hours: 1, p90_hours: 1 },
    ], ['received', 'verifying', 'planning'])).toEqual([
      { stage: 'received', count: 1, medianHours: 1, p90Hours: 1 },
      { stage: 'planning', count: 2, medianHours: 10.12, p90Hours: 20.46 },
    ]);
  });
});

describe('statistics', () => {
  it('groups ages as the child statistics do: children under 16, 16–17 apart', () => {
    expect([0, 5, 6, 10, 11, 15, 16, 17, 18, -1, null].map(ageGroup))
      .toEqual(['0-5', '0-5', '6-10', '6-10', '11-15', '11-15', '16-17', '16-17', 'unknown', 'unknown', 'unknown']);
  });

  it('takes the age at receipt from the birth date, else from the estimated birth year', () => {
    const received_at = at('2026-03-02T01:00:00Z');
    expect(ageAt({ received_at, date_of_birth: '2010-03-03', birth_year: 2010 })).toBe(15);
    expect(ageAt({ received_at, date_of_birth: '2010-03-02', birth_year: 2010 })).toBe(16);
    expect(ageAt({ received_at, date_of_birth: null, birth_year: 2009 })).toBe(17);
    expect(ageAt({ received_at, date_of_birth: null, birth_year: null })).toBeNull();
  });

  const base: StatisticsCaseRow = {
    case_id: 'case', commune_code: 'van-son', received_at: at('2026-03-02T01:00:00Z'),
    channel: 'hotline_111', abuse_types: ['physical_violence'], state: 'intervening', outcome: null, substantiated: true,
    environment: 'family', child_id: 'lan', sex: 'female', date_of_birth: '2015-04-01', birth_year: 2015,
    plan_approved: false, verification: 'on_time', plan_drafting: 'on_time',
  };
  const range = parsePeriod('2026-H1')!;

  it('counts each abused child once, by sex, age, abuse type and environment, and leaves out what is not abuse', () => {
    const rows: StatisticsCaseRow[] = [
      // Lan (10): two substantiated reports — counted once, under both her abuse types and both environments.
      { ...base, plan_approved: true },
      { ...base, received_at: at('2026-04-01T01:00:00Z'), abuse_types: ['neglect'], environment: 'school', verification: 'late' },
      // Minh (15, by estimate), male: substantiated, no environment given.
      { ...base, child_id: 'minh', sex: 'male', date_of_birth: null, birth_year: 2011, environment: null, plan_drafting: 'late' },
      // Hoa turns 16 before her report: reported apart.
      { ...base, child_id: 'hoa', date_of_birth: '2010-01-01', birth_year: 2010, abuse_types: ['sexual_abuse'], environment: 'online' },
      // Tú (17): reported apart.
      { ...base, child_id: 'tu', sex: 'male', date_of_birth: null, birth_year: 2009, plan_approved: true },
      // A duplicate of Lan's report, an unfounded one, one not yet verified, an injury only: no child counted.
      { ...base, state: 'closed', outcome: 'duplicate', verification: null, plan_drafting: null },
      { ...base, child_id: 'an', substantiated: false, state: 'closed', outcome: 'unfounded', verification: 'late', plan_drafting: null },
      { ...base, child_id: 'binh', substantiated: false, state: 'received', verification: 'open', plan_drafting: 'open' },
      { ...base, child_id: 'cuc', abuse_types: [], state: 'closed', outcome: 'child_safe' },
    ];
    const s = statisticsFigures(range, rows);
    expect(s.childrenAbused).toEqual({
      total: 2, supported: 1,
      bySex: { female: 1, male: 1, unknown: 0 },
      byAgeGroup: { '0-5': 0, '6-10': 1, '11-15': 1, unknown: 0 },
      byAbuseType: { ...zeros, physical_violence: 2, neglect: 1 },
      byEnvironment: { family: 1, school: 1, community: 0, online: 0, care_facility: 0, other: 0, unknown: 1 },
    });
    expect(s.adolescentsAbused).toEqual({
      total: 2, supported: 1,
      bySex: { female: 1, male: 1, unknown: 0 },
      byAbuseType: { ...zeros, physical_violence: 1, sexual_abuse: 1 },
      byEnvironment: { family: 1, school: 0, community: 0, online: 1, care_facility: 0, other: 0, unknown: 0 },
    });
    expect(s.reports).toMatchObject({
      total: 9, byOutcome: { open: 6, child_safe: 1, resolved: 0, unfounded: 1, duplicate: 1 },
      notCounted: { duplicate: 1, unfounded: 1, notSubstantiated: 1, injuryOnly: 1 },
    });
    expect(s.indicators).toEqual({
      // Not the duplicate; decided: 7 (Bình's still runs), on time 5.
      verifiedOnTime: { numerator: 5, denominator: 7, rate: 0.7143 },
      // Neither the duplicate nor the unfounded one; decided: 6, on time 5.
      planDraftedOnTime: { numerator: 5, denominator: 6, rate: 0.8333 },
      closedChildSafe: { numerator: 1, denominator: 1, rate: 1 },
    });
  });

  it('takes a child’s age from their first report of the period', () => {
    const rows = [
      { ...base, child_id: 'x', date_of_birth: '2010-03-10', received_at: at('2026-03-02T01:00:00Z') }, // 15
      { ...base, child_id: 'x', date_of_birth: '2010-03-10', received_at: at('2026-04-02T01:00:00Z') }, // 16 by then
    ];
    const s = statisticsFigures(range, rows);
    expect(s.childrenAbused.byAgeGroup['11-15']).toBe(1);
    expect(s.adolescentsAbused.total).toBe(0);
  });
});

describe('drill-down, trends, comparisons', () => {
  const row = (over: Partial<StatisticsCaseRow>): StatisticsCaseRow => ({
    case_id: 'x', commune_code: 'van-son', received_at: at('2026-03-02T01:00:00Z'), channel: 'hotline_111', abuse_types: ['physical_violence'],
    state: 'intervening', outcome: null, substantiated: true, environment: null, child_id: 'x', sex: 'female', date_of_birth: '2015-04-01',
    birth_year: 2015, plan_approved: false, verification: 'on_time', plan_drafting: 'open', ...over,
  });
  const rows = [
    row({ case_id: 'lan1', child_id: 'lan', environment: 'family', plan_approved: true }),
    row({ case_id: 'lan2', child_id: 'lan', abuse_types: ['neglect'], environment: 'school', received_at: at('2026-04-10T01:00:00Z') }),
    row({ case_id: 'dup', child_id: 'lan', state: 'closed', outcome: 'duplicate', verification: null }),
    row({ case_id: 'hoa', child_id: 'hoa', date_of_birth: '2010-01-01', commune_code: 'ngoc-lien', verification: 'late' }),
    row({ case_id: 'minh', child_id: 'minh', sex: 'male', substantiated: false, state: 'closed', outcome: 'unfounded' }),
  ];
  const ids = (cell: DrillCell) => casesBehind(rows, cell).map((r) => r.case_id);

  it('finds the reports behind each figure by the rules that count it', () => {
    expect(ids({ figure: 'childrenAbused' })).toEqual(['lan1', 'lan2']);
    expect(ids({ figure: 'childrenAbused', by: 'environment', value: 'school' })).toEqual(['lan2']);
    expect(ids({ figure: 'childrenAbused', by: 'abuseType', value: 'physical_violence' })).toEqual(['lan1']);
    expect(ids({ figure: 'childrenAbused', by: 'ageGroup', value: '6-10' })).toEqual(['lan1', 'lan2']);
    expect(ids({ figure: 'childrenAbused', by: 'ageGroup', value: '11-15' })).toEqual([]);
    expect(ids({ figure: 'childrenAbused', by: 'supported', value: 'true' })).toEqual(['lan1']);
    expect(ids({ figure: 'adolescentsAbused' })).toEqual(['hoa']);
    expect(ids({ figure: 'reports', by: 'notCounted', value: 'duplicate' })).toEqual(['dup']);
    expect(ids({ figure: 'reports', by: 'outcome', value: 'unfounded' })).toEqual(['minh']);
    expect(ids({ figure: 'verifiedOnTime' })).toEqual(['lan1', 'lan2', 'hoa', 'minh']);
    expect(ids({ figure: 'verifiedOnTime', by: 'result', value: 'late' })).toEqual(['hoa']);
  });

  it('gives every month of a range and every commune compared, zeros included', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2026-01')).toEqual([]);
    const trend = monthlyTrend(['2026-02', '2026-03', '2026-04'], rows);
    expect(trend.map((m) => [m.month, m.childrenAbused, m.adolescentsAbused, m.reports])).toEqual([
      ['2026-02', 0, 0, 0], ['2026-03', 1, 1, 4], ['2026-04', 1, 0, 1],
    ]);
    const communes = communeComparison([{ code: 'ngoc-lien', name: 'Ngọc Liên' }, { code: 'van-son', name: 'Vân Sơn' }, { code: 'x', name: 'X' }], rows);
    expect(communes.map((c) => [c.communeCode, c.childrenAbused, c.adolescentsAbused, c.reports, c.verifiedOnTime.rate])).toEqual([
      ['ngoc-lien', 0, 1, 1, 0], ['van-son', 1, 0, 4, 1], ['x', 0, 0, 0, null],
    ]);
  });
});

const zeros = {
  physical_violence: 0, psychological_violence: 0, sexual_abuse: 0, exploitation: 0, trafficking: 0, abduction: 0,
  abandonment: 0, neglect: 0, online_abuse: 0, other: 0,
};
