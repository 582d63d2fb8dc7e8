import {
  ageGroup, agencyFigures, deadlineFigures, localRange, parsePeriod, rate, stageFigures, statisticsFigures, StatisticsCaseRow,
} from './figures';

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
  it('groups ages as the child statistics do', () => {
    expect([0, 5, 6, 10, 11, 15, 16, 17, 18, -1, null].map(ageGroup))
      .toEqual(['0-5', '0-5', '6-10', '6-10', '11-15', '11-15', '16-17', '16-17', 'unknown', 'unknown', 'unknown']);
  });

  const base: StatisticsCaseRow = {
    received_at: at('2026-03-02T01:00:00Z'), // Monday 08:00 in Vietnam
    channel: 'hotline_111', abuse_types: ['physical_violence'], state: 'intervening', outcome: null,
    sex: 'female', date_of_birth: '2015-04-01', approx_age_years: null, verified_at: null, plan_approved_at: null,
  };
  const range = parsePeriod('2026-H1')!;
  // Five working days after Monday 2 March 2026 end at 24:00 on Monday 9 March.
  const planDue = at('2026-03-09T17:00:00Z');

  it('counts every figure and the three indicators exactly', () => {
    const rows: StatisticsCaseRow[] = [
      { ...base, verified_at: at('2026-03-02T13:00:00Z'), plan_approved_at: planDue, state: 'closed', outcome: 'child_safe' },
      { ...base, abuse_types: ['sexual_abuse', 'online_abuse'], sex: 'male', date_of_birth: null, approx_age_years: 16,
        channel: 'school', verified_at: at('2026-03-02T13:00:01Z'), plan_approved_at: at('2026-03-09T17:00:01Z'), state: 'closed', outcome: 'resolved' },
      { ...base, sex: null, date_of_birth: null, verified_at: at('2026-03-02T02:00:00Z'), state: 'closed', outcome: 'unfounded' },
      { ...base, state: 'closed', outcome: 'duplicate' },
      { ...base, date_of_birth: '2021-03-02' }, // five on the day of receipt; never verified
    ];
    const s = statisticsFigures(range, rows, { now: at('2026-06-01T00:00:00Z'), holidays: new Set() });
    expect(s).toMatchObject({ period: '2026-H1', from: '2026-01-01', to: '2026-06-30', totals: { cases: 5 } });
    expect(s.byAbuseType).toMatchObject({ physical_violence: 4, sexual_abuse: 1, online_abuse: 1, neglect: 0 });
    expect(s.bySex).toEqual({ female: 3, male: 1, unknown: 1 });
    expect(s.byAgeGroup).toEqual({ '0-5': 1, '6-10': 2, '11-15': 0, '16-17': 1, unknown: 1 });
    expect(s.byChannel).toMatchObject({ hotline_111: 4, school: 1, police: 0 });
    expect(s.byOutcome).toEqual({ open: 1, child_safe: 1, resolved: 1, unfounded: 1, duplicate: 1 });
    expect(s.indicators).toEqual({
      // Not the duplicate; verified in time: the first and the unfounded one.
      verifiedWithin12h: { numerator: 2, denominator: 4, rate: 0.5 },
      // Neither the duplicate nor the unfounded one; approved by 24:00 on the fifth working day: the first only.
      planApprovedWithin5WorkingDays: { numerator: 1, denominator: 3, rate: 0.3333 },
      closedChildSafe: { numerator: 1, denominator: 2, rate: 0.5 },
    });
  });

  it('leaves out of an indicator the cases whose time has not run out yet', () => {
    const now = at('2026-03-02T12:59:59Z'); // 11 h 59 min 59 s after receipt
    const s = statisticsFigures(range, [base, { ...base, verified_at: at('2026-03-02T02:00:00Z') }], { now, holidays: new Set() });
    expect(s.indicators.verifiedWithin12h).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(s.indicators.planApprovedWithin5WorkingDays).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(s.indicators.closedChildSafe).toEqual({ numerator: 0, denominator: 0, rate: null });
  });

  it('counts working days past the holidays it is given', () => {
    const holidays = new Set(['2026-03-03']);
    const approved = at('2026-03-10T10:00:00Z'); // after the plain due date, before the one moved by the holiday
    const s = statisticsFigures(range, [{ ...base, plan_approved_at: approved }], { now: at('2026-06-01T00:00:00Z'), holidays });
    expect(s.indicators.planApprovedWithin5WorkingDays).toEqual({ numerator: 1, denominator: 1, rate: 1 });
  });
});
