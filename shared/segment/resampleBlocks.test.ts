import { describe, expect, it } from 'vitest';
import { flatIndex, indexToPatient, type Vec3 } from '../volume/grid';
import { obliqueGrid } from '../volume/testing/testGrids';
import { blockFactors, downsampleMean, upsampleMask } from './resampleBlocks';
import { randomMask } from './testing/randomMasks';
import { countOnes, dice } from './testing/testPhantom';

describe('block resampling', () => {
  it('picks integer factors towards the working voxel size', () => {
    expect(blockFactors([0.75, 0.75, 0.8], 2)).toEqual([2, 2, 2]);
    expect(blockFactors([1.5, 1.5, 2.5], 2)).toEqual([1, 1, 1]);
    expect(blockFactors([0.5, 0.5, 3], 2)).toEqual([4, 4, 1]);
  });

  it('averages blocks exactly (partial blocks at the far edges) and maps indices', () => {
    const grid = obliqueGrid([5, 4, 3], [0.5, 0.5, 1]);
    const data = Float32Array.from({ length: 60 }, (_, n) => n);
    const d = downsampleMean({ grid, data }, [2, 2, 1]);
    expect(d.volume.grid.dims).toEqual([3, 2, 3]);
    expect(d.volume.grid.spacing).toEqual([1, 1, 1]);
    const v = d.volume.data;
    // Block (0,0,0): fine i 0-1, j 0-1, k 0.
    expect(v[0]).toBeCloseTo((0 + 1 + 5 + 6) / 4, 5);
    // Block (2,0,0) is partial: fine i 4 only.
    expect(v[2]).toBeCloseTo((4 + 9) / 2, 5);
    expect(d.toWork(flatIndex(grid, 4, 3, 2))).toBe(2 + 3 * (1 + 2 * 2));
    // The coarse voxel centre sits at the centre of its block.
    const a = indexToPatient(d.volume.grid, 1, 1, 1);
    const b = indexToPatient(grid, 2.5, 2.5, 1);
    for (let c = 0; c < 3; c++) expect(a[c]).toBeCloseTo(b[c]!, 6);
    const same = downsampleMean({ grid, data }, [1, 1, 1]);
    expect(same.identity).toBe(true);
    expect(same.volume.data).toBe(data);
  });

  it('interpolates a coarse mask back into a smooth fine mask', () => {
    const grid = obliqueGrid([48, 44, 40], [0.6, 0.6, 0.7]);
    const [nx, ny, nz] = grid.dims;
    const ball = new Uint8Array(nx * ny * nz);
    const c = indexToPatient(grid, 23.5, 21.5, 19.5);
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          const p = indexToPatient(grid, i, j, k);
          if (Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]) <= 9) ball[flatIndex(grid, i, j, k)] = 1;
        }
    const d = downsampleMean({ grid, data: Float32Array.from(ball) }, [3, 3, 3]);
    const coarse = Uint8Array.from(d.volume.data, (v) => (v >= 0.5 ? 1 : 0));
    const dims = d.volume.grid.dims;
    const out = upsampleMask(
      coarse,
      { min: [0, 0, 0], max: [dims[0] - 1, dims[1] - 1, dims[2] - 1] },
      dims,
      d,
      grid,
      new Uint8Array(ball.length),
    );
    expect(dice(out, ball)).toBeGreaterThan(0.95);
    expect(Math.abs(countOnes(out) - countOnes(ball)) / countOnes(ball)).toBeLessThan(0.05);
  });

  it('writes every fine voxel under the box whatever the output held (zeros over ones too)', () => {
    const grid = obliqueGrid([25, 23, 19], [0.7, 0.7, 1.1]);
    const total = 25 * 23 * 19;
    const d = downsampleMean({ grid, data: new Float32Array(total) }, [2, 2, 1]);
    const [cx, cy, cz] = d.volume.grid.dims;
    const box = { min: [1, 2, 3] as Vec3, max: [cx - 2, cy - 1, cz - 4] as Vec3 };
    const dims = box.max.map((v, a) => v - box.min[a]! + 1) as Vec3;
    const coarse = randomMask(dims, 5, 0.3);
    const clean = upsampleMask(coarse, box, dims, d, grid, new Uint8Array(total));
    const dirty = upsampleMask(coarse, box, dims, d, grid, Uint8Array.from(randomMask(grid.dims, 9, 0.5)));
    const fresh = randomMask(grid.dims, 9, 0.5);
    const [fx, fy] = d.factors;
    for (let n = 0; n < total; n++) {
      const i = Math.floor((n % 25) / fx);
      const j = Math.floor((Math.floor(n / 25) % 23) / fy);
      const k = Math.floor(n / (25 * 23));
      const under =
        i >= box.min[0] && i <= box.max[0] && j >= box.min[1] && j <= box.max[1] && k >= box.min[2] && k <= box.max[2];
      expect(dirty[n]).toBe(under ? clean[n] : fresh[n]);
    }
  });

  it('equals plain per-voxel trilinear interpolation, and lists exactly the voxels of mixed cells', () => {
    for (const [dims, spacing, factors] of [
      [
        [31, 27, 22],
        [0.75, 0.75, 2.01],
        [2, 2, 1],
      ],
      [
        [26, 29, 24],
        [0.6, 0.7, 0.5],
        [3, 2, 4],
      ],
    ] as [Vec3, Vec3, Vec3][]) {
      const grid = obliqueGrid(dims, spacing);
      const [nx, ny, nz] = dims;
      const d = downsampleMean({ grid, data: new Float32Array(nx * ny * nz) }, factors);
      const cd = d.volume.grid.dims;
      const box = { min: [1, 0, 1] as Vec3, max: [cd[0] - 1, cd[1] - 2, cd[2] - 1] as Vec3 };
      const bd = box.max.map((v, a) => v - box.min[a]! + 1) as Vec3;
      for (let seed = 1; seed <= 3; seed++) {
        const coarse = randomMask(bd, seed * 31, 0.1);
        const mixed: number[] = [];
        const out = upsampleMask(coarse, box, bd, d, grid, new Uint8Array(nx * ny * nz), mixed);
        const plain = new Uint8Array(nx * ny * nz);
        const plainMixed: number[] = [];
        const at = (i: number, j: number, k: number) => coarse[i + bd[0] * (j + bd[1] * k)]!;
        const coord = (t: number, a: number) => {
          const u = Math.min(bd[a]! - 1, Math.max(0, (t + 0.5) / factors[a]! - 0.5 - box.min[a]!));
          const lo = Math.floor(u);
          return [lo, Math.min(bd[a]! - 1, lo + 1), u - lo] as const;
        };
        const range = (a: number) => [
          box.min[a]! * factors[a]!,
          Math.min(dims[a]! - 1, (box.max[a]! + 1) * factors[a]! - 1),
        ];
        const [xr, yr, zr] = [range(0), range(1), range(2)];
        for (let k = zr[0]!; k <= zr[1]!; k++)
          for (let j = yr[0]!; j <= yr[1]!; j++)
            for (let i = xr[0]!; i <= xr[1]!; i++) {
              const [x0, x1, wx] = coord(i, 0);
              const [y0, y1, wy] = coord(j, 1);
              const [z0, z1, wz] = coord(k, 2);
              const c = [
                at(x0, y0, z0),
                at(x1, y0, z0),
                at(x0, y1, z0),
                at(x1, y1, z0),
                at(x0, y0, z1),
                at(x1, y0, z1),
                at(x0, y1, z1),
                at(x1, y1, z1),
              ];
              const n = i + nx * (j + ny * k);
              if (c.some((v) => v !== c[0])) plainMixed.push(n);
              const v0 =
                (c[0]! + (c[1]! - c[0]!) * Math.fround(wx)) * (1 - Math.fround(wy)) +
                (c[2]! + (c[3]! - c[2]!) * Math.fround(wx)) * Math.fround(wy);
              const v1 =
                (c[4]! + (c[5]! - c[4]!) * Math.fround(wx)) * (1 - Math.fround(wy)) +
                (c[6]! + (c[7]! - c[6]!) * Math.fround(wx)) * Math.fround(wy);
              plain[n] = v0 + (v1 - v0) * Math.fround(wz) >= 0.5 ? 1 : 0;
            }
        expect(out).toEqual(plain);
        expect(mixed).toEqual(plainMixed);
      }
    }
  });
});
