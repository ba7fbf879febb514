import { describe, expect, it } from 'vitest';
import { axialGrid, obliqueGrid, rasterise } from '../volume/testing/testGrids';
import type { Vec3 } from '../volume/grid';
import { crossingCategory, findPathCrossings } from './pathCrossings';

const segments = [
  { label: 1, name: 'Liver', kind: 'liver' },
  { label: 2, name: 'Portal vein', kind: 'vessel' },
  { label: 3, name: 'Right lung', kind: 'other' },
  { label: 4, name: 'Colon', kind: 'critical' },
];

describe('crossingCategory', () => {
  it('names lung and bowel by name, vessels and critical by kind, ignores liver', () => {
    expect(crossingCategory(segments[0]!)).toBeNull();
    expect(crossingCategory(segments[1]!)).toBe('vessel');
    expect(crossingCategory(segments[2]!)).toBe('lung');
    expect(crossingCategory(segments[3]!)).toBe('bowel');
    expect(crossingCategory({ label: 9, name: 'Gallbladder', kind: 'critical' })).toBe('critical');
  });
});

describe('findPathCrossings', () => {
  it('finds a 2 mm vessel across an oblique path on a 3 mm-slice oblique grid, with entry distance', () => {
    const grid = obliqueGrid([50, 50, 20], [1, 1, 3], [-25, -25, -20]);
    // a vessel running along S at L = 0, P = 0, radius 1.5 mm; a lung slab at L > 15
    const data = rasterise(grid, (p) => Math.hypot(p[0], p[1]) <= 1.5).map((v) => v * 2);
    const lung = rasterise(grid, (p) => p[0] > 15);
    for (let n = 0; n < data.length; n++) if (lung[n]) data[n] = 3;
    const entry: Vec3 = [-12, -5, -3];
    const tip: Vec3 = [12, 5, 3];
    const c = findPathCrossings(entry, tip, { grid, data }, segments);
    expect(c.map((x) => x.category)).toEqual(['vessel']);
    const total = Math.hypot(24, 10, 6);
    // the vessel axis is crossed at t = 0.5; entering 1.5 mm-ish (radial) earlier
    expect(Math.abs(c[0]!.fromEntryMm - total / 2)).toBeLessThan(3);
    expect(c[0]!.lengthMm).toBeGreaterThan(1);
    const toLung = findPathCrossings([-12, 0, 1], [20, 0, 1], { grid, data }, segments);
    expect(toLung.map((x) => x.category)).toEqual(['vessel', 'lung']);
  });

  it('reports nothing for a path through liver only or off the grid', () => {
    const grid = axialGrid([10, 10, 5], [2, 2, 5]);
    const data = new Uint8Array(500).fill(1);
    expect(findPathCrossings([0, 0, 0], [18, 18, 20], { grid, data }, segments)).toEqual([]);
    expect(findPathCrossings([100, 0, 0], [200, 0, 0], { grid, data }, segments)).toEqual([]);
  });
});
