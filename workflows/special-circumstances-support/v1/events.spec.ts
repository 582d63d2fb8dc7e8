import { allTransitions } from '../../graph';
import { SPECIAL_CIRCUMSTANCE_LABELS, SPECIAL_CIRCUMSTANCES } from '../../vocabulary';
import { deadlines } from './deadlines';
import { events } from './events';
import { machine, SYSTEM_EVENTS } from './machine';

describe('special-circumstances-support v1 event contract', () => {
  it('declares exactly the events the machine takes from clients', () => {
    const taken = new Set(allTransitions(machine).map((t) => t.eventType).filter((t) => !(SYSTEM_EVENTS as readonly string[]).includes(t)));
    expect(Object.keys(events).sort()).toEqual([...taken].sort());
  });

  it('leaves every event to the commune’s social workers and supervisors', () => {
    for (const e of Object.values(events)) expect(e.roles).toEqual(['social_worker', 'supervisor']);
  });

  it('labels the 14 groups of Luật Trẻ em Điều 10 khoản 1, points a–o', () => {
    expect(SPECIAL_CIRCUMSTANCES).toHaveLength(14);
    expect(SPECIAL_CIRCUMSTANCES.map((g) => SPECIAL_CIRCUMSTANCE_LABELS[g].point).join('')).toBe('abcdđeghiklmno');
  });

  it('labels its deadlines as product defaults, configurable, each with a ladder of two rungs', () => {
    expect(Object.keys(deadlines)).toEqual(['support_assessment', 'support_plan', 'support_review']);
    for (const d of Object.values(deadlines)) {
      expect(d.legalBasis).toMatch(/Luật Trẻ em 2016 Điều 10, Điều 52 khoản 1.*product default.*configurable/);
      expect(d.escalation.map((s) => s.level)).toEqual([1, 2]);
    }
  });
});
