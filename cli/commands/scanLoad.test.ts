import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSeries } from '../../shared/dicom/makeSeries';
import { writeMutatedFolder } from '../../electron/services/dicom/testing/mutatedFolder';
import { main } from '../main';

const root = mkdtempSync(join(tmpdir(), 'lp-cli-dicom-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink = (f: (s: string) => void) => ({ write: (s: string) => (f(s), true) }) as unknown;
  const code = await main(
    args,
    sink((s) => (out += s)) as typeof process.stdout,
    sink((s) => (err += s)) as typeof process.stderr,
  );
  return { code, out, err };
}

describe('liverplan scan / load', () => {
  const dir = join(root, 'study');
  mkdirSync(join(dir, 'art'), { recursive: true });
  mkdirSync(join(dir, 'pv'), { recursive: true });
  for (const f of makeSeries({ seriesNumber: 2, description: 'Arterial' }))
    writeFileSync(join(dir, 'art', f.name), f.bytes);
  for (const f of makeSeries({ seriesNumber: 3, description: 'Portal venous', rescaleIntercept: -1024 }))
    writeFileSync(join(dir, 'pv', f.name), f.bytes);
  writeFileSync(join(dir, 'junk.bin'), 'x'.repeat(300));

  it('scan --json prints the study tree in the documented shape', async () => {
    const r = await run(['scan', dir, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.unreadable).toEqual([
      { path: join(dir, 'junk.bin'), reason: 'not a DICOM file (no DICM prefix at byte 128)' },
    ]);
    const series = j.studies[0].series;
    expect(series.map((s: { phase: { label: string } }) => s.phase.label)).toEqual(['arterial', 'portal_venous']);
    expect(Object.keys(series[0]).sort()).toEqual(
      [
        'columns',
        'description',
        'direction',
        'findings',
        'frameOfReferenceUid',
        'imageCount',
        'isVolume',
        'modality',
        'origin',
        'phase',
        'rows',
        'seriesInstanceUid',
        'seriesNumber',
        'spacing',
      ].sort(),
    );
  });

  it('scan --json accounts for every file of a folder of mutated copies', async () => {
    const folder = writeMutatedFolder(join(root, 'mutated'), 40);
    const r = await run(['scan', folder.dir, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.accounted).toEqual(folder.expected);
    const { images, duplicates, derived, unreadable, total } = j.accounted;
    expect(images + duplicates + derived + unreadable).toBe(total);
    expect(j.duplicates).toHaveLength(duplicates);
    expect(j.studies[0].derived.map((d: { kind: string }) => d.kind).sort()).toEqual(['PDF', 'RTSTRUCT', 'SEG', 'SR']);
    const text = await run(['scan', folder.dir]);
    expect(text.out).toMatch(
      /^98 file\(s\) in [\d.]+ s: 40 image\(s\), 4 derived object\(s\), 44 duplicate\(s\), 10 unreadable$/m,
    );
    expect(text.out).toMatch(
      /^ {2}SEG #300 "Liver SEG \(other tool\)" binary, 1 segment\(s\): Liver -> series 2\.25\.4242\.2\.1 /m,
    );
  });

  it('load --json reports dims, geometry and HU statistics', async () => {
    const r = await run(['load', join(dir, 'pv'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.dims).toEqual([5, 4, 6]);
    expect(j.spacing).toEqual([0.7, 0.8, 2.5]);
    expect(j.min).toBe(-200 - 1024);
    expect(j.max).toBe(4 + 30 + 500 - 200 - 1024);
  });

  it('fails with a one-line reason for a folder without a volume', async () => {
    const r = await run(['load', join(root, 'nothing-here')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^liverplan load: no DICOM images found\n$/);
  });
});
