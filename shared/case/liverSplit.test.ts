import { describe, expect, it } from 'vitest';
import { indexToPatient, type Vec3 } from '../volume/grid';
import { axialGrid, obliqueGrid, rasterise } from '../volume/testing/testGrids';
import { keptSideWords, planeDistanceMm, planeFromPoints, splitMask, type SplitPlane } from './liverSplit';

const ball = (c: Vec3, r: number) => (p: Vec3) => Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]) <= r;

describe('planeFromPoints', () => {
  it('gives the unit normal (b - a) x (c - a) and passes through all three points', () => {
    const pts: [Vec3, Vec3, Vec3] = [
      [10, 2, -3],
      [12, 7, 4],
      [-5, 9, 1],
    ];
    const p = planeFromPoints(...pts);
    expect(Math.hypot(...p.normal)).toBeCloseTo(1, 12);
    for (const x of pts) expect(planeDistanceMm(p, x)).toBeCloseTo(0, 9);
    // A sagittal plane x = 5 through three points: normal along +x or -x by click order.
    const sag = planeFromPoints([5, 0, 0], [5, 10, 0], [5, 0, 10]);
    expect(sag.normal[0]).toBeCloseTo(1, 12);
    expect(planeDistanceMm(sag, [8, 3, 3])).toBeCloseTo(3, 12);
  });

  it('refuses three points on one line or on one spot', () => {
    expect(() => planeFromPoints([0, 0, 0], [10, 10, 10], [20, 20, 20.001])).toThrow(/one line/);
    expect(() => planeFromPoints([1, 1, 1], [1, 1, 1], [1, 1, 1])).toThrow(/one line/);
  });
});

describe('splitMask', () => {
  const cut = (keep: SplitPlane['keep']): SplitPlane => ({
    // An oblique plane through the ball's centre, not aligned with any axis.
    points: [
      [20, 20, 20],
      [30, 24, 12],
      [18, 35, 28],
    ],
    keep,
  });

  for (const [name, grid] of [
    ['axial, anisotropic', axialGrid([40, 36, 16], [1, 1.2, 2.5])],
    ['oblique, anisotropic', obliqueGrid([44, 40, 22], [0.9, 1.1, 2], [-5, -8, 2])],
  ] as const) {
    it(`keeps exactly the voxels whose centres lie on the kept side (${name})`, () => {
      const liver = rasterise(grid, ball([20, 20, 20], 14));
      const plane = planeFromPoints(...cut('positive').points);
      const pos = splitMask(liver, grid, [cut('positive')]);
      const neg = splitMask(liver, grid, [cut('negative')]);
      const [nx, ny] = grid.dims;
      let inLiver = 0;
      for (let n = 0; n < liver.length; n++) {
        if (!liver[n]) {
          expect(pos[n] | neg[n]!).toBe(0);
          continue;
        }
        inLiver++;
        const i = n % nx;
        const j = Math.floor(n / nx) % ny;
        const k = Math.floor(n / (nx * ny));
        const d = planeDistanceMm(plane, indexToPatient(grid, i, j, k));
        // Brute force in patient space agrees voxel by voxel.
        expect(pos[n]).toBe(d >= 0 ? 1 : 0);
        // The two sides partition the mask: no voxel lost or counted twice.
        expect(pos[n]! + neg[n]!).toBe(Math.abs(d) < 1e-9 ? 2 : 1);
      }
      const count = (m: Uint8Array) => m.reduce((a, b) => a + b, 0);
      expect(inLiver).toBeGreaterThan(1000);
      // Through the centre of a ball: about half on each side.
      expect(count(pos) / inLiver).toBeGreaterThan(0.4);
      expect(count(pos) / inLiver).toBeLessThan(0.6);
    });
  }

  it('intersects several cuts (a sector) and says which side is kept in patient words', () => {
    const grid = obliqueGrid([40, 40, 20], [1, 1, 2]);
    const all = new Uint8Array(40 * 40 * 20).fill(1);
    const right: SplitPlane = {
      points: [
        [5, 0, 0],
        [5, 0, 10],
        [5, 10, 0],
      ],
      keep: 'positive',
    };
    const anterior: SplitPlane = {
      points: [
        [0, 8, 0],
        [10, 8, 0],
        [0, 8, 10],
      ],
      keep: 'positive',
    };
    expect(keptSideWords(right)).toBe('patient right');
    expect(keptSideWords(anterior)).toBe('anterior');
    const sector = splitMask(all, grid, [right, anterior]);
    const [nx, ny] = grid.dims;
    for (let n = 0; n < all.length; n += 7) {
      const p = indexToPatient(grid, n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny)));
      expect(sector[n]).toBe(p[0] <= 5 && p[1] <= 8 ? 1 : 0);
    }
  });
});
