import { describe, expect, it } from 'vitest';
import { flatIndex } from '../volume/grid';
import { axialGrid } from '../volume/testing/testGrids';
import { lesionSizeCap, resolveLesionClick } from './lesionInput';

describe('resolveLesionClick', () => {
  const grid = axialGrid([20, 20, 10], [0.8, 0.8, 2]);
  const ct = { grid, data: new Float32Array(4000).fill(60) };
  ct.data[0] = -1000; // air somewhere: CT

  it('turns a drag into its midpoint and its length (mm)', () => {
    const r = resolveLesionClick([ct], { line: [flatIndex(grid, 2, 5, 4), flatIndex(grid, 12, 5, 4)] });
    expect(r.click).toBe(flatIndex(grid, 7, 5, 4));
    expect(r.diameterMm).toBeCloseTo(8);
    expect(lesionSizeCap(20)).toBe(14);
    expect(resolveLesionClick([ct], { click: 123 })).toEqual({ click: 123, diameterMm: null });
  });

  it('refuses points outside the image, too short drags, air and bone with a clinician-readable message', () => {
    expect(() => resolveLesionClick([ct], { click: 4000 })).toThrow(/outside the image: click inside the lesion/);
    expect(() => resolveLesionClick([ct], {})).toThrow(/outside the image/);
    expect(() => resolveLesionClick([ct], { line: [5, -1] })).toThrow(/drag .* outside the image/);
    expect(() => resolveLesionClick([ct], { line: [5, 5] })).toThrow(/too short/);
    const air = { grid, data: Float32Array.from(ct.data, () => -900) };
    expect(() => resolveLesionClick([air], { click: 210 })).toThrow(/on air \(-900 HU\)/);
    const bone = { grid, data: Float32Array.from(ct.data, (v) => (v < 0 ? v : 1200)) };
    expect(() => resolveLesionClick([bone], { click: 210 })).toThrow(/on bone or metal \(1200 HU\)/);
    // Air or bone on one phase only is no reason to refuse (the other phase may show the lesion).
    expect(resolveLesionClick([bone, ct], { click: 210 }).click).toBe(210);
  });

  it('does not read MR intensities as HU', () => {
    const mr = { grid, data: new Float32Array(4000).fill(1500) };
    expect(resolveLesionClick([mr], { click: 210 }).click).toBe(210);
  });
});
