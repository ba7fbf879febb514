import { describe, expect, it } from 'vitest';
import { keptPlane, planeDistanceMm, planeFromPoints, splitMask, type SplitPlane } from '../case/liverSplit';
import { indexToPatient, patientToIndex, type Vec3 } from '../volume/grid';
import { axialGrid, obliqueGrid, rasterise, sphere } from '../volume/testing/testGrids';
import {
  coarseLiver,
  cutDrawings,
  gridCorners,
  KEPT,
  planeInBox,
  REST,
  splitPreviewVolume,
  turnCamera,
} from './splitPreview3d';

const unitCube = gridCorners(axialGrid([1, 1, 1], [1, 1, 1], [0.5, 0.5, 0.5]));
const count = (a: ArrayLike<number>, v = 1) => Array.from(a).filter((x) => x === v).length;

describe('coarseLiver', () => {
  // An ellipsoid on an oblique, anisotropic grid much larger than the preview's 24 voxels per axis.
  const grid = obliqueGrid([120, 90, 40], [0.8, 0.8, 2.5], [-30, 10, 5]);
  const mask = rasterise(grid, (p) => ((p[0] + 5) / 40) ** 2 + ((p[1] - 40) / 30) ** 2 + ((p[2] - 40) / 25) ** 2 <= 1);

  it('keeps every axis within maxDim, border included, and a background border all round', () => {
    const c = coarseLiver(mask, grid, 24)!;
    expect(Math.max(...c.grid.dims)).toBeLessThanOrEqual(24);
    const [nx, ny, nz] = c.grid.dims;
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++)
          if (i === 0 || j === 0 || k === 0 || i === nx - 1 || j === ny - 1 || k === nz - 1)
            expect(c.mask[i + nx * (j + ny * k)]).toBe(0);
  });

  it('marks the block holding each liver voxel, at the block centre in patient space', () => {
    const c = coarseLiver(mask, grid, 24)!;
    const [nx, ny] = grid.dims;
    let checked = 0;
    for (let n = 0; n < mask.length; n += 7) {
      if (!mask[n]) continue;
      const i = n % nx;
      const j = Math.floor(n / nx) % ny;
      const k = Math.floor(n / (nx * ny));
      // The source voxel centre lies within half a block of its block's centre: round gives its block.
      const [bi, bj, bk] = patientToIndex(c.grid, indexToPatient(grid, i, j, k)).map(Math.round) as Vec3;
      expect(c.mask[bi + c.grid.dims[0] * (bj + c.grid.dims[1] * bk)]).toBe(1);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
    // No block is liver without a liver voxel in it: the coarse volume is no larger than the pooled blocks allow.
    const blockMm3 = c.grid.spacing[0] * c.grid.spacing[1] * c.grid.spacing[2];
    const sourceMm3 = count(mask) * grid.spacing[0] * grid.spacing[1] * grid.spacing[2];
    expect(count(c.mask) * blockMm3).toBeGreaterThanOrEqual(sourceMm3);
    expect(count(c.mask) * blockMm3).toBeLessThan(3 * sourceMm3);
  });

  it('is the cropped mask itself when it already fits (blocks of one voxel)', () => {
    const g = axialGrid([20, 20, 10], [1, 1, 2]);
    const m = rasterise(g, sphere([10, 9, 9], 5));
    const c = coarseLiver(m, g, 96)!;
    expect(c.grid.spacing).toEqual([1, 1, 2]);
    expect(count(c.mask)).toBe(count(m));
    // Same voxel centres: each coarse liver voxel sits on a source liver voxel.
    const [nx, ny] = c.grid.dims;
    for (let n = 0; n < c.mask.length; n++) {
      if (!c.mask[n]) continue;
      const p = indexToPatient(c.grid, n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny)));
      const [i, j, k] = patientToIndex(g, p);
      for (const x of [i, j, k]) expect(x).toBeCloseTo(Math.round(x), 9);
      expect(m[Math.round(i) + 20 * (Math.round(j) + 20 * Math.round(k))]).toBe(1);
    }
  });

  it('is null for an empty liver and refuses a preview too small to hold a border', () => {
    const g = axialGrid([8, 8, 8], [1, 1, 1]);
    expect(coarseLiver(new Uint8Array(512), g)).toBeNull();
    expect(() => coarseLiver(new Uint8Array(512).fill(1), g, 2)).toThrow(/at least 3/);
  });
});

