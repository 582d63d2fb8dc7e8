/**
 * The shape of the code, checked: folders of src/ depend on each other in one direction only, and
 * the engine names no workflow. (A newcomer should see from the folders who owns what.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = __dirname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The top folder of src/ a file belongs to (files directly in src/ are the composition root). */
const folderOf = (file: string) => {
  const rel = relative(SRC, file).split('/');
  return rel.length > 1 ? rel[0] : null;
};

/** folder → the folders its files import (relative imports inside src/ only). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(SRC)) {
    const from = folderOf(file);
    if (!from) continue;
    const deps = graph.get(from) ?? new Set<string>();
    graph.set(from, deps);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(SRC + '/')) continue;
      const to = folderOf(target + '.ts');
      if (to && to !== from) deps.add(to);
    }
  }
  return graph;
}

/** Every cycle, as the path that closes it. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const visit = (node: string, path: string[]) => {
    for (const next of graph.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) found.push([...path.slice(at), next]);
      else visit(next, [...path, next]);
    }
  };
  for (const start of graph.keys()) visit(start, [start]);
  const seen = new Set<string>();
  return found.filter((c) => {
    const key = [...c.slice(0, -1)].sort().join(' ');
    return !seen.has(key) && seen.add(key);
  });
}

describe('architecture', () => {
  it('has no import cycle between the folders of src/', () => {
    expect(cycles(folderGraph()).map((c) => c.join(' → '))).toEqual([]);
  });

  it('keeps deadlines, notifications, audit and outbox leaves of the domain (they import no domain module)', () => {
    const domain = ['engine', 'cases', 'handoffs', 'timers', 'oversight'];
    const graph = folderGraph();
    for (const leaf of ['deadlines', 'notifications', 'audit', 'outbox']) {
      expect({ leaf, imports: [...(graph.get(leaf) ?? [])].filter((d) => domain.includes(d)) }).toEqual({ leaf, imports: [] });
    }
  });

  it('names no workflow, state, event or deadline in the engine', () => {
    const names = /abuse-intervention|'handoff'|HANDOFF_|PROPOSE_CLOSURE|APPROVE_|DEADLINE_EXPIRED|'closed'|'offered'|plan_submission/;
    const offenders = sources(join(SRC, 'engine')).filter((f) => names.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });
});
