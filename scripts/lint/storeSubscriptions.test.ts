import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function messages(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, 'renderer/src/components/probe.tsx') });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('store subscriptions (architecture.md: components subscribe to what they use)', () => {
  it('rejects a whole-store subscription', async () => {
    const code = "import { useCaseStore } from '../store/caseStore';\nexport const f = () => useCaseStore();\n";
    expect(await messages(code)).toEqual([
      'Subscribe to the fields you use: useXStore(selector) or useXStore(useShallow(...)).',
    ]);
  });
  it('accepts a selector and a shallow selection', async () => {
    const code = [
      "import { useShallow } from 'zustand/react/shallow';",
      "import { useCaseStore } from '../store/caseStore';",
      'export const f = () => useCaseStore((s) => s.tool);',
      'export const g = () => useCaseStore(useShallow(({ tool, job }) => ({ tool, job })));',
      '',
    ].join('\n');
    expect(await messages(code)).toEqual([]);
  });
});
