import { describe, expect, it } from 'vitest';
import { caseDocumentSchema } from './model';
import { measureCase } from './measureCase';
import type { MeasureSegment } from './measureSegment';
import { priorLungDoseGy, type Territory } from './territory';
import { obliqueGrid } from '../volume/testing/testGrids';
import { indexToPatient, type Grid } from '../volume/grid';

// Oblique, anisotropic: nothing may assume axial slices.
const grid: Grid = obliqueGrid([40, 30, 16], [1.2, 1, 2], [0, 0, 0]);
const [nx, ny] = grid.dims;
const at = (i: number, j: number, k: number) => i + nx * (j + ny * k);
const ijk = (n: number) => [n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny))] as const;

function box(d: Uint8Array, from: number[], to: number[], label: number) {
  for (let k = from[2]!; k < to[2]!; k++)
    for (let j = from[1]!; j < to[1]!; j++) for (let i = from[0]!; i < to[0]!; i++) d[at(i, j, k)] = label;
}

/** Liver (1) with a lesion on each side of i = 20, a 5-voxel-thick vessel (3) and a gallbladder (4). */
function split() {
  const d = new Uint8Array(nx * ny * 16);
  box(d, [2, 2, 1], [38, 28, 15], 1);
  box(d, [5, 5, 4], [11, 11, 10], 2); // lesion L2: i < 20
  box(d, [28, 8, 5], [33, 13, 9], 5); // lesion L5: i > 20
  box(d, [5, 15, 4], [11, 20, 10], 3); // vessel 5 x 5 x 6 voxels, 4 voxels (4 mm) from L2 in j
  box(d, [28, 20, 5], [33, 24, 9], 4); // gallbladder, 7 voxels (7 mm) from L5 in j
  return d;
}

const segments: MeasureSegment[] = [
  { label: 1, name: 'Liver', kind: 'liver' },
  { label: 2, name: 'Lesion A', kind: 'lesion' },
  { label: 5, name: 'Lesion B', kind: 'lesion' },
  { label: 3, name: 'Portal vein', kind: 'vessel', type: { value: '32764006' } },
  { label: 4, name: 'Gallbladder', kind: 'critical', type: { value: '28231008' } },
];

/** A plane through the centre line of voxel column i = 19.5, three points on it in LPS. */
function cutAt(i: number, keep: 'positive' | 'negative') {
  return {
    points: [indexToPatient(grid, i, 0, 0), indexToPatient(grid, i, 0, 10), indexToPatient(grid, i, 10, 0)],
    keep,
  } as Territory['planes'][number];
}

describe('territories in measureCase', () => {
  const data = split();
  const right: Territory = { id: 't1', name: 'Right lobe', planes: [cutAt(19.5, 'positive')], lobe: 'right' };
  const left: Territory = { id: 't2', name: 'Left lobe', planes: [cutAt(19.5, 'negative')] };
  const f = measureCase({ labels: { grid, data }, segments, territories: [right, left] });
  const voxelMl = (1.2 * 1 * 2) / 1000;
  const sideOf = (t: Territory) => {
    // Which side of i = 19.5 the kept half-space is, read back from one voxel.
    const probe = f.territories.find((x) => x.id === t.id)!;
    return probe;
  };

  it('measures tumour and normal liver inside each territory to the voxel, the two adding up to the whole liver', () => {
    const count = (pred: (n: number) => boolean) => {
      let c = 0;
      for (let n = 0; n < data.length; n++) if (pred(n)) c++;
      return c;
    };
    const low = (n: number) => ijk(n)[0] < 20;
    const tumourLow = count((n) => low(n) && (data[n] === 2 || data[n] === 5));
    const liverLow = count((n) => low(n) && data[n] !== 0);
    const a = sideOf(right).figures;
    const b = sideOf(left).figures;
    // Whichever side the normal picked, the two territories are complementary halves.
    const [lo, hi] = a.tumourMl === tumourLow * voxelMl ? [a, b] : [b, a];
    expect(lo.tumourMl).toBeCloseTo(tumourLow * voxelMl, 9);
    expect(lo.targetMl).toBeCloseTo(liverLow * voxelMl, 9);
    expect(lo.normalMl + lo.tumourMl).toBeCloseTo(lo.targetMl, 9);
    expect(lo.targetMl + hi.targetMl).toBeCloseTo(f.wholeLiver!.ml, 9);
    expect(lo.tumourKg).toBeCloseTo((lo.tumourMl * lo.density.value) / 1000, 12);
  });

  it('gives each lesion the lobe of its side of the split, and no lobe without one', () => {
    const a = f.lesions.find((l) => l.id === 'L2')!;
    const b = f.lesions.find((l) => l.id === 'L5')!;
    expect(new Set([a.lobe, b.lobe])).toEqual(new Set(['right', 'left']));
    // L2 lies where the 'right' territory's kept side is exactly when the right territory holds its tumour.
    const rightHoldsL2 = sideOf(right).figures.tumourMl >= 6 * 6 * 6 * voxelMl - 1e-9;
    expect(a.lobe).toBe(rightHoldsL2 ? 'right' : 'left');
    const none = measureCase({ labels: { grid, data }, segments, territories: [left] });
    expect(none.lesions.map((l) => l.lobe)).toEqual([null, null]);
  });

  it('measures the distance from each lesion surface to vessels >= 3 mm and to critical structures', () => {
    const a = f.lesions.find((l) => l.id === 'L2')!;
    const b = f.lesions.find((l) => l.id === 'L5')!;
    expect(a.vessels).toHaveLength(1);
    expect(a.vessels[0]!.name).toBe('Portal vein');
    expect(a.vessels[0]!.diameterMm).toBeGreaterThanOrEqual(3);
    // Voxel centres 5 mm apart (j 10 -> 15), less one finest spacing (edge to edge): 4 mm.
    expect(a.vessels[0]!.distanceMm).toBeCloseTo(4, 6);
    expect(b.criticalStructures).toEqual([
      expect.objectContaining({ name: 'Gallbladder', structure: 'gallbladder', distanceMm: expect.closeTo(7, 6) }),
    ]);
    expect(b.vessels).toEqual([]);
  });
});

describe('staged targets', () => {
  it('carries the lung dose of the earlier stages to a later target', () => {
    const t = (id: string, lungDoseGy?: number): Territory => ({
      id,
      name: id,
      planes: [
        {
          points: [
            [0, 0, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
          keep: 'positive',
        },
      ],
      ...(lungDoseGy === undefined ? {} : { lungDoseGy }),
    });
    const list = [t('right', 12.5), t('left', 9), t('segment')];
    expect(priorLungDoseGy(list, 'right')).toBe(0);
    expect(priorLungDoseGy(list, 'left')).toBe(12.5);
    expect(priorLungDoseGy(list, 'segment')).toBe(21.5);
  });

  it('stores territories with the case (optional: older cases still read)', () => {
    const base = {
      schemaVersion: 1,
      caseId: 'c',
      createdAt: '',
      updatedAt: '',
      patient: { name: '', id: '' },
      study: { studyInstanceUid: '', description: '', date: '' },
      series: [],
      referenceSeriesUid: '',
      segments: [],
    };
    expect(caseDocumentSchema.parse(base).territories).toBeUndefined();
    const withT = caseDocumentSchema.parse({
      ...base,
      territories: [{ id: 't1', name: 'Right lobe', planes: [cutAt(3, 'positive')], lobe: 'right' }],
      targetTerritoryId: 't1',
    });
    expect(withT.territories![0]!.planes[0]!.points).toHaveLength(3);
  });
});
