import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function lint(code: string, filePath: string, rule: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
}

describe('per-room globals (architecture.md)', () => {
  it('keeps the DOM and Node out of shared/', async () => {
    for (const use of ['window.innerWidth', 'document.title', 'process.env.HOME', 'Buffer.from([])', '__dirname'])
      expect(await lint(`export const y = ${use};\n`, 'shared/volume/bad.ts', 'no-restricted-globals')).toHaveLength(1);
    expect(
      await lint('export const y = globalThis.process;\n', 'shared/volume/bad.ts', 'no-restricted-globals'),
    ).toHaveLength(1);
    expect(await lint('export const y = new Image();\n', 'shared/volume/bad.ts', 'no-undef')).toHaveLength(1);
  });
  it('lets shared/ use the ES built-ins and the runtime-neutral host objects', async () => {
    const code =
      "export const y = [new TextEncoder().encode('a'), structuredClone(new Map()), Math.PI, performance.now()];\n";
    expect(await lint(code, 'shared/volume/ok.ts', 'no-undef')).toEqual([]);
    expect(await lint(code, 'shared/volume/ok.ts', 'no-restricted-globals')).toEqual([]);
  });
  it('gives the renderer the browser but not Node', async () => {
    expect(
      await lint('export const y = process.env.NODE_ENV;\n', 'renderer/src/bad.ts', 'no-restricted-globals'),
    ).toHaveLength(1);
    expect(
      await lint('export const y = Buffer.alloc(1);\n', 'renderer/src/bad.ts', 'no-restricted-globals'),
    ).toHaveLength(1);
    expect(
      await lint('export const y = window.devicePixelRatio;\n', 'renderer/src/ok.ts', 'no-restricted-globals'),
    ).toEqual([]);
  });
});

describe('layering inside renderer/src (architecture.md)', () => {
  it("stops a feature reaching into another feature's files", async () => {
    const bad = "import { currentSession } from '../segmentation/caseSession';\nexport const y = currentSession;\n";
    expect(await lint(bad, 'renderer/src/confirm/bad.ts', 'no-restricted-imports')).toHaveLength(1);
    const viewerInternal = "import { ViewportGrid } from '../viewer/ViewportGrid';\nexport const y = ViewportGrid;\n";
    expect(await lint(viewerInternal, 'renderer/src/ablation/bad.ts', 'no-restricted-imports')).toHaveLength(1);
  });
  it("allows another feature's index, the viewer's public files and the common folders", async () => {
    const code = [
      "import { currentSession } from '../segmentation';",
      "import { viewportOf } from '../viewer/viewerEngine';",
      "import { useAppStore } from '../store/appStore';",
      "import { currentCase } from '../case/caseSession';",
      'export const y = [currentSession, viewportOf, useAppStore, currentCase];',
      '',
    ].join('\n');
    expect(await lint(code, 'renderer/src/confirm/ok.ts', 'no-restricted-imports')).toEqual([]);
    const own = "import { ViewportGrid } from './ViewportGrid';\nexport const y = ViewportGrid;\n";
    expect(await lint(own, 'renderer/src/viewer/ok.ts', 'no-restricted-imports')).toEqual([]);
  });
});

describe('test helpers only in testing/ folders', () => {
  const code = "import { makeSeries } from '../dicom/testing/makeSeries';\nexport const y = makeSeries;\n";
  it('rejects a product file importing from testing/', async () => {
    expect(await lint(code, 'shared/volume/bad.ts', 'no-restricted-imports')).toHaveLength(1);
    expect(
      await lint(
        code.replace('../dicom', '../../../shared/dicom'),
        'electron/services/x/bad.ts',
        'no-restricted-imports',
      ),
    ).toHaveLength(1);
  });
  it('lets tests and other test helpers import them', async () => {
    expect(await lint(code, 'shared/volume/ok.test.ts', 'no-restricted-imports')).toEqual([]);
    expect(await lint(code, 'shared/volume/testing/ok.ts', 'no-restricted-imports')).toEqual([]);
  });
});
