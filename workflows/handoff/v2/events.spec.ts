import { allTransitions } from '../../graph';
import { events } from './events';
import { machine } from './machine';

describe('handoff v2 event contract', () => {
  it('declares exactly the events the machine takes from clients', () => {
    const taken = new Set(allTransitions(machine).map((t) => t.eventType).filter((t) => t !== 'DEADLINE_EXPIRED'));
    expect(Object.keys(events).sort()).toEqual([...taken].sort());
  });

  it('leaves the agency’s work to the agency’s members and the withdrawal to the commune’s case staff', () => {
    for (const type of ['ACCEPT', 'DECLINE', 'START', 'COMPLETE', 'RECORD_PROCEDURE_STATUS']) expect(events[type].membership).toBe('receiving_agency');
    expect(events.CANCEL.membership).toBeUndefined();
    expect(events.CANCEL.roles).toEqual(['social_worker', 'supervisor']);
    expect(events.RECORD_PROCEDURE_STATUS.roles).toEqual(['police']);
  });
});
