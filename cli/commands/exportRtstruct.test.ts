import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCase } from '../../electron/services/export/loadCase';
import { writeTestCaseDir } from '../../electron/services/export/testing/testCaseDir';
import { dice } from '../../shared/rtstruct/testing/sampleLabels';
import { detectLabelFormat, readLabelFile } from '../../shared/seg/labelFile';
import { dciodvfyErrors, runTool } from '../../tests/support/dicomTools';
import { main } from '../main';

function capture(): { stream: never; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  }) as never;
  return { stream, text: () => out };
}

describe('liverplan export --rtstruct', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liverplan-cli-rtstruct-'));
    await writeTestCaseDir(join(dir, 'case'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds an RTSTRUCT that dciodvfy accepts and that reads back onto the labelmap (Dice >= 0.98 per segment)', async () => {
    const out = capture();
    const args = ['export', '--case', join(dir, 'case'), '--to', `folder:${join(dir, 'out')}`, '--rtstruct'];
    expect(await main([...args, '--queue', join(dir, 'queue'), '--json'], out.stream)).toBe(0);
    expect(JSON.parse(out.text()).objects.map((o: { name: string }) => o.name)).toEqual([
      'seg.dcm',
      'sr.dcm',
      'report.dcm',
      'rtstruct.dcm',
    ]);
    const [study] = await readdir(join(dir, 'out'));
    const files = await readdir(join(dir, 'out', study!), { recursive: true });
    const loaded = await loadCase(join(dir, 'case'));
    let rtstruct: Uint8Array | undefined;
    for (const f of files.filter((n) => n.endsWith('.dcm'))) {
      const bytes = new Uint8Array(await readFile(join(dir, 'out', study!, f)));
      if (detectLabelFormat(bytes) === 'rtstruct') {
        rtstruct = bytes;
        if (!runTool('dciodvfy', []).missing) expect(dciodvfyErrors(join(dir, 'out', study!, f))).toEqual([]);
      }
    }
    expect(rtstruct).toBeDefined();
    const file = readLabelFile(rtstruct!, loaded.labels.grid);
    const present = loaded.caseDoc.segments.filter((s) => loaded.labels.data.includes(s.label));
    expect(file.segments.map((s) => s.name)).toEqual(present.map((s) => s.name));
    present.forEach((s, n) => {
      const truth = Uint8Array.from(loaded.labels.data, (v) => (v === s.label ? 1 : 0));
      expect(dice(file.mask(n), truth)).toBeGreaterThanOrEqual(0.98);
    });
  });
});
