import { agendaEntry, caseload, weekOf, workingDaysBetween } from './figures';
import type { AgendaRow } from './casework.repository';

const noHolidays = { has: () => false };

describe('casework figures', () => {
  it('a week runs Monday to Sunday in Vietnam time; Sunday ends its own week', () => {
    // Wednesday 4 March 2026, 10:00 in Vietnam.
    expect(weekOf(new Date('2026-03-04T03:00:00Z'))).toEqual({
      today: '2026-03-04', todayEnds: new Date('2026-03-04T17:00:00Z'), weekEnds: '2026-03-08', weekEndsAt: new Date('2026-03-08T17:00:00Z'),
    });
    // Sunday 8 March, 23:30 in Vietnam (16:30 UTC).
    expect(weekOf(new Date('2026-03-08T16:30:00Z')).weekEnds).toBe('2026-03-08');
    // Monday 9 March, 00:30 in Vietnam (still Sunday in UTC).
    expect(weekOf(new Date('2026-03-08T17:30:00Z')).weekEnds).toBe('2026-03-15');
  });

  it('counts working days after today up to the due day, weekends and holidays out', () => {
    expect(workingDaysBetween('2026-03-04', '2026-03-04', noHolidays)).toBe(0);
    expect(workingDaysBetween('2026-03-04', '2026-03-09', noHolidays)).toBe(3);
    expect(workingDaysBetween('2026-03-04', '2026-03-09', { has: (d: string) => d === '2026-03-05' })).toBe(2);
  });

  it('sums each worker’s stages, orders stages as the workflow runs and workers by load, keeps idle workers and the unassigned apart', () => {
    const row = (assignee_id: string | null, state: string, open: number, overdue = 0) => ({ assignee_id, state, open, overdue, due_this_week: 1, high_risk: 0 });
    const worker = (id: string, full_name: string) => ({ id, full_name, role: 'social_worker', commune_code: 'van-son', active: true });
    const out = caseload(
      [row('a', 'planning', 1), row('a', 'received', 2, 1), row(null, 'received', 4), row('ghost', 'received', 1)],
      [worker('b', 'Bình'), worker('a', 'An')],
      ['received', 'verifying', 'planning'],
    );
    expect(out.workers.map((w) => [w.userId, w.open, w.overdue, w.dueThisWeek, w.byStage])).toEqual([
      ['a', 3, 1, 2, [{ state: 'received', count: 2 }, { state: 'planning', count: 1 }]],
      ['b', 0, 0, 0, []],
    ]);
    expect(out.unassigned).toEqual({ open: 4, overdue: 0, dueThisWeek: 1, highRisk: 0, byStage: [{ state: 'received', count: 4 }] });
  });

  it('places a deadline late, today or this week; a decision is the chair’s; midnight belongs to the day before', () => {
    const now = new Date('2026-03-04T03:00:00Z');
    const week = weekOf(now);
    const r = (key: string, due: string, status = 'pending'): AgendaRow => ({
      id: 'd', case_id: 'c', code: 'VS-1', commune_code: 'van-son', commune_name: 'Xã Vân Sơn', state: 'planning', key, title_vi: 'x', title_en: 'x',
      due_at: new Date(due), status, assignee_id: 'w', assignee_name: 'An', chair_id: 'ch', chair_name: 'Chủ tịch',
    });
    expect(agendaEntry(r('initial_assessment', '2026-03-04T17:00:00Z'), now, week, noHolidays)).toMatchObject({ when: 'today', workingDaysLeft: 0, secondsLeft: 14 * 3600 });
    // Due at the end of Friday (Saturday 00:00 in Vietnam): two working days after today.
    expect(agendaEntry(r('plan_submission', '2026-03-06T17:00:00Z'), now, week, noHolidays)).toMatchObject({ when: 'this_week', workingDaysLeft: 2 });
    expect(agendaEntry(r('plan_submission', '2026-03-04T02:00:00Z'), now, week, noHolidays)).toMatchObject({ when: 'overdue', secondsLeft: -3600, workingDaysLeft: 0 });
    expect(agendaEntry(r('plan_approval', '2026-03-05T03:00:00Z'), now, week, noHolidays).owedBy).toEqual({ type: 'chair', id: 'ch', name: 'Chủ tịch' });
    expect(agendaEntry(r('review', '2026-03-05T03:00:00Z'), now, week, noHolidays).owedBy).toEqual({ type: 'worker', id: 'w', name: 'An' });
  });
});
