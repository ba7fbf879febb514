import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleCommand } from './sample';

const dir = mkdtempSync(join(tmpdir(), 'liverplan-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('liverplan sample', () => {
  it('lists the cases', async () => {
    const { json, text } = await sampleCommand.run(['--list']);
    const names = (json as { name: string }[]).map((c) => c.name);
    expect(names).toEqual(['solitary-ablation', 'heat-sink-gallbladder', 'bilobar-burden', 'mr-multiphase']);
    expect(text).toContain('bilobar-burden');
  });

  it('explains what is missing or wrong in one line', async () => {
    await expect(sampleCommand.run([])).rejects.toThrow(/give a case NAME/);
    await expect(sampleCommand.run(['nope', '--out', dir])).rejects.toThrow(/no sample case 'nope'/);
    await expect(sampleCommand.run(['mr-multiphase'])).rejects.toThrow(/--out DIR is required/);
    await expect(sampleCommand.run(['mr-multiphase', '--out', dir, '--size', 'huge'])).rejects.toThrow(
      /--size must be normal or bench/,
    );
  });

  it('refuses to write into a folder that has files', async () => {
    const full = join(dir, 'full');
    await import('node:fs/promises').then((fs) => fs.mkdir(full));
    writeFileSync(join(full, 'keep.txt'), 'x');
    await expect(sampleCommand.run(['mr-multiphase', '--out', full])).rejects.toThrow(/exists and is not empty/);
  });
});
