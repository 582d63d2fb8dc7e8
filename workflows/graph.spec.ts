import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listWorkflows } from './index';
import { toMermaid } from './graph';

describe('workflow diagrams', () => {
  it.each(listWorkflows().map((d) => [d.name, d.version, d] as const))('%s v%s: the committed diagram matches the machine', (name, version, def) => {
    const committed = readFileSync(join(__dirname, name, `v${version}`, 'diagram.mmd'), 'utf8');
    // Out of date? Run `npm run workflows:diagram`.
    expect(committed).toBe(toMermaid(def.machine));
  });

  it('draws guarded branches and final states', () => {
    const handoff = listWorkflows().find((d) => d.name === 'handoff')!;
    const text = toMermaid(handoff.machine);
    expect(text).toContain('offered --> accepted: ACCEPT');
    expect(text).toContain('completed --> [*]');
    expect(text).toContain('In every state: DEADLINE_EXPIRED');
  });
});
