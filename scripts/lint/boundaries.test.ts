import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function lint(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (architecture.md)', () => {
  it('rejects a renderer -> electron import', async () => {
    expect(
      await lint("import { x } from '../../electron/main/main';\nexport const y = x;\n", 'renderer/src/bad.ts'),
    ).toHaveLength(1);
    expect(
      await lint("import { ipcRenderer } from 'electron';\nexport const y = ipcRenderer;\n", 'renderer/src/bad.ts'),
    ).toHaveLength(1);
    expect(
      await lint("import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n", 'renderer/src/bad.ts'),
    ).toHaveLength(1);
  });
  it('keeps shared/ pure', async () => {
    expect(
      await lint("import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n", 'shared/volume/bad.ts'),
    ).toHaveLength(1);
    expect(
      await lint("import { cache } from '@cornerstonejs/core';\nexport const y = cache;\n", 'shared/volume/bad.ts'),
    ).toHaveLength(1);
    expect(
      await lint("import { api } from '../../renderer/src/api';\nexport const y = api;\n", 'shared/volume/bad.ts'),
    ).toHaveLength(1);
  });
  it('keeps electron out of services and the CLI', async () => {
    expect(
      await lint("import { app } from 'electron';\nexport const y = app;\n", 'electron/services/bad.ts'),
    ).toHaveLength(1);
    expect(await lint("import { app } from 'electron';\nexport const y = app;\n", 'cli/bad.ts')).toHaveLength(1);
  });
  it('allows the permitted directions', async () => {
    expect(
      await lint(
        "import { contract } from '../../shared/ipc/contract';\nexport const y = contract;\n",
        'renderer/src/ok.ts',
      ),
    ).toEqual([]);
    expect(
      await lint(
        "import { FileRegistry } from '../electron/services/files/fileRegistry';\nexport const y = FileRegistry;\n",
        'cli/ok.ts',
      ),
    ).toEqual([]);
    expect(await lint("import { app } from 'electron';\nexport const y = app;\n", 'electron/main/ok.ts')).toEqual([]);
  });
});
