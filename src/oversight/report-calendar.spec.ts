import { reportDueSoon } from './report-calendar';

describe('report calendar', () => {
  it('names the 6-month report from 3 May to 10 May', () => {
    expect(reportDueSoon('2026-05-02')).toBeNull();
    expect(reportDueSoon('2026-05-03')).toEqual({ report: '2026-H1', due: '2026-05-10' });
    expect(reportDueSoon('2026-05-10')).toEqual({ report: '2026-H1', due: '2026-05-10' });
    expect(reportDueSoon('2026-05-11')).toBeNull();
  });

  it('names the annual report from 3 November to 10 November', () => {
    expect(reportDueSoon('2026-11-02')).toBeNull();
    expect(reportDueSoon('2026-11-03')).toEqual({ report: '2026', due: '2026-11-10' });
    expect(reportDueSoon('2026-11-10')).toEqual({ report: '2026', due: '2026-11-10' });
    expect(reportDueSoon('2026-11-24')).toBeNull();
  });

  it('takes the lead time as a parameter', () => {
    expect(reportDueSoon('2027-05-09', 1)).toEqual({ report: '2027-H1', due: '2027-05-10' });
    expect(reportDueSoon('2027-05-08', 1)).toBeNull();
  });
});
