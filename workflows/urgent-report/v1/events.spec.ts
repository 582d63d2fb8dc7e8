import { allTransitions } from '../../graph';
import { deadlines } from './deadlines';
import { events } from './events';
import { machine } from './machine';

describe('urgent-report v1 event contract', () => {
  it('declares exactly the events the machine takes from clients', () => {
    const taken = new Set(allTransitions(machine).map((t) => t.eventType).filter((t) => t !== 'DEADLINE_EXPIRED'));
    expect(Object.keys(events).sort()).toEqual([...taken].sort());
  });

  it('leaves receipt to the commune’s chair and acknowledgement to the Department of Health it is addressed to', () => {
    expect([events.RECEIVE.roles, events.RECEIVE.membership]).toEqual([['chair'], 'lead_commune']);
    expect([events.ACKNOWLEDGE.roles, events.ACKNOWLEDGE.membership]).toEqual([['supervisor', 'auditor'], 'receiving_agency']);
    for (const e of ['SUBMIT_REPORT', 'CLOSE_REPORT', 'WITHDRAW']) expect(events[e].membership).toBe('lead_commune');
    expect(events.SUBMIT_REPORT.fields.filter((f) => !f.optional).map((f) => f.key))
      .toEqual(['summary', 'occurredAt', 'location', 'children', 'consequences', 'actionsTaken']);
  });

  it('gives both 24 hours (a labelled product default) from the opening, then climbs', () => {
    for (const d of Object.values(deadlines)) {
      expect([d.rule, d.anchor]).toEqual([{ hours: 24 }, 'transition']);
      expect(d.legalBasis).toContain('product default');
      expect(d.escalation.map((s) => s.level)).toEqual([1, 2]);
    }
    expect(deadlines.urgent_report_province.escalation[1].audience).toEqual(['receiving_agency_head', 'chair']);
  });
});
