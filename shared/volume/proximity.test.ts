import { describe, expect, it } from 'vitest';
import { axialGrid, obliqueGrid, rasterise, sphere } from './testing/testGrids';
import { checkHeatSink, criticalStructureDistances } from './proximity';
import type { Vec3 } from './grid';

/** Cylinder of radius r along the patient S axis through (x, y). */
function cylinder(x: number, y: number, r: number): (p: Vec3) => boolean {
  return (p) => Math.hypot(p[0] - x, p[1] - y) <= r;
}

describe('checkHeatSink', () => {
  const grid = obliqueGrid([60, 60, 40], [0.6, 0.6, 0.9], [-18, -18, -10]);
  const tumour = rasterise(grid, sphere([0, 0, 5], 6));

  it('warns for a 6 mm vessel 5 mm from the tumour, not for a 2 mm one or a far one', () => {
    const big = rasterise(grid, cylinder(0, 14, 3)); // wall 14 - 3 - 6 = 5 mm away
    const small = rasterise(grid, cylinder(10, 0, 1)); // 2 mm vessel, 3 mm away
    const far = rasterise(grid, cylinder(-8, -22, 3)); // wall ~ 17 mm away
    const labels = new Uint8Array(tumour.length);
    for (let n = 0; n < labels.length; n++) labels[n] = big[n] ? 1 : small[n] ? 2 : far[n] ? 3 : 0;
    const r = checkHeatSink(tumour, labels, grid, { names: { 1: 'portal vein' } });
    const [pv, thin, distant] = r;
    expect(pv!.name).toBe('portal vein');
    expect(Math.abs(pv!.diameterMm - 6)).toBeLessThan(0.8);
    expect(Math.abs(pv!.distanceMm - 5)).toBeLessThan(0.9);
    expect(pv!.warning).toBe(true);
    expect(thin!.diameterMm).toBeLessThan(3);
    expect(thin!.warning).toBe(false);
    expect(distant!.warning).toBe(false);
  });
});

describe('criticalStructureDistances', () => {
  it('measures zone-to-structure distance and warns under the threshold', () => {
    const grid = axialGrid([50, 50, 30], [0.8, 0.8, 1.5]);
    const zone = rasterise(grid, sphere([20, 20, 20], 8));
    const gb = rasterise(grid, (p) => p[0] >= 34); // 6 mm from the zone edge (x = 28)
    const colon = rasterise(grid, (p) => p[1] <= 0.5); // 11.5 mm away
    const labels = new Uint8Array(zone.length);
    for (let n = 0; n < labels.length; n++) labels[n] = gb[n] ? 1 : colon[n] ? 2 : 0;
    const [g, c] = criticalStructureDistances(zone, labels, grid, { names: { 1: 'gallbladder' } });
    expect(g!.name).toBe('gallbladder');
    expect(Math.abs(g!.minDistanceMm! - 6)).toBeLessThan(0.9);
    expect(g!.warning).toBe(true);
    expect(c!.minDistanceMm!).toBeGreaterThan(10);
    expect(c!.warning).toBe(false);
  });

  it('reports null beyond the search radius', () => {
    const grid = axialGrid([80, 10, 10], [1, 1, 1]);
    const zone = new Uint8Array(8000);
    zone[5 + 80 * (5 + 10 * 5)] = 1;
    const labels = new Uint8Array(8000);
    labels[79 + 80 * (5 + 10 * 5)] = 4;
    const [s] = criticalStructureDistances(zone, labels, grid, { thresholdMm: 10 });
    expect(s).toMatchObject({ label: 4, minDistanceMm: null, warning: false, searchedMm: 20 });
  });
});