describe('splitPreviewVolume', () => {
  it('labels the kept side KEPT exactly as the split measures it, the rest REST, outside 0', () => {
    const g = obliqueGrid([30, 30, 20], [1, 1, 1.5]);
    const mask = rasterise(g, sphere([8, 20, 12], 9));
    const cut: SplitPlane = {
      points: [
        [8, 20, 12],
        [9, 30, 14],
        [4, 22, 25],
      ],
      keep: 'negative',
    };
    // Fits the preview: blocks of one voxel, so the coarse liver is the mask on its cropped box.
    const liver = coarseLiver(mask, g, 96)!;
    const { labels, keptMl, restMl } = splitPreviewVolume(liver, [cut]);
    const kept = splitMask(liver.mask, liver.grid, [cut]);
    for (let n = 0; n < labels.length; n++) expect(labels[n]).toBe(liver.mask[n] ? (kept[n] ? KEPT : REST) : 0);
    // Blocks of one voxel: the parts' volumes are the split's voxel counts at full resolution.
    const fullKept = count(splitMask(mask, g, [cut]));
    expect(keptMl).toBeCloseTo((fullKept * 1.5) / 1000, 12);
    expect(restMl).toBeCloseTo(((count(mask) - fullKept) * 1.5) / 1000, 12);
    expect(count(labels, KEPT)).toBeGreaterThan(0);
    expect(count(labels, REST)).toBeGreaterThan(0);
  });

  it('on pooled blocks: the parts add up to the liver exactly, and a plane between blocks splits it exactly', () => {
    const g = axialGrid([120, 100, 60], [0.7, 0.7, 2]);
    const mask = rasterise(g, (p) => ((p[0] - 42) / 35) ** 2 + ((p[1] - 35) / 28) ** 2 + ((p[2] - 60) / 50) ** 2 <= 1);
    const liver = coarseLiver(mask, g, 24)!;
    const [fx] = liver.grid.spacing.map((s, a) => s / g.spacing[a]!);
    expect(fx).toBeGreaterThan(1);
    // A sagittal plane on a block face: half way between two block centres along x.
    const faceX = indexToPatient(liver.grid, 6.5, 0, 0)[0];
    const cut: SplitPlane = {
      points: [
        [faceX, 0, 0],
        [faceX, 0, 10],
        [faceX, 10, 0],
      ],
      keep: 'positive',
    };
    const liverMl = (count(mask) * 0.7 * 0.7 * 2) / 1000;
    const { keptMl, restMl } = splitPreviewVolume(liver, [cut]);
    expect(keptMl + restMl).toBeCloseTo(liverMl, 9);
    expect(keptMl).toBeCloseTo((count(splitMask(mask, g, [cut])) * 0.7 * 0.7 * 2) / 1000, 9);
    expect(keptMl).toBeGreaterThan(0);
    expect(restMl).toBeGreaterThan(0);
  });

  it('is all REST before any plane is complete', () => {
    const g = axialGrid([20, 20, 10], [1, 1, 2]);
    const mask = rasterise(g, sphere([10, 9, 9], 5));
    const { labels, keptMl, restMl } = splitPreviewVolume(coarseLiver(mask, g)!, []);
    expect(count(labels, KEPT)).toBe(0);
    expect(count(labels, REST)).toBe(count(mask));
    expect(keptMl).toBe(0);
    expect(restMl).toBeCloseTo((count(mask) * 2) / 1000, 12);
  });
});

