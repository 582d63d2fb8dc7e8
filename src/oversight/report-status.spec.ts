import { ROLES } from '../identity/roles';
import { mayTake, nextStatus, REPORT_ACTIONS, REPORT_STATUSES, type ReportStatus } from './report-status';

describe('report status', () => {
  it('runs drafted → approved → sent, and nothing else', () => {
    const table = [null, ...REPORT_STATUSES].map((s) => [s, ...REPORT_ACTIONS.map((a) => nextStatus(s, a))]);
    expect(table).toEqual([
      [null, 'drafted', null, null],
      ['drafted', 'drafted', 'approved', null],
      ['approved', 'drafted', null, 'sent'],
      ['sent', null, null, null],
    ]);
  });

  it('lets the supervisor draft, the chair approve, either send', () => {
    const who = Object.fromEntries(REPORT_ACTIONS.map((a) => [a, ROLES.filter((r) => mayTake(a, r))]));
    expect(who).toEqual({ draft: ['supervisor'], approve: ['chair'], send: ['supervisor', 'chair'] });
  });

  it('reaches “sent” from nothing by every path of allowed actions, never leaving it (model walk)', () => {
    const seen = new Set<ReportStatus | null>([null]);
    const frontier: Array<ReportStatus | null> = [null];
    while (frontier.length) {
      const s = frontier.pop()!;
      for (const a of REPORT_ACTIONS) {
        const n = nextStatus(s, a);
        if (n !== null && !seen.has(n)) {
          seen.add(n);
          frontier.push(n);
        }
      }
    }
    expect([...seen].sort()).toEqual(['approved', 'drafted', 'sent', null].sort());
    expect(REPORT_ACTIONS.map((a) => nextStatus('sent', a))).toEqual([null, null, null]);
  });
});
