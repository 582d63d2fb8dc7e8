/** `npm run workflows:diagram`: writes each workflow version's Mermaid diagram next to its machine. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listWorkflows } from '../../workflows';
import { toMermaid } from '../../workflows/graph';

export function diagramPath(root: string, name: string, version: number): string {
  return join(root, 'workflows', name, `v${version}`, 'diagram.mmd');
}

const root = join(__dirname, '..', '..', '..');
for (const def of listWorkflows()) {
  const file = diagramPath(root, def.name, def.version);
  writeFileSync(file, toMermaid(def.machine));
  console.log(`wrote ${file}`);
}