describe('planeInBox', () => {
  it('cuts a cube across one axis in a square', () => {
    const poly = planeInBox({ normal: [1, 0, 0], offset: 0.25 }, unitCube);
    expect(poly).toHaveLength(4);
    for (const p of poly) expect(p[0]).toBeCloseTo(0.25, 12);
    // In order round the square: consecutive corners one side (1 mm) apart, never across the diagonal.
    poly.forEach((p, n) => {
      const q = poly[(n + 1) % 4]!;
      expect(Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])).toBeCloseTo(1, 12);
    });
  });

  it('cuts a cube through its centre across the main diagonal in a regular hexagon, convex and in order', () => {
    const s = Math.sqrt(3);
    const plane = { normal: [1 / s, 1 / s, 1 / s] as Vec3, offset: 1.5 / s };
    const poly = planeInBox(plane, unitCube);
    expect(poly).toHaveLength(6);
    for (const p of poly) expect(planeDistanceMm(plane, p)).toBeCloseTo(0, 12);
    poly.forEach((p, n) => {
      const q = poly[(n + 1) % 6]!;
      expect(Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])).toBeCloseTo(Math.SQRT1_2, 12);
    });
  });

  it('gives a triangle through three corners, each corner once', () => {
    // x + y + z = 1 passes through corners (1,0,0), (0,1,0), (0,0,1).
    const s = Math.sqrt(3);
    expect(planeInBox({ normal: [1 / s, 1 / s, 1 / s], offset: 1 / s }, unitCube)).toHaveLength(3);
  });

  it('is empty when the plane misses the box or only touches a corner', () => {
    expect(planeInBox({ normal: [0, 0, 1], offset: 5 }, unitCube)).toEqual([]);
    const s = Math.sqrt(3);
    expect(planeInBox({ normal: [1 / s, 1 / s, 1 / s], offset: 0 }, unitCube)).toEqual([]);
    expect(() => planeInBox({ normal: [1, 0, 0], offset: 0 }, unitCube.slice(0, 4))).toThrow(/8 corners/);
  });

  it('works on an oblique grid box: every vertex on the plane and on the box surface', () => {
    const g = obliqueGrid([40, 30, 20], [1, 1.5, 2]);
    const corners = gridCorners(g);
    const centre = indexToPatient(g, 19.5, 14.5, 9.5);
    const plane = planeFromPoints(
      centre,
      [centre[0] + 3, centre[1], centre[2] + 1],
      [centre[0], centre[1] + 2, centre[2] + 5],
    );
    const poly = planeInBox(plane, corners);
    expect(poly.length).toBeGreaterThanOrEqual(3);
    for (const p of poly) {
      expect(planeDistanceMm(plane, p)).toBeCloseTo(0, 9);
      // On the surface: some index coordinate at a face (-0.5 or n - 0.5), none beyond.
      const idx = patientToIndex(g, p);
      const onFace = idx.some((x, a) => Math.abs(x + 0.5) < 1e-6 || Math.abs(x - (g.dims[a]! - 0.5)) < 1e-6);
      expect(onFace).toBe(true);
      idx.forEach((x, a) => {
        expect(x).toBeGreaterThanOrEqual(-0.5 - 1e-6);
        expect(x).toBeLessThanOrEqual(g.dims[a]! - 0.5 + 1e-6);
      });
    }
  });
});

describe('cutDrawings', () => {
  const g = axialGrid([50, 40, 30], [1, 1, 1]);
  const cut = (keep: SplitPlane['keep']): SplitPlane => ({
    points: [
      [20, 0, 0],
      [20, 0, 10],
      [20, 10, 0],
    ],
    keep,
  });

  it('points the arrow from the plane into the kept side, and flips with it', () => {
    for (const keep of ['positive', 'negative'] as const) {
      const [d] = cutDrawings(g, [cut(keep)]);
      expect(d!.polygon).toHaveLength(4);
      const [from, to] = d!.arrow!;
      const plane = keptPlane(cut(keep));
      expect(planeDistanceMm(plane, from)).toBeCloseTo(0, 9);
      expect(planeDistanceMm(plane, to)).toBeGreaterThan(5);
    }
    const [pos] = cutDrawings(g, [cut('positive')]);
    const [neg] = cutDrawings(g, [cut('negative')]);
    expect(Math.sign(pos!.arrow![1][0] - 20)).toBe(-Math.sign(neg!.arrow![1][0] - 20));
  });

  it('has no arrow for a plane beside the box', () => {
    const beside: SplitPlane = {
      points: [
        [200, 0, 0],
        [200, 0, 10],
        [200, 10, 0],
      ],
      keep: 'positive',
    };
    expect(cutDrawings(g, [beside])).toEqual([{ polygon: [], arrow: null }]);
  });
});

describe('turnCamera', () => {
  it('turns about the focal point by the azimuth and elevation asked, keeping the distance and an orthogonal view-up', () => {
    const camera = { position: [0, -500, 0] as Vec3, focalPoint: [0, 0, 0] as Vec3, viewUp: [0, 0, 1] as Vec3 };
    const t = turnCamera(camera, 30, 20);
    expect(t.focalPoint).toEqual([0, 0, 0]);
    expect(Math.hypot(...t.position)).toBeCloseTo(500, 9);
    // Elevation: the angle above the horizontal plane (S up); azimuth: right-handed round S, from -P.
    expect(Math.asin(t.position[2] / 500)).toBeCloseTo((20 * Math.PI) / 180, 9);
    expect(Math.atan2(t.position[0], -t.position[1])).toBeCloseTo((30 * Math.PI) / 180, 9);
    const n = t.viewPlaneNormal;
    expect(n[0] * t.viewUp[0] + n[1] * t.viewUp[1] + n[2] * t.viewUp[2]).toBeCloseTo(0, 12);
    expect(Math.hypot(...t.viewUp)).toBeCloseTo(1, 12);
    expect(turnCamera(camera, 0, 0).position).toEqual([0, -500, 0]);
  });
});
