import type { Grid } from '../../volume/grid';
import { SEGMENT_CODES } from '../codes';
import type { WriteSegInput } from '../writeSeg';

/** A small SEG input for tests: anisotropic grid, three segments, two of them overlapping. */
export function smallSegInput(grid: Grid, masks: Uint8Array[], fractional?: 'PROBABILITY'): WriteSegInput {
  const kinds = ['liver', 'metastasis', 'hepaticVein'] as const;
  return {
    grid,
    source: {
      studyInstanceUid: '2.25.11',
      seriesInstanceUid: '2.25.12',
      frameOfReferenceUid: '2.25.13',
      images: Array.from({ length: grid.dims[2] }, (_, k) => ({
        sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
        sopInstanceUid: `2.25.100${k}`,
      })),
      patient: { name: 'TEST^SEG', id: 'T1', birthDate: '19600101', sex: 'F' },
      study: { date: '20250101', time: '101500', id: '7', accessionNumber: 'A7' },
    },
    segments: masks.map((mask, n) => ({
      info: {
        number: n + 1,
        label: kinds[n % 3]!,
        coding: SEGMENT_CODES[kinds[n % 3]!],
        algorithmType: n === 0 ? 'MANUAL' : 'AUTOMATIC',
        ...(n === 0 ? {} : { algorithmName: 'test' }),
        colorRgb: [200, 100 + n * 40, 50] as [number, number, number],
        ...(n === 1 ? { trackingId: 'L1', trackingUid: '2.25.777' } : {}),
      },
      mask,
    })),
    seriesInstanceUid: '2.25.14',
    sopInstanceUid: '2.25.15',
    contentDate: '20250102',
    contentTime: '120000',
    ...(fractional ? { fractional } : {}),
  };
}

/** Masks on a grid: a box (segment 1), a ball inside it (2), a line crossing both (3). */
export function sampleMasks(grid: Grid): Uint8Array[] {
  const [nx, ny, nz] = grid.dims;
  const m = [new Uint8Array(nx * ny * nz), new Uint8Array(nx * ny * nz), new Uint8Array(nx * ny * nz)];
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const v = i + nx * (j + ny * k);
        if (i >= 1 && i < nx - 2 && j >= 2 && j < ny - 1 && k >= 1 && k < nz - 1) m[0]![v] = 1;
        if ((i - 4) ** 2 + (j - 4) ** 2 + (k - 3) ** 2 <= 4) m[1]![v] = 1;
        if (j === 3 && k === 2) m[2]![v] = 1;
      }
  return m;
}
