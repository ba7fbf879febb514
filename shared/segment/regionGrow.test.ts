import { describe, expect, it } from 'vitest';
import { flatIndex, patientToIndex } from '../volume/grid';
import { axialGrid, obliqueGrid } from '../volume/testing/testGrids';
import { regionGrow } from './regionGrow';
import { countOnes, dice, makeTestPhantom } from './testing/testPhantom';

const toIndex = (grid: ReturnType<typeof axialGrid>, p: [number, number, number]) => {
  const q = patientToIndex(grid, p).map(Math.round) as [number, number, number];
  return flatIndex(grid, ...q);
};

describe('regionGrow', () => {
  it('grows an explicit window 6-connected and stops at other intensities', () => {
    const grid = axialGrid([10, 10, 4], [1, 1, 2]);
    const data = new Float32Array(400).fill(0);
    // two bright blocks touching only by an edge (not 6-connected)
    for (let k = 0; k < 4; k++)
      for (let j = 0; j < 5; j++)
        for (let i = 0; i < 5; i++) {
          data[flatIndex(grid, i, j, k)] = 100;
          data[flatIndex(grid, i + 5, j + 5, k)] = 100;
        }
    const r = regionGrow({ grid, data }, { seeds: [flatIndex(grid, 1, 1, 1)], window: [50, 150] });
    expect(r.voxelCount).toBe(100);
    expect(r.mask[flatIndex(grid, 6, 6, 1)]).toBe(0);
    expect(r.window).toEqual([50, 150]);
  });

  it('estimates the window from the seed neighbourhood and segments the portal-phase liver parenchyma', () => {
    const grid = obliqueGrid([40, 34, 20], [1.5, 1.4, 2.5]);
    const ph = makeTestPhantom(grid, 8);
    const seed = toIndex(grid, ph.lesionCentres[0]!.map((v, a) => v + (a === 0 ? 10 : 0)) as [number, number, number]);
    const r = regionGrow(ph.phases.portal, { seeds: [seed], k: 2.5, statsRadiusMm: 4, smoothingRadiusMm: 1.5 });
    expect(r.window[0]).toBeGreaterThan(90);
    expect(r.window[1]).toBeLessThan(130);
    // parenchyma only: lesions and the vessel are excluded, so overlap with the whole liver is partial
    expect(dice(r.mask, ph.liver)).toBeGreaterThan(0.8);
    for (const lesion of ph.lesions) {
      let inside = 0;
      for (let n = 0; n < lesion.length; n++) if (lesion[n] && r.mask[n]) inside++;
      expect(inside / countOnes(lesion)).toBeLessThan(0.3);
    }
  });

  it('honours the maximum radius and the constraint mask', () => {
    const grid = axialGrid([21, 21, 11], [1, 1, 2]);
    const data = new Float32Array(21 * 21 * 11).fill(100);
    const seed = flatIndex(grid, 10, 10, 5);
    const r = regionGrow({ grid, data }, { seeds: [seed], window: [0, 200], maxRadiusMm: 4 });
    // ball of radius 4 mm with 1x1x2 mm voxels
    let expected = 0;
    for (let k = -2; k <= 2; k++)
      for (let j = -4; j <= 4; j++) for (let i = -4; i <= 4; i++) if (i * i + j * j + 4 * k * k <= 16) expected++;
    expect(r.voxelCount).toBe(expected);
    const constraint = new Uint8Array(data.length);
    for (let i = 0; i < 21; i++) constraint[flatIndex(grid, i, 10, 5)] = 1;
    const c = regionGrow({ grid, data }, { seeds: [seed], window: [0, 200], constraint });
    expect(c.voxelCount).toBe(21);
  });

  it('rejects seeds outside the image', () => {
    const grid = axialGrid([4, 4, 4], [1, 1, 1]);
    expect(() => regionGrow({ grid, data: new Float32Array(64) }, { seeds: [64] })).toThrow(/seed/);
  });
});
