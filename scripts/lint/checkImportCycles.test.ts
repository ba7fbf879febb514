import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cyclicComponents, exampleCycle, importGraph, projectFiles } from '../checkImportCycles.mjs';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function project(files: Record<string, string>) {
  dir = mkdtempSync(join(tmpdir(), 'cycles-'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { moduleResolution: 'Bundler', module: 'ESNext' } }),
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { files: names, options } = projectFiles(dir);
  return importGraph(names, options);
}

describe('checkImportCycles (architecture.md: no import cycles anywhere)', () => {
  it('finds a cycle made only of type imports, which import-x/no-cycle would skip', () => {
    const graph = project({
      'a.ts': "import type { B } from './b';\nexport type A = { b?: B };\n",
      'b.ts': "import type { A } from './a';\nexport type B = { a?: A };\n",
      'c.ts': "import type { A } from './a';\nexport const c: A = {};\n",
    });
    const components = cyclicComponents(graph);
    expect(components.map((c) => c.map((f) => f.slice(dir.length + 1)))).toEqual([['a.ts', 'b.ts']]);
    expect(exampleCycle(graph, components[0]!).map((f) => f.slice(dir.length + 1))).toEqual(['a.ts', 'b.ts', 'a.ts']);
  });

  it('follows re-exports and dynamic imports through a longer loop, and ignores packages', () => {
    const graph = project({
      'a.ts': "export { b } from './b';\nimport 'vitest';\n",
      'b.ts': "export const b = () => import('./c');\n",
      'c.ts': "import { a } from './d';\nexport const c = a;\n",
      'd.ts': "export * from './a';\nexport const a = 1;\n",
    });
    const [component] = cyclicComponents(graph);
    expect(component!.map((f) => f.slice(dir.length + 1))).toEqual(['a.ts', 'b.ts', 'c.ts', 'd.ts']);
  });

  it('passes an acyclic graph', () => {
    const graph = project({
      'a.ts': "import { b } from './b';\nexport const a = b;\n",
      'b.ts': 'export const b = 1;\n',
    });
    expect(cyclicComponents(graph)).toEqual([]);
  });
});
