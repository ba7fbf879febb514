import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSeries } from '../../../../shared/dicom/makeSeries';
import {
  makePdfFor,
  makeRtstructFor,
  makeSegFor,
  makeSrFor,
  type SeriesRef,
} from '../../../../shared/dicom/testing/makeDerived';
import type { Grid } from '../../../../shared/volume/grid';

/** What a mutated folder holds, file by file, as `scan` should account for it. */
export interface MutatedFolder {
  dir: string;
  expected: { images: number; duplicates: number; derived: number; unreadable: number; total: number };
  /** Copies whose bytes differ from the kept file (an edited header). */
  edited: string[];
}

/**
 * A folder as a new user's disk might hold one: a series, identical copies of
 * it, copies with an edited header under the same UIDs, truncated files,
 * non-DICOM files, a hidden file, and another tool's SEG (plus a copy of it),
 * SR, RTSTRUCT and Encapsulated PDF referencing the series.
 */
export function writeMutatedFolder(dir: string, slices = 10): MutatedFolder {
  const write = (sub: string, name: string, bytes: Uint8Array | string) => {
    mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, sub, name), bytes);
    return join(dir, sub, name);
  };
  const series = makeSeries({ slices, rows: 6, columns: 7, description: 'PORTAL VENOUS' });
  for (const f of series) write('orig', f.name, f.bytes);
  for (const f of series) write('copy', f.name, f.bytes);
  const edited = makeSeries({ slices, rows: 6, columns: 7, description: 'PORTAL VENOUS', extra: { WindowCenter: 40 } })
    .slice(0, 3)
    .map((f) => write('edited', f.name, f.bytes));
  for (const f of series.slice(0, 4)) write('truncated', f.name, f.bytes.subarray(0, f.bytes.length - 30));
  for (const f of series.slice(0, 2)) write('stub', f.name, f.bytes.subarray(0, 100));
  write('junk', 'notes.txt', 'not DICOM at all '.repeat(20));
  write(
    'junk',
    'random.bin',
    Uint8Array.from({ length: 900 }, (_, n) => (n * 7919) % 251),
  );
  write('junk', 'empty.dcm', new Uint8Array(0));
  write('junk', '.DS_Store', 'Bud1');
  const ref: SeriesRef = {
    studyInstanceUid: '2.25.4242.1',
    seriesInstanceUid: '2.25.4242.2.1',
    frameOfReferenceUid: '2.25.4242.3',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    sopInstanceUids: series.map((_, k) => `2.25.4242.2.1.${k + 1}`),
  };
  const grid: Grid = {
    dims: [7, 6, slices],
    spacing: [0.7, 0.8, 2.5],
    origin: [-10, -20, 30],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
  const seg = makeSegFor(ref, grid);
  write('derived', 'seg.dcm', seg);
  write('derived', 'seg-copy.dcm', seg);
  write('derived', 'sr.dcm', makeSrFor(ref));
  write('derived', 'rtstruct.dcm', makeRtstructFor(ref));
  write('derived', 'report.dcm', makePdfFor(ref));
  const duplicates = slices + edited.length + 1;
  const unreadable = 4 + 2 + 4;
  return {
    dir,
    edited,
    expected: {
      images: slices,
      duplicates,
      derived: 4,
      unreadable,
      total: slices + duplicates + 4 + unreadable,
    },
  };
}
