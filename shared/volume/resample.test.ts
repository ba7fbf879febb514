import { describe, expect, it } from 'vitest';
import { indexToPatient, type ScalarVolume } from './grid';
import { resampleLabelmap, resampleScalar } from './resample';
import { axialGrid, obliqueGrid, rasterise, sphere } from './testing/testGrids';

describe('resample', () => {
  it('reproduces a linear field exactly with trilinear interpolation across orientations', () => {
    const src = axialGrid([20, 22, 12], [1, 1.2, 2.5], [-10, -12, -14]);
    const f = (p: number[]) => 2 * p[0]! - 0.5 * p[1]! + 3 * p[2]! + 7;
    const data = new Float32Array(20 * 22 * 12);
    for (let k = 0, n = 0; k < 12; k++)
      for (let j = 0; j < 22; j++) for (let i = 0; i < 20; i++, n++) data[n] = f(indexToPatient(src, i, j, k));
    const target = obliqueGrid([8, 8, 6], [1.3, 0.9, 1.7], [-4, -3, -5]);
    const out = resampleScalar({ grid: src, data } as ScalarVolume, target, -1000);
    for (let k = 0, n = 0; k < 6; k++)
      for (let j = 0; j < 8; j++)
        for (let i = 0; i < 8; i++, n++) {
          expect(out.data[n]).toBeCloseTo(f(indexToPatient(target, i, j, k)), 3);
        }
  });

  it('fills samples outside the source', () => {
    const src = axialGrid([2, 2, 2], [1, 1, 1]);
    const out = resampleScalar(
      { grid: src, data: new Float32Array(8).fill(5) },
      axialGrid([1, 1, 1], [1, 1, 1], [9, 9, 9]),
      -1,
    );
    expect(out.data[0]).toBe(-1);
  });

  it('keeps a sphere labelmap in place through an oblique grid (nearest neighbour)', () => {
    const src = axialGrid([40, 40, 20], [0.8, 0.8, 2]);
    const c: [number, number, number] = [16, 16, 20];
    const labels = rasterise(src, sphere(c, 9)).map((v) => v * 3);
    const target = obliqueGrid([50, 50, 40], [0.7, 0.7, 1], [0, -4, 2]);
    const out = resampleLabelmap({ grid: src, data: labels }, target);
    const truth = rasterise(target, sphere(c, 9));
    let agree = 0;
    let inside = 0;
    let foreign = 0;
    for (let n = 0; n < truth.length; n++) {
      if (truth[n]) inside++;
      if (truth[n] && out.data[n] === 3) agree++;
      if (out.data[n] !== 0 && out.data[n] !== 3) foreign++;
    }
    expect(foreign).toBe(0);
    expect(inside).toBeGreaterThan(1000);
    expect(agree / inside).toBeGreaterThan(0.9);
  });
});
