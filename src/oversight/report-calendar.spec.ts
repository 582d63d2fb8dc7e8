import { DEFAULT_CALENDAR, isDayOfYear, periodRange, reportOf, reportsDueSoon, type CalendarEntry } from './report-calendar';

/** A province that closes its figures on 14 June and 14 December (NĐ 09/2019/NĐ-CP Điều 12). */
const MID_MONTH: CalendarEntry[] = [
  { kind: 'six_month', periodStart: '12-15', periodEnd: '06-14', due: '06-20', recipients: 'Sở Y tế tỉnh B' },
  { kind: 'annual', periodStart: '12-15', periodEnd: '12-14', due: '12-20', recipients: 'Sở Y tế tỉnh B' },
];

describe('report calendar', () => {
  it('by default: January–June due 10 July, after its period ended; the year due 15 January', () => {
    expect(reportOf(DEFAULT_CALENDAR, 'six_month', 2026)).toEqual({
      report: '2026-H1', kind: 'six_month', from: '2026-01-01', to: '2026-06-30', due: '2026-07-10', recipients: 'Sở Y tế',
    });
    expect(reportOf(DEFAULT_CALENDAR, 'annual', 2026)).toMatchObject({ report: '2026', from: '2026-01-01', to: '2026-12-31', due: '2027-01-15' });
    expect(periodRange('2026-H2', DEFAULT_CALENDAR)).toMatchObject({ from: '2026-07-01', to: '2026-12-31' });
  });

  it('follows a province’s own cut-offs, the period starting in the year before', () => {
    expect(reportOf(MID_MONTH, 'six_month', 2026)).toMatchObject({ from: '2025-12-15', to: '2026-06-14', due: '2026-06-20' });
    expect(reportOf(MID_MONTH, 'annual', 2026)).toMatchObject({ from: '2025-12-15', to: '2026-12-14', due: '2026-12-20' });
    expect(periodRange('2026-H1', MID_MONTH)).toMatchObject({ from: '2025-12-15', to: '2026-06-14', start: new Date('2025-12-14T17:00:00Z') });
    expect(periodRange('2026-H2', MID_MONTH)).toMatchObject({ from: '2026-06-15', to: '2026-12-14' });
    expect(periodRange('2026-Q1', MID_MONTH)).toBeNull();
    expect(periodRange('1999', MID_MONTH)).toBeNull();
  });

  it('names the reports due within the lead days, up to the due date itself', () => {
    expect(reportsDueSoon('2026-07-02', DEFAULT_CALENDAR)).toEqual([]);
    expect(reportsDueSoon('2026-07-03', DEFAULT_CALENDAR).map((r) => r.report)).toEqual(['2026-H1']);
    expect(reportsDueSoon('2026-07-10', DEFAULT_CALENDAR).map((r) => r.report)).toEqual(['2026-H1']);
    expect(reportsDueSoon('2026-07-11', DEFAULT_CALENDAR)).toEqual([]);
    // The annual report of 2026 is due in January 2027.
    expect(reportsDueSoon('2027-01-10', DEFAULT_CALENDAR).map((r) => [r.report, r.due])).toEqual([['2026', '2027-01-15']]);
    expect(reportsDueSoon('2026-06-14', MID_MONTH).map((r) => r.report)).toEqual(['2026-H1']);
    expect(reportsDueSoon('2026-06-21', MID_MONTH)).toEqual([]);
    expect(reportsDueSoon('2026-07-09', DEFAULT_CALENDAR, 1).map((r) => r.report)).toEqual(['2026-H1']);
    expect(reportsDueSoon('2026-07-08', DEFAULT_CALENDAR, 1)).toEqual([]);
  });

  it('knows the days of a year', () => {
    expect(['01-01', '02-28', '12-31', '04-30'].every(isDayOfYear)).toBe(true);
    expect(['02-29', '04-31', '13-01', '1-01', '00-10'].some(isDayOfYear)).toBe(false);
  });
});
