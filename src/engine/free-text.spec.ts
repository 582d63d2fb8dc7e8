import { currentWorkflow, CASE_WORKFLOW } from '../../workflows';
import type { FieldSpec } from '../../workflows/contract';
import { freeTextPaths, withoutPaths } from './free-text';

// Sealing and opening against PostgreSQL: test/field-encryption.e2e-spec.ts.
describe('free text of event data', () => {
  it('is declared by the contract: the free text of the current case workflow, event by event', () => {
    const events = currentWorkflow(CASE_WORKFLOW).events;
    const declared = Object.fromEntries(Object.entries(events).map(([type, c]) => [type, freeTextPaths(c.fields)]).filter(([, p]) => p.length));
    expect(declared.ADD_NOTE).toEqual(['text']);
    expect(declared.RECORD_ASSESSMENT).toEqual(expect.arrayContaining(['needs', 'summary']));
    expect(declared.SUBMIT_PLAN).toEqual(expect.arrayContaining(['goals', 'objectives', 'actions.instructions', 'actions.activity', 'actions.responsible', 'actions.budget']));
    expect(declared.PROPOSE_CLOSURE).toEqual(['reason']);
    // Nothing but text: no choice, date, number, flag or id is sealed.
    const kinds = new Set<string>();
    const walk = (fields: readonly FieldSpec[], paths: string[], prefix = '') => {
      for (const f of fields) {
        if (paths.includes(`${prefix}${f.key}`)) kinds.add(f.kind);
        if (f.kind === 'records') walk(f.fields, paths, `${prefix}${f.key}.`);
      }
    };
    for (const [type, paths] of Object.entries(declared)) walk(events[type].fields, paths as string[]);
    expect([...kinds].sort()).toEqual(['lines', 'text']);
  });
});

describe('withoutPaths', () => {
  it('removes the members at dotted paths, a list’s items each, leaving the rest and the input as they are', () => {
    const ctx = { plan: { goals: 'g', authorId: 'u', actions: [{ kind: 'k', instructions: 'i' }, { kind: 'l' }] }, closure: null };
    expect(withoutPaths(ctx, ['plan.goals', 'plan.actions.instructions', 'closure.reason', 'missing.path'])).toEqual({
      plan: { authorId: 'u', actions: [{ kind: 'k' }, { kind: 'l' }] }, closure: null,
    });
    expect(ctx.plan.goals).toBe('g');
  });
});
