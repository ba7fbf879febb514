import { describe, expect, it } from 'vitest';
import { loadDefaultRuleSet } from '../planning/loadDefaultRuleSet';
import type { Grid } from '../volume/grid';
import { measureCase } from './measureCase';
import { randomCase } from './testing/randomCase';

const grid: Grid = {
  dims: [20, 10, 6],
  spacing: [1.5, 1, 2.5],
  origin: [0, 0, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};
const at = (i: number, j: number, k: number) => i + 20 * (j + 10 * k);
const voxelMl = (1.5 * 1 * 2.5) / 1000;

function cube(d: Uint8Array, [i0, j0, k0]: number[], size: number, label: number) {
  for (let k = k0!; k < k0! + size; k++)
    for (let j = j0!; j < j0! + size; j++) for (let i = i0!; i < i0! + size; i++) d[at(i, j, k)] = label;
}

/** Liver box (label 1) holding a two-part lesion segment (2) and a two-tumour label from another tool (3). */
function twoPartCase() {
  const d = new Uint8Array(1200);
  cube(d, [0, 0, 0], 10, 1); // 10 x 10 x 6 after clipping to the grid
  for (let k = 0; k < 6; k++) for (let j = 0; j < 10; j++) for (let i = 10; i < 20; i++) d[at(i, j, k)] = 1;
  cube(d, [1, 1, 1], 2, 2);
  cube(d, [6, 6, 1], 2, 2);
  cube(d, [12, 1, 1], 3, 3);
  cube(d, [16, 6, 2], 2, 3);
  return d;
}

describe('measureCase', () => {
  it('counts each lesion segment once, each part of a multi-lesion label as a lesion, and says which segment has parts', () => {
    const f = measureCase({
      labels: { grid, data: twoPartCase() },
      segments: [
        { label: 1, name: 'Liver', kind: 'liver' },
        { label: 2, name: 'Lesion 1', kind: 'lesion', uid: '2.25.42' },
        { label: 3, name: 'Label 3', kind: 'lesion', multiLesion: true },
      ],
    });
    expect(f.lesionCount).toBe(3);
    expect(f.lesions[0]!.uid).toBe('2.25.42');
    expect(f.lesions.map((l) => [l.id, l.voxels, l.part])).toEqual([
      ['L2', 16, null],
      ['L3.1', 27, 1],
      ['L3.2', 8, 2],
    ]);
    expect(f.lesionChecks).toEqual([{ id: 'L2', name: 'Lesion 1', parts: 2 }]);
    expect(f.lesions[1]!.axialLongestMm).toBeCloseTo(Math.hypot(2 * 1.5, 2), 6);
    expect(f.lesions[1]!.maxDiameter3dMm).toBeCloseTo(Math.hypot(2 * 1.5, 2, 2 * 2.5), 6);
    expect(f.lesions.every((l) => l.lobe === null)).toBe(true);
    // Burden: tumour voxels over liver including them (the whole 20 x 10 x 6 box).
    expect(f.burden!.percent).toBeCloseTo((100 * 51) / 1200, 9);
    expect(f.wholeLiver).toMatchObject({ voxels: 1200, intrahepaticVesselMl: 0 });
    expect(f.wholeLiver!.ml).toBeCloseTo(1200 * voxelMl, 9);
  });

  it('gives a burden (0 %) for a liver without lesions, and says why there is none without a liver', () => {
    const d = new Uint8Array(1200).fill(1);
    const liverOnly = measureCase({
      labels: { grid, data: d },
      segments: [{ label: 1, name: 'Liver', kind: 'liver' }],
    });
    expect(liverOnly.burden).toMatchObject({ percent: 0, bin: expect.stringMatching(/10/) });
    expect(liverOnly.lesionCount).toBe(0);
    const none = measureCase({ labels: { grid, data: new Uint8Array(1200) }, segments: [] });
    expect(none.burden).toBeNull();
    expect(none.wholeLiver).toBeNull();
    expect(none.burdenNote).toMatch(/liver/);
  });

  it('measures tumour and normal liver inside a target territory, with masses at the rule-set density', () => {
    const data = twoPartCase();
    const target = new Uint8Array(1200);
    for (let k = 0; k < 6; k++) for (let j = 0; j < 10; j++) for (let i = 10; i < 20; i++) target[at(i, j, k)] = 1;
    const f = measureCase({
      labels: { grid, data },
      segments: [
        { label: 1, name: 'Liver', kind: 'liver' },
        { label: 3, name: 'Label 3', kind: 'lesion', multiLesion: true },
      ],
      target,
    });
    const density = loadDefaultRuleSet().constants.tissueDensity;
    expect(density.value).toBe(1.03);
    expect(f.target!.tumourMl).toBeCloseTo(35 * voxelMl, 9);
    expect(f.target!.normalMl).toBeCloseTo((600 - 35) * voxelMl, 9);
    expect(f.target!.targetMl).toBeCloseTo(600 * voxelMl, 9);
    expect(f.target!.tumourKg).toBeCloseTo((35 * voxelMl * 1.03) / 1000, 12);
    expect(f.target!.normalKg).toBeCloseTo(((600 - 35) * voxelMl * 1.03) / 1000, 12);
    expect(f.target!.density.source).toMatch(/1\.03/);
  });

  it('reads HU per phase, resampling a phase on another grid (NaN where it does not reach)', () => {
    const data = twoPartCase();
    const shifted: Grid = { ...grid, origin: [0, 0, 2.5] };
    const f = measureCase({
      labels: { grid, data },
      segments: [{ label: 2, name: 'Lesion 1', kind: 'lesion' }],
      phases: [
        { name: 'portal', volume: { grid, data: new Float32Array(1200).fill(80) } },
        { name: 'arterial', volume: { grid: shifted, data: new Float32Array(1200).fill(120) } },
      ],
    });
    expect(f.lesions[0]!.intensity.map((i) => [i.phase, i.mean])).toEqual([
      ['portal', 80],
      ['arterial', 120],
    ]);
  });

  // Property: on random cases, whole liver = liver + lesions + the portal vein voxels inside the
  // liver, never the IVC; tumour = lesion voxels; every lesion segment is one lesion.
  it.each([1, 2, 3, 4, 5, 6])('holds the whole-liver and lesion definitions on random case %i', (seed) => {
    const { labels, segments } = randomCase(seed);
    const f = measureCase({ labels, segments });
    const count = (l: number) => Array.from(labels.data).filter((v) => v === l).length;
    const lesionLabels = segments.filter((s) => s.kind === 'lesion').map((s) => s.label);
    const tumour = lesionLabels.reduce((a, l) => a + count(l), 0);
    const vein = count(10);
    expect(f.lesionCount).toBe(lesionLabels.length);
    expect(f.lesions.map((l) => l.id)).toEqual(lesionLabels.map((l) => `L${l}`));
    expect(f.lesionChecks.map((c) => c.id)).toEqual(['L2']);
    expect(Math.round((f.burden!.tumourMl * 1000) / f.voxelVolumeMm3)).toBe(tumour);
    // The vein runs inside the liver and is given back whole; the IVC outside it is not.
    expect(f.wholeLiver!.voxels).toBe(count(1) + tumour + vein);
    expect(Math.round((f.wholeLiver!.intrahepaticVesselMl * 1000) / f.voxelVolumeMm3)).toBe(vein);
  });
});
