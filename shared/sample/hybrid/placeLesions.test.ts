import { describe, expect, it } from 'vitest';
import { indexToPatient, type Grid, type Vec3 } from '../../volume/grid';
import { radialDistance } from './lesionShape';
import { makeHybridPhantom } from './makeHybridPhantom';
import { syntheticLiver, testGrid } from './testing/syntheticLiver';

const sixNeighbours = (dims: number[], v: number): number[] => {
  const [nx, ny] = dims as [number, number];
  return [v - 1, v + 1, v - nx, v + nx, v - nx * ny, v + nx * ny];
};

describe('planLesions placements', () => {
  const grid = testGrid('obliqueFeetFirst');
  const bg = syntheticLiver(grid, { vessel: true });

  it('cuts capsule lesions at the liver surface and leaves everything outside the liver untouched', () => {
    const ph = makeHybridPhantom(bg, [{ kind: 'hyper', diameterMm: 24, placement: 'capsule' }], 'capsule');
    const lesion = ph.lesions[0]!;
    expect(lesion.truncated.byLiver).toBe(true);
    expect(lesion.volumeMl).toBeGreaterThan(0.5);
    let outside = 0;
    for (let v = 0; v < ph.labels.length; v++) {
      if (!bg.liver[v] && (ph.labels[v] !== 0 || ph.image.data[v] !== bg.image.data[v])) outside++;
    }
    expect(outside).toBe(0);
    expect(ph.labels[voxelOf(grid, lesion.clickLps)]).toBe(1);
  });

  it('puts a vessel lesion against the vessel without painting it', () => {
    const ph = makeHybridPhantom(bg, [{ kind: 'hypo', diameterMm: 16, placement: 'vessel' }], 'vessel');
    let touching = false;
    let vesselPainted = 0;
    for (let v = 0; v < ph.labels.length; v++) {
      if (bg.labels![v] === 64 && ph.image.data[v] !== bg.image.data[v]) vesselPainted++;
      if (ph.labels[v] === 1 && sixNeighbours(grid.dims, v).some((u) => bg.labels![u] === 64)) touching = true;
    }
    expect(touching).toBe(true);
    expect(vesselPainted).toBe(0);
  });

  it('keeps inside lesions whole and confluent pairs separate but touching', () => {
    const ph = makeHybridPhantom(
      bg,
      [
        { kind: 'hypo', diameterMm: 18 },
        { kind: 'rimIso', diameterMm: 14, confluentWith: 0, overlapMm: 4 },
        { kind: 'hyper', diameterMm: 9 },
      ],
      'confluent',
    );
    expect(ph.lesions.map((l) => l.placement)).toEqual(['inside', 'confluent', 'inside']);
    expect(ph.lesions[0]!.truncated).toEqual({ byLiver: false, byVolumeEdge: false });
    expect(ph.lesions[1]!.confluentWith).toBe(0);
    let contact = 0;
    for (let v = 0; v < ph.labels.length; v++) {
      if (ph.labels[v] === 1 && sixNeighbours(grid.dims, v).some((u) => ph.labels[u] === 2)) contact++;
    }
    expect(contact).toBeGreaterThan(5);
    // the overlap (inside both surfaces) goes to the nearer centre
    const [s1, s2] = [ph.plan[0]!.shape, ph.plan[1]!.shape];
    const dist = (p: Vec3, c: Vec3) => Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]);
    let overlap = 0;
    ph.labels.forEach((l, v) => {
      if (l !== 1 && l !== 2) return;
      const p = centreOf(grid, v);
      if (radialDistance(s1, p).signedMm > 0 || radialDistance(s2, p).signedMm > 0) return;
      overlap++;
      const nearer = dist(p, s1.centreLps) < dist(p, s2.centreLps) ? 1 : 2;
      expect(l).toBe(nearer);
    });
    expect(overlap).toBeGreaterThan(10);
    const counts = [1, 2, 3].map((l) => ph.labels.filter((x) => x === l).length);
    expect(counts.every((c) => c > 0)).toBe(true);
  });

  it('says plainly when a lesion cannot fit', () => {
    expect(() => makeHybridPhantom(bg, [{ kind: 'hypo', diameterMm: 90 }], 'too-big')).toThrow(/no room/);
  });
});

function voxelOf(grid: ReturnType<typeof testGrid>, p: number[]): number {
  const d = grid.direction;
  const q = [p[0]! - grid.origin[0], p[1]! - grid.origin[1], p[2]! - grid.origin[2]];
  const idx = [0, 1, 2].map((a) =>
    Math.round((q[0]! * d[3 * a]! + q[1]! * d[3 * a + 1]! + q[2]! * d[3 * a + 2]!) / grid.spacing[a]!),
  );
  return idx[0]! + grid.dims[0] * (idx[1]! + grid.dims[1] * idx[2]!);
}

function centreOf(grid: Grid, v: number): Vec3 {
  const [nx, ny] = grid.dims;
  const i = v % nx;
  const j = ((v - i) / nx) % ny;
  return indexToPatient(grid, i, j, (v - i - nx * j) / (nx * ny));
}
