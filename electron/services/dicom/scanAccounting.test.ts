import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanPaths } from './scanPaths';
import { writeMutatedFolder } from './testing/mutatedFolder';

const root = mkdtempSync(join(tmpdir(), 'lp-account-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('scanPaths accounts for every file', () => {
  const folder = writeMutatedFolder(join(root, 'mutated'));

  it.each([0, 2])('images + duplicates + derived + unreadable = files (workers: %i)', async (workers) => {
    const r = await scanPaths([folder.dir], { workers });
    expect(r.accounted).toEqual(folder.expected);
    const a = r.accounted;
    expect(a.images + a.duplicates + a.derived + a.unreadable).toBe(a.total);
    expect(r.duplicates).toHaveLength(a.duplicates);
    expect(r.unreadable).toHaveLength(a.unreadable);

    // The series is whole once, whichever copy was kept.
    const study = r.studies[0]!;
    expect(study.series).toHaveLength(1);
    expect(study.series[0]!.imageCount).toBe(a.images);

    // Derived objects hang under the study and name the series they were made from.
    expect(study.derived.map((d) => d.kind).sort()).toEqual(['PDF', 'RTSTRUCT', 'SEG', 'SR']);
    for (const d of study.derived.filter((x) => x.kind !== 'PDF'))
      expect(d.referencedSeriesUids).toEqual([study.series[0]!.seriesInstanceUid]);
    const seg = study.derived.find((d) => d.kind === 'SEG')!;
    expect(seg.summary).toBe('binary, 1 segment(s): Liver');
    expect(study.derived.find((d) => d.kind === 'SR')!.summary).toBe('Imaging Measurement Report');
    expect(study.derived.find((d) => d.kind === 'RTSTRUCT')!.summary).toBe('Liver RT, 2 ROI(s): Liver, GTV');

    // Duplicates say which file was kept and whether the copies differ.
    const segCopy = r.duplicates.find((d) => d.sopInstanceUid === seg.sopInstanceUid)!;
    expect([segCopy.path, segCopy.keptPath].sort()).toEqual([
      join(folder.dir, 'derived', 'seg-copy.dcm'),
      join(folder.dir, 'derived', 'seg.dcm'),
    ]);
    expect(segCopy.difference).toBeNull();
    for (const e of folder.edited) {
      const dup = r.duplicates.find((d) => d.path === e)!;
      expect(dup.difference).toMatch(/header differs in windowCenter/);
    }
    expect(r.duplicates.filter((d) => d.difference === null)).toHaveLength(a.duplicates - folder.edited.length);

    const reasons = Object.fromEntries(r.unreadable.map((u) => [u.path.slice(folder.dir.length + 1), u.reason]));
    expect(reasons['truncated/s1_0000.dcm']).toMatch(/^truncated: pixel data needs/);
    expect(reasons['stub/s1_0000.dcm']).toBe('not a DICOM file (100 bytes)');
    expect(reasons['junk/notes.txt']).toMatch(/not a DICOM file \(no DICM prefix/);
    expect(reasons['junk/.DS_Store']).toBe('hidden or system file, not read');
    expect(Object.values(reasons).some((x) => /BitsAllocated|no pixel data/.test(x))).toBe(false);
  });
});
