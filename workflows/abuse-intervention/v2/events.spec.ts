import { events } from './events';
import { machine, SYSTEM_EVENTS } from './machine';
import { allTransitions } from '../../graph';

describe('abuse-intervention v2 event contract', () => {
  it('lets only the chair approve a plan, and only supervisors or the chair reopen', () => {
    expect(events.APPROVE_PLAN.roles).toEqual(['chair']);
    expect(events.REOPEN.roles).not.toContain('social_worker');
    for (const c of Object.values(events)) {
      expect(c.roles).not.toContain('police');
      expect(c.roles).not.toContain('auditor');
    }
  });

  it('never gives one role both the authoring and the approval of a plan (separation of duties)', () => {
    const authors = events.SUBMIT_PLAN.roles;
    expect(events.APPROVE_PLAN.roles.filter((r) => authors.includes(r))).toEqual([]);
    expect(events.REJECT_PLAN.roles.filter((r) => authors.includes(r))).toEqual([]);
  });

  it('lets only the chair choose who signs a decision (a vice-chair on the chair’s behalf)', () => {
    for (const type of ['APPROVE_PLAN', 'APPROVE_CLOSURE']) {
      const signer = events[type].fields.find((f) => f.key === 'signerTitle')!;
      expect(signer).toMatchObject({ kind: 'choice', options: ['chair', 'vice_chair'], default: 'chair', optional: true, optionRoles: { vice_chair: ['chair'] } });
      expect(events[type].fields.find((f) => f.key === 'effectiveOn')).toMatchObject({ optional: true });
      expect(events[type].decision).toBe(true);
    }
  });

  it('sends the forensic examination to the police, who request it from forensic medicine', () => {
    const actions = events.SUBMIT_PLAN.fields.find((f) => f.key === 'actions')!;
    expect(actions).toMatchObject({ kind: 'records', agencyFixed: ['forensic_exam'] });
    expect(actions.kind === 'records' && actions.agencyDefaults?.forensic_exam).toBe('commune_police');
  });

  it('asks the emergency measures for the instructions, the child’s location and the social worker’s contact, API.md’s `{measures}` alone still valid', () => {
    const keys = (optional: boolean) => events.APPLY_EMERGENCY_MEASURES.fields.filter((f) => !!f.optional === optional).map((f) => f.key);
    expect(keys(false)).toEqual(['measures']);
    expect(keys(true)).toEqual(['instructions', 'childLocation', 'workerName', 'workerPhone']);
  });

  it('declares exactly the events the machine takes from clients', () => {
    const taken = new Set(allTransitions(machine).map((t) => t.eventType).filter((t) => !SYSTEM_EVENTS.includes(t as never)));
    expect(Object.keys(events).sort()).toEqual([...taken].sort());
  });
});
