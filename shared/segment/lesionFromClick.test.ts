import { describe, expect, it } from 'vitest';
import { flatIndex, patientToIndex, type Grid, type Vec3 } from '../volume/grid';
import { axialGrid, obliqueGrid } from '../volume/testGrids';
import { lesionFromClick } from './lesionFromClick';
import { dice, makeTestPhantom } from './testPhantom';

const toIndex = (grid: Grid, p: Vec3) => flatIndex(grid, ...(patientToIndex(grid, p).map(Math.round) as Vec3));

describe('lesionFromClick', () => {
  const grid = obliqueGrid([44, 36, 22], [1.2, 1.1, 2]);
  const ph = makeTestPhantom(grid, 10, 9);
  const phases = [ph.phases.portal, ph.phases.arterial];

  it('picks the arterial phase (higher lesion contrast) and segments each lesion', () => {
    ph.lesionCentres.forEach((c, n) => {
      const r = lesionFromClick(phases, { click: toIndex(grid, c), liverMask: ph.liver });
      expect(r.phaseIndex).toBe(1);
      expect(r.conspicuity[1]!.contrastToNoise).toBeGreaterThan(r.conspicuity[0]!.contrastToNoise);
      expect(dice(r.mask, ph.lesions[n]!)).toBeGreaterThan(0.85);
    });
  });

  it('works on a single phase without a liver mask, and the radius cap holds', () => {
    const c = ph.lesionCentres[0]!;
    const click = toIndex(grid, c);
    const r = lesionFromClick([ph.phases.portal], { click, maxRadiusMm: 40 });
    expect(r.phaseIndex).toBe(0);
    expect(dice(r.mask, ph.lesions[0]!)).toBeGreaterThan(0.75);
    const capped = lesionFromClick([ph.phases.portal], { click, maxRadiusMm: 3 });
    expect(capped.voxelCount).toBeLessThan(r.voxelCount / 2);
  });

  it('rejects phases on different grids', () => {
    const other = { grid: axialGrid([44, 36, 22], [1.2, 1.1, 2]), data: ph.phases.arterial.data };
    expect(() => lesionFromClick([ph.phases.portal, other], { click: 0 })).toThrow(/grid/);
  });
});
