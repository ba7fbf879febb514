import { describe, expect, it } from 'vitest';
import { indexToPatient, voxelVolumeMm3, type Vec3 } from '../volume/grid';
import { axialGrid, obliqueGrid, rasterise, sphere } from '../volume/testing/testGrids';
import { ERROR_MAP } from './errorMap';
import type { AttemptLabels, ReferenceMasks } from './masks';
import { scoreAttempt } from './scoreAttempt';
import type { PracticeTask } from './tasks';

// 30 x 30 x 12 voxels of 1 x 1 x 2.5 mm: anisotropic on purpose.
const grid = axialGrid([30, 30, 12], [1, 1, 2.5], [-15, -15, -15]);
const liverRef = rasterise(grid, sphere([0, 0, 0], 12));
const lesionA = rasterise(grid, sphere([-5, 0, 0], 3.5));
const lesionB = rasterise(grid, sphere([6, 4, 0], 3));
const reference: ReferenceMasks = {
  grid,
  liver: liverRef,
  lesions: [
    { id: 'L1', mask: lesionA },
    { id: 'L2', mask: lesionB },
  ],
};
const truth = {
  liverMl: 0,
  tumourMl: 0,
  lesions: [
    { id: 'L1', centreLps: [-5, 0, 0] as Vec3, diameterMm: 7, lobe: 'right' },
    { id: 'L2', centreLps: [6, 4, 0] as Vec3, diameterMm: 6, lobe: 'left' },
  ],
};
const segments = [
  { label: 1, kind: 'liver' },
  { label: 2, kind: 'lesion' },
  { label: 3, kind: 'ablation' },
];

function labelsOf(layers: [Uint8Array, number][]): Uint8Array {
  const out = new Uint8Array(liverRef.length);
  for (const [mask, label] of layers) for (let v = 0; v < out.length; v++) if (mask[v]) out[v] = label;
  return out;
}

const task = (t: Partial<PracticeTask> & Pick<PracticeTask, 'id' | 'kind'>): PracticeTask => ({
  title: t.id,
  instructions: '',
  ...t,
});

