import { describe, expect, it } from 'vitest';
import type { Grid, Vec3 } from '../../../shared/volume/grid';
import { flatIndex, patientToIndex } from '../../../shared/volume/grid';
import { axialGrid } from '../../../shared/volume/testing/testGrids';
import { makeTestPhantom } from '../../../shared/segment/testing/testPhantom';
import { runSegmentJob } from './runSegmentJob';
import type { CaseStatistics, MaskResult, SegmentJob } from './segmentJobs';

const grid: Grid = {
  dims: [12, 10, 6],
  spacing: [2, 1.5, 3],
  origin: [-5, 4, 10],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};
const at = (i: number, j: number, k: number) => i + j * 12 + k * 120;
const LIVER = { label: 1, name: 'Liver', kind: 'liver' } as const;
const LESION = { label: 2, name: 'Lesion 1', kind: 'lesion' } as const;

/** Liver = box i 2..9, j 2..7, k 1..4 (label 1) with a 2x2x2 lesion (label 2) inside. */
function labels(): Uint8Array {
  const d = new Uint8Array(720);
  for (let k = 1; k <= 4; k++) for (let j = 2; j <= 7; j++) for (let i = 2; i <= 9; i++) d[at(i, j, k)] = 1;
  for (let k = 2; k <= 3; k++) for (let j = 4; j <= 5; j++) for (let i = 4; i <= 5; i++) d[at(i, j, k)] = 2;
  return d;
}

describe('runSegmentJob', () => {
  it('computes volumes, lesion count and burden against liver including the lesion', () => {
    const hu = new Float32Array(720).fill(100);
    const other: Grid = { ...grid, origin: [-4, 4, 10] }; // shifted by half a voxel: resampled
    const r = runSegmentJob({
      op: 'stats',
      labelmap: { grid, data: labels() },
      phases: [
        { name: 'portal_venous', volume: { grid, data: hu } },
        { name: 'arterial', volume: { grid: other, data: new Float32Array(720).fill(50) } },
      ],
      segments: [LIVER, LESION],
    }) as CaseStatistics;
    const voxelMl = (2 * 1.5 * 3) / 1000;
    expect(r.segments.find((s) => s.label === 1)!.volumeMl).toBeCloseTo((192 - 8) * voxelMl, 6);
    expect(r.segments.find((s) => s.label === 2)!.intensity.map((i) => i.mean)).toEqual([100, 50]);
    expect(r.lesionCount).toBe(1);
    expect(r.lesions.map((l) => l.id)).toEqual(['L2']);
    expect(r.burden!.percent).toBeCloseTo((100 * 8) / 192, 6);
    expect(r.burden!.liverIncludingTumourMl).toBeCloseTo(192 * voxelMl, 6);
  });

  it('counts a vessel segment painted inside the liver as whole liver', () => {
    const d = labels();
    for (let i = 3; i <= 8; i++) d[at(i, 3, 2)] = 3; // a branch running inside the liver
    const r = runSegmentJob({
      op: 'stats',
      labelmap: { grid, data: d },
      phases: [],
      segments: [LIVER, LESION, { label: 3, name: 'Portal vein', kind: 'vessel' }],
    }) as CaseStatistics;
    const voxelMl = (2 * 1.5 * 3) / 1000;
    expect(r.segments.find((s) => s.label === 1)!.volumeMl).toBeCloseTo((192 - 8 - 6) * voxelMl, 6);
    expect(r.wholeLiver!.intrahepaticVesselMl).toBeCloseTo(6 * voxelMl, 6);
    expect(r.burden!.liverIncludingTumourMl).toBeCloseTo(192 * voxelMl, 6);
  });

  it('says why there is no burden without a liver', () => {
    const r = runSegmentJob({
      op: 'stats',
      labelmap: { grid, data: new Uint8Array(720) },
      phases: [],
      segments: [],
    }) as CaseStatistics;
    expect(r.burden).toBeNull();
    expect(r.burdenNote).toMatch(/liver/);
  });

  it('fills a hole in a segment mask and grows it by millimetres', () => {
    const mask = labels().map((v) => (v === 1 ? 1 : 0));
    const filled = runSegmentJob({ op: 'mask', action: 'fill-holes', mask, grid, mm: 0 }) as MaskResult;
    expect(filled.mask.reduce((a, b) => a + b, 0)).toBe(192);
    const grown = runSegmentJob({ op: 'mask', action: 'grow', mask: filled.mask, grid, mm: 2 }) as MaskResult;
    // 2 mm reaches one voxel along i (2 mm) and j (1.5 mm), none along k (3 mm).
    expect(grown.mask[at(1, 2, 1)]).toBe(1);
    expect(grown.mask[at(2, 1, 1)]).toBe(1);
    expect(grown.mask[at(2, 2, 0)]).toBe(0);
  });

  it('checks every liver result: findings travel with the mask, a jump against the previous seed is flagged', () => {
    const g = axialGrid([44, 36, 18], [1.4, 1.4, 3]);
    const ph = makeTestPhantom(g, 6, 5);
    const c = ph.lesionCentres[0]!;
    const seed = flatIndex(g, ...(patientToIndex(g, [c[0] + 8, c[1] - 8, c[2]]).map(Math.round) as Vec3));
    const job: Extract<SegmentJob, { op: 'liver' }> = {
      op: 'liver',
      volume: ph.phases.portal,
      seed,
      include: [],
      exclude: [],
    };
    const r = runSegmentJob(job) as MaskResult;
    expect(r.findings).toEqual([]);
    const voxels = r.mask.reduce((a, v) => a + v, 0);
    const again = runSegmentJob({ ...job, previousVoxelCount: Math.round(voxels * 1.5) }) as MaskResult;
    expect(again.findings?.map((f) => f.code)).toEqual(['volume-jump']);
  });

  it('joins the liver outline to a lesion left outside it', () => {
    const liver = labels().map((v) => (v === 1 ? 1 : 0));
    const lesion = new Uint8Array(720);
    for (let k = 2; k <= 3; k++) for (let j = 4; j <= 5; j++) lesion[at(11, j, k)] = 1; // one voxel gap at i = 10
    const r = runSegmentJob({ op: 'join-liver', grid, liver, lesion }) as MaskResult;
    expect(r.mask[at(10, 4, 2)]).toBe(1);
    expect(r.note).toMatch(/added to the liver/);
  });

  it('segments a lesion in a hole of the liver segment as inside the liver, and names its phase', () => {
    const g = axialGrid([44, 36, 18], [1.4, 1.4, 3]);
    const ph = makeTestPhantom(g, 6, 5);
    const c = ph.lesionCentres[0]!;
    const click = flatIndex(g, ...(patientToIndex(g, c).map(Math.round) as Vec3));
    // The liver segment with the lesion cut out (as after deleting a lesion segment).
    const liverMask = Uint8Array.from(ph.liver, (v, n) => (v && !ph.lesions[0]![n] ? 1 : 0));
    const r = runSegmentJob({
      op: 'lesion',
      grid: g,
      phases: [
        { name: 'Arterial', volume: ph.phases.arterial },
        { name: 'Portal venous', volume: ph.phases.portal },
      ],
      click,
      liverMask,
    }) as MaskResult;
    expect(r.outsideLiver).toBe(false);
    expect(r.phase).toMatch(/Arterial|Portal venous/);
    expect(r.findings).toEqual([]);
  });
});
