import { describe, expect, it } from 'vitest';
import { tumourBurden, tumourBurdenFromMasks } from './burden';
import { labelComponents } from './components';
import { segmentStatistics } from './stats';
import { axialGrid, obliqueGrid, rasterise, sphere } from './testing/testGrids';

describe('segmentStatistics', () => {
  it('measures volume, centroid, HU and diameters of a box on an oblique anisotropic grid', () => {
    const grid = obliqueGrid([12, 10, 6], [0.5, 0.8, 2], [10, -20, 30]);
    const data = new Uint8Array(720);
    const hu = new Int16Array(720);
    // label 2: i 2..9 (8 voxels), j 1..5 (5), k 1..3 (3)
    for (let k = 1; k <= 3; k++)
      for (let j = 1; j <= 5; j++)
        for (let i = 2; i <= 9; i++) {
          const n = i + 12 * (j + 10 * k);
          data[n] = 2;
          hu[n] = k === 2 ? 100 : 40;
        }
    const [s] = segmentStatistics({ grid, data }, [{ name: 'arterial', volume: { grid, data: hu } }]);
    expect(s!.label).toBe(2);
    expect(s!.voxelCount).toBe(120);
    expect(s!.volumeMl).toBeCloseTo((120 * 0.5 * 0.8 * 2) / 1000, 12);
    const d = grid.direction;
    const local = [5.5 * 0.5, 3 * 0.8, 2 * 2];
    for (let c = 0; c < 3; c++) {
      const want = grid.origin[c]! + local[0]! * d[c]! + local[1]! * d[3 + c]! + local[2]! * d[6 + c]!;
      expect(s!.centroidLps[c]).toBeCloseTo(want, 9);
    }
    expect(s!.intensity[0]).toMatchObject({ phase: 'arterial', min: 40, max: 100, mean: 60 });
    expect(s!.intensity[0]!.sd).toBeCloseTo(Math.sqrt((2 * 400 + 1600) / 3), 9);
    // in-slice diagonal of 7 x 0.5 by 4 x 0.8 mm (centre to centre); perpendicular chord shorter
    expect(s!.axialLongestMm).toBeCloseTo(Math.hypot(3.5, 3.2), 9);
    expect(s!.axialPerpendicularMm).toBeGreaterThan(0);
    expect(s!.axialPerpendicularMm).toBeLessThan(s!.axialLongestMm);
    expect(s!.maxDiameter3dMm).toBeCloseTo(Math.hypot(3.5, 3.2, 4), 9);
  });

  it('gives a disc its diameter both ways', () => {
    const grid = axialGrid([50, 50, 3], [0.6, 0.6, 5]);
    const data = rasterise(grid, (p) => Math.hypot(p[0] - 15, p[1] - 15) <= 10 && p[2] === 5);
    const [s] = segmentStatistics({ grid, data });
    expect(s!.axialSlice).toBe(1);
    expect(s!.axialLongestMm).toBeGreaterThan(19);
    expect(s!.axialLongestMm).toBeLessThanOrEqual(20);
    expect(s!.axialPerpendicularMm).toBeGreaterThan(18.5);
    expect(s!.axialPerpendicularMm).toBeLessThanOrEqual(20);
    expect(s!.maxDiameter3dMm).toBeCloseTo(s!.axialLongestMm, 9);
  });

  it('refuses a phase on another grid', () => {
    const grid = axialGrid([2, 2, 2], [1, 1, 1]);
    const other = axialGrid([2, 2, 2], [1, 1, 2]);
    expect(() =>
      segmentStatistics({ grid, data: new Uint8Array(8) }, [
        { name: 'pv', volume: { grid: other, data: new Int16Array(8) } },
      ]),
    ).toThrow("phase 'pv' is not on the labelmap grid");
  });
});

describe('labelComponents', () => {
  it('counts diagonal neighbours only with 26-connectivity', () => {
    const mask = new Uint8Array(64);
    mask[0] = 1; // (0,0,0)
    mask[21] = 1; // (1,1,1): corner contact
    mask[42] = 1; // (2,2,2): corner contact
    mask[60] = 1; // (0,3,3): isolated
    expect(labelComponents(mask, [4, 4, 4], 6).count).toBe(4);
    const c26 = labelComponents(mask, [4, 4, 4], 26);
    expect(c26.count).toBe(2);
    expect(c26.sizes).toEqual([3, 1]);
    expect(c26.labels[42]).toBe(1);
  });

  it('counts separate spheres as lesions', () => {
    const grid = axialGrid([30, 20, 10], [1, 1, 2]);
    const a = sphere([6, 8, 8], 4);
    const b = sphere([20, 8, 8], 4);
    const mask = rasterise(grid, (p) => a(p) || b(p));
    expect(labelComponents(mask, grid.dims, 6).count).toBe(2);
  });
});

describe('tumourBurden', () => {
  it('bins by the rule table and keeps the denominator', () => {
    expect(tumourBurden(5, 100).bin).toBe('<10%');
    expect(tumourBurden(10, 100).bin).toBe('10-25%');
    expect(tumourBurden(50, 100).bin).toBe('50-75%');
    const b = tumourBurden(75, 100);
    expect(b).toMatchObject({ percent: 75, bin: '>=75%', liverIncludingTumourMl: 100 });
    expect(b.source).toContain('clinical-rules');
  });

  it('uses liver including tumours as denominator', () => {
    const liver = new Uint8Array([1, 1, 1, 0, 0]);
    const tumour = new Uint8Array([0, 0, 0, 1, 0]);
    expect(tumourBurdenFromMasks(liver, tumour, 1000).percent).toBe(25);
  });
});