describe('scoreAttempt', () => {
  it('scores a perfect liver as Dice 1, HD95 0 and no miss; the lesion label counts as liver', () => {
    const attempt: AttemptLabels = {
      grid,
      labels: labelsOf([
        [liverRef, 1],
        [lesionA, 2],
      ]),
      segments,
    };
    const { scores, errorMap } = scoreAttempt({
      task: task({ id: 'segment-liver', kind: 'segment-liver' }),
      reference,
      truth,
      attempt,
    });
    expect(scores.structures[0]!.dice).toBe(1);
    expect(scores.structures[0]!.hd95Mm).toBe(0);
    expect(scores.structures[0]!.volumeErrorMl).toBe(0);
    expect(scores.debrief).toContain('No missed voxels.');
    expect(errorMap!.every((v) => v === 0 || v === ERROR_MAP.agree)).toBe(true);
  });

  it('locates the largest miss of a liver missing a slab: volume, slices and position', () => {
    const cut = liverRef.slice();
    const [nx, ny] = grid.dims;
    // Drop slices k = 8..11 (the top 10 mm).
    for (let v = 8 * nx * ny; v < cut.length; v++) cut[v] = 0;
    let dropped = 0;
    for (let v = 0; v < cut.length; v++) if (liverRef[v] && !cut[v]) dropped++;
    const attempt: AttemptLabels = { grid, labels: labelsOf([[cut, 1]]), segments };
    const { scores, errorMap } = scoreAttempt({
      task: task({ id: 'segment-liver', kind: 'segment-liver' }),
      reference,
      truth,
      attempt,
    });
    const s = scores.structures[0]!;
    const ml = voxelVolumeMm3(grid) / 1000;
    expect(s.volumeErrorMl).toBeCloseTo(-dropped * ml, 6);
    expect(s.dice).toBeLessThan(1);
    expect(s.hd95Mm).toBeGreaterThan(0);
    expect(errorMap!.filter((v) => v === ERROR_MAP.falseNegative).length).toBe(dropped);
    const top = Math.max(
      ...[8, 9, 10, 11].filter((k) => liverRef.subarray(k * nx * ny, (k + 1) * nx * ny).some(Boolean)),
    );
    expect(scores.debrief[1]).toContain(`Largest miss: ${(dropped * ml).toFixed(1)} mL`);
    // Grid origin z = -15 mm, 2.5 mm slices: k = 8 sits at S 5.0 mm.
    expect(scores.debrief[1]).toContain(`slices S 5.0 mm to S ${(-15 + 2.5 * top).toFixed(1)} mm`);
    expect(scores.debrief[1]).toMatch(/LPS \(-?0, -?0, \d+\)/);
  });

  it('counts found, missed and false-positive lesions by overlap', () => {
    const fp = rasterise(grid, sphere([0, -8, 5], 2));
    const partial = rasterise(grid, sphere([-6, 0, 0], 3));
    const attempt: AttemptLabels = {
      grid,
      labels: labelsOf([
        [liverRef, 1],
        [partial, 2],
        [fp, 2],
      ]),
      segments,
    };
    const { scores } = scoreAttempt({
      task: task({ id: 'segment-lesions', kind: 'segment-lesions' }),
      reference,
      truth,
      attempt,
    });
    const d = scores.detection!;
    expect(d.found.map((f) => f.id)).toEqual(['L1']);
    expect(d.missed.map((m) => m.id)).toEqual(['L2']);
    expect(d.falsePositives).toHaveLength(1);
    expect(d.falsePositives[0]!.centreLps[1]).toBeCloseTo(-8, 0);
    expect(d.sensitivity).toBe(0.5);
    expect(d.found[0]!.dice).toBeGreaterThan(0.4);
    expect(d.found[0]!.dice).toBeLessThan(1);
    expect(scores.debrief[0]).toBe('Found 1 of 2 lesions; 1 false positive.');
    expect(scores.debrief.join(' ')).toContain('at lesion L2 (left lobe)');
  });

  it('measures ablation coverage and margin: a 7 mm-larger sphere meets 5 mm, a tight one does not', () => {
    const t = task({
      id: 'plan-ablation:L1',
      kind: 'plan-ablation',
      lesion: { id: 'L1', nearLps: [0, 0, 0] },
      marginTarget: { mm: 5, source: 'test' },
    });
    const wide = rasterise(grid, sphere([-5, 0, 0], 3.5 + 7.5));
    const r1 = scoreAttempt({
      task: t,
      reference,
      truth,
      attempt: {
        grid,
        labels: labelsOf([
          [liverRef, 1],
          [wide, 3],
        ]),
        segments,
      },
    });
    expect(r1.scores.ablation!.coveragePercent).toBe(100);
    expect(r1.scores.ablation!.targetMet).toBe(true);
    expect(r1.scores.headline.value!).toBeGreaterThanOrEqual(5);
    const tight = rasterise(grid, sphere([-5, 0, 0], 4.5));
    const r2 = scoreAttempt({
      task: t,
      reference,
      truth,
      attempt: {
        grid,
        labels: labelsOf([
          [liverRef, 1],
          [tight, 3],
        ]),
        segments,
      },
    });
    expect(r2.scores.ablation!.targetMet).toBe(false);
    expect(r2.scores.ablation!.marginMm!).toBeLessThan(3);
    expect(r2.errorMap!.some((v) => v === ERROR_MAP.falseNegative)).toBe(true);
    const none = scoreAttempt({
      task: t,
      reference,
      truth,
      attempt: { grid, labels: labelsOf([[liverRef, 1]]), segments },
    });
    expect(none.scores.headline.value).toBeNull();
    expect(none.scores.debrief[0]).toContain('No ablation zone');
  });

  it('scores on an oblique grid too (positions in the debrief are patient LPS)', () => {
    const g = obliqueGrid([24, 24, 10], [1.2, 1.2, 2], [0, 0, 0]);
    const centre = indexToPatient(g, 12, 12, 5);
    const liver = rasterise(g, sphere(centre, 9));
    const ref: ReferenceMasks = { grid: g, liver, lesions: [] };
    const half = liver.slice();
    for (let v = 0; v < half.length; v++) if (Math.floor(v / (24 * 24)) >= 5) half[v] = 0;
    const { scores } = scoreAttempt({
      task: task({ id: 'segment-liver', kind: 'segment-liver' }),
      reference: ref,
      truth: { ...truth, lesions: [] },
      attempt: { grid: g, labels: half, segments },
    });
    const miss = scores.debrief[1]!.match(/LPS \((-?\d+), (-?\d+), (-?\d+)\)/)!
      .slice(1)
      .map(Number);
    const expected = indexToPatient(g, 12, 12, 7);
    expect(Math.hypot(miss[0]! - expected[0], miss[1]! - expected[1], miss[2]! - expected[2])).toBeLessThan(2.5);
  });
});
