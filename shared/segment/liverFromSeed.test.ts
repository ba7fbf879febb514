import { describe, expect, it } from 'vitest';
import { flatIndex, patientToIndex, type Grid, type Vec3 } from '../volume/grid';
import { axialGrid, obliqueGrid } from '../volume/testGrids';
import { liverFromSeed } from './liverFromSeed';
import { dice, makeTestPhantom } from './testPhantom';

const toIndex = (grid: Grid, p: Vec3) => flatIndex(grid, ...(patientToIndex(grid, p).map(Math.round) as Vec3));

describe('liverFromSeed', () => {
  it('segments the whole liver with its lesions and vessel from one click (oblique, anisotropic)', () => {
    const grid = obliqueGrid([44, 36, 22], [1.4, 1.3, 2.5]);
    const ph = makeTestPhantom(grid, 10, 3);
    const c = ph.lesionCentres[0]!;
    const seed = toIndex(grid, [c[0] + 8, c[1] - 8, c[2] + 5]);
    const progress: number[] = [];
    const r = liverFromSeed(ph.phases.portal, { seed, onProgress: (f) => progress.push(f) });
    expect(dice(r.mask, ph.liver)).toBeGreaterThan(0.95);
    for (const lesion of ph.lesions) {
      let inside = 0;
      let size = 0;
      for (let n = 0; n < lesion.length; n++) {
        size += lesion[n]!;
        inside += lesion[n]! & r.mask[n]!;
      }
      expect(inside / size).toBeGreaterThan(0.9);
    }
    expect(progress.at(-1)).toBe(1);
  });

  it('an exclude stroke stops the grow from claiming a touching organ of similar intensity', () => {
    const grid = axialGrid([44, 36, 18], [1.4, 1.4, 3]);
    const ph = makeTestPhantom(grid, 6, 5);
    // Make the "stomach" almost liver-bright and weld it to the liver with a broad contact.
    const data = ph.phases.portal.data;
    for (let n = 0; n < data.length; n++) if (ph.labels[n] === 2) data[n] = data[n]! + 17;
    const c = ph.lesionCentres[0]!;
    const seed = toIndex(grid, [c[0] + 8, c[1] - 8, c[2] + 5]);
    const wide = liverFromSeed(ph.phases.portal, { seed, k: 6, leakCutMm: 0 });
    let stomach = 0;
    for (let n = 0; n < data.length; n++) if (ph.labels[n] === 2 && wide.mask[n]) stomach++;
    expect(stomach).toBeGreaterThan(100);
    const exclude: number[] = [];
    for (let n = 0; n < data.length; n++) if (ph.labels[n] === 2 && n % 7 === 0) exclude.push(n);
    const refined = liverFromSeed(ph.phases.portal, { seed, k: 6, leakCutMm: 0, exclude });
    let left = 0;
    for (let n = 0; n < data.length; n++) if (ph.labels[n] === 2 && refined.mask[n]) left++;
    expect(left).toBeLessThan(stomach * 0.2);
    expect(dice(refined.mask, ph.liver)).toBeGreaterThan(0.93);
  });

  it('rejects a seed outside the image', () => {
    const grid = axialGrid([4, 4, 4], [1, 1, 1]);
    expect(() => liverFromSeed({ grid, data: new Float32Array(64) }, { seed: -1 })).toThrow(/outside/);
  });
});
