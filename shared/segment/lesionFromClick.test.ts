import { describe, expect, it } from 'vitest';
import { flatIndex, patientToIndex, type Grid, type Vec3 } from '../volume/grid';
import { axialGrid, obliqueGrid } from '../volume/testGrids';
import { lesionFromClick } from './lesionFromClick';
import { dice, makeConfluentPhantom, makeTestPhantom } from './testPhantom';

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
    expect(() => lesionFromClick(phases, { click: 0, liverMask: ph.liver })).toThrow(/outside the liver/);
  });
});

describe('lesionFromClick on confluent and necrotic lesions', () => {
  for (const [name, grid] of [
    ['axial', axialGrid([60, 48, 26], [1.25, 1.25, 2])],
    ['oblique', obliqueGrid([60, 48, 26], [1.25, 1.25, 2])],
  ] as const) {
    it(`takes the enhancing rim with the necrotic core, and splits touching lesions (${name})`, () => {
      const ph = makeConfluentPhantom(grid, 10, 4);
      const phases = [ph.phases.portal, ph.phases.arterial];
      const results = ph.lesionCentres.map((c) =>
        lesionFromClick(phases, { click: toIndex(grid, c), liverMask: ph.liver }),
      );
      results.forEach((r, n) => {
        expect(dice(r.mask, ph.lesions[n]!)).toBeGreaterThan(0.9);
        expect(r.phaseIndex).toBe(1);
      });
      // A: clicked in its non-enhancing core, which the result holds whole.
      expect(results[0]!.necroticCore).toBe(true);
      let core = 0;
      let inside = 0;
      for (let v = 0; v < ph.necrosis.length; v++) {
        core += ph.necrosis[v]!;
        inside += ph.necrosis[v]! & results[0]!.mask[v]!;
      }
      expect(inside).toBe(core);
      // B runs into A with no intensity edge between them: without the split it takes A too.
      expect(results[1]!.necroticCore).toBe(false);
      const joined = lesionFromClick(phases, {
        click: toIndex(grid, ph.lesionCentres[1]!),
        liverMask: ph.liver,
        splitConfluent: false,
      });
      expect(dice(joined.mask, ph.lesions[1]!)).toBeLessThan(0.5);
    });
  }
});
