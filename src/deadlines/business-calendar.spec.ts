import { dueAt, localDate, nthWorkingDayAfter } from './business-calendar';

const none = new Set<string>();
// Tết Bính Ngọ 2026 (as seeded): Saturday 14 February to Sunday 22 February.
const tet2026 = new Set(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
const vn = (local: string) => new Date(`${local}+07:00`);

describe('business calendar (Asia/Ho_Chi_Minh)', () => {
  it('reads local dates at UTC+7, including just after local midnight', () => {
    expect(localDate(new Date('2026-03-01T16:59:59Z'))).toBe('2026-03-01');
    expect(localDate(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
  });

  it('counts hours as elapsed time, across a weekend', () => {
    expect(dueAt(vn('2026-03-06T20:00:00'), { hours: 12 }, none)).toEqual(vn('2026-03-07T08:00:00'));
  });

  it('counts calendar days as elapsed time', () => {
    expect(dueAt(vn('2026-01-31T10:00:00'), { calendarDays: 30 }, none)).toEqual(vn('2026-03-02T10:00:00'));
  });

  it('a report received Friday evening: 5 working days end next Friday at 24:00', () => {
    expect(dueAt(vn('2026-03-06T21:30:00'), { workingDays: 5 }, none)).toEqual(vn('2026-03-14T00:00:00'));
  });

  it('a report received on a Sunday counts from Monday', () => {
    expect(nthWorkingDayAfter(vn('2026-03-08T09:00:00'), 1, none)).toBe('2026-03-09');
  });

  it('skips a weekend and a holiday: 30/4 and 1/5 2026 fall on Thursday and Friday', () => {
    const h = new Set(['2026-04-30', '2026-05-01']);
    // Wed 29/4 → Mon 4, Tue 5, Wed 6, Thu 7, Fri 8 May.
    expect(dueAt(vn('2026-04-29T10:00:00'), { workingDays: 5 }, h)).toEqual(vn('2026-05-09T00:00:00'));
  });

  it('a report on the eve of Tết waits out the whole holiday', () => {
    // Friday 13/2/2026, the last working day before Tết: Mon 23, Tue 24, Wed 25, Thu 26, Fri 27 Feb.
    expect(dueAt(vn('2026-02-13T16:00:00'), { workingDays: 5 }, tet2026)).toEqual(vn('2026-02-28T00:00:00'));
    expect(dueAt(vn('2026-02-13T16:00:00'), { hours: 12 }, tet2026)).toEqual(vn('2026-02-14T04:00:00'));
  });

  it('crosses a year end with the New Year holiday', () => {
    const h = new Set(['2027-01-01']);
    // Wed 30/12/2026 → Thu 31, (Fri 1/1 holiday), Mon 4, Tue 5 → 3rd working day is 5 January.
    expect(nthWorkingDayAfter(vn('2026-12-30T23:00:00'), 3, h)).toBe('2027-01-05');
  });

  it('an instant late in the local day still belongs to that day', () => {
    // 23:30 local on Monday is 16:30 UTC the same day: the count starts Tuesday.
    expect(nthWorkingDayAfter(vn('2026-03-09T23:30:00'), 1, none)).toBe('2026-03-10');
  });

  it('refuses a non-positive count', () => {
    expect(() => dueAt(vn('2026-03-09T10:00:00'), { workingDays: 0 }, none)).toThrow(RangeError);
  });
});
