import { allTransitions } from '../../graph';
import { deadlines } from './deadlines';
import { events } from './events';
import { machine } from './machine';

describe('commune-transfer v1 event contract', () => {
  it('declares exactly the events the machine takes from clients', () => {
    const taken = new Set(allTransitions(machine).map((t) => t.eventType).filter((t) => t !== 'DEADLINE_EXPIRED'));
    expect(Object.keys(events).sort()).toEqual([...taken].sort());
  });

  it('leaves the decision to the receiving commune and the withdrawal to the commune leading the case', () => {
    expect(events.ACCEPT_TRANSFER.membership).toBe('receiving_commune');
    expect(events.DECLINE_TRANSFER.membership).toBe('receiving_commune');
    expect(events.CANCEL_TRANSFER.membership).toBe('lead_commune');
    expect(events.ACCEPT_TRANSFER.fields.map((f) => [f.key, f.kind])).toEqual([['assigneeId', 'assignee']]);
  });

  it('gives the receiving commune one working day, then climbs to the leading commune', () => {
    const d = deadlines.transfer_decision;
    expect(d.rule).toEqual({ workingDays: 1 });
    expect(d.legalBasis).toContain('product default');
    expect(d.escalation.map((s) => [s.level, s.afterHours, s.audience])).toEqual([
      [1, 0, ['receiving_agency', 'receiving_agency_head']],
      [2, 24, ['receiving_agency_head', 'supervisors', 'chair']],
    ]);
  });
});
