import { describe, expect, it } from 'vitest';
import { axialGrid } from '../volume/testing/testGrids';
import { lesionRim } from './liverLesionClick';

describe('lesionRim', () => {
  const grid = axialGrid([30, 30, 30], [2, 2, 2]);
  const [nx, ny] = grid.dims;
  const at = (i: number, j: number, k: number) => i + nx * (j + ny * k);
  const dist2 = (n: number) => {
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / (nx * ny));
    return (i - 15) ** 2 + (j - 15) ** 2 + (k - 15) ** 2;
  };
  // Parenchyma at 100 with a 40 "tumour" of radius 5 voxels (10 mm) round the centre.
  const values = new Float32Array(nx * ny * 30).map((_, n) => (dist2(n) <= 25 ? 40 : 100));
  const through = (v: number) => v < 85 || v > 115;
  const parenchyma = (v: number) => v >= 85 && v <= 115;

  it('gives the parenchyma just round the tumour the click lies in', () => {
    const rim = lesionRim(values, grid, at(15, 15, 15), through, 40, parenchyma);
    expect(rim.length).toBeGreaterThan(100);
    for (const n of rim) {
      expect(values[n]).toBe(100);
      expect(dist2(n)).toBeGreaterThan(25);
      expect(dist2(n)).toBeLessThanOrEqual(36 + 12);
    }
  });

  it('is empty for a click in parenchyma, and stops at radiusMm', () => {
    expect(lesionRim(values, grid, at(3, 3, 3), through, 40, parenchyma)).toEqual([]);
    // Within 6 mm the flood never reaches the tumour's edge (10 mm out).
    expect(lesionRim(values, grid, at(15, 15, 15), through, 6, parenchyma)).toEqual([]);
  });

  it('with enclosedShare: only for a tumour closed round by parenchyma within the radius', () => {
    // A bright tumour (160) in parenchyma at 100; the "parenchyma" band a taller mode below gives.
    const bright = new Float32Array(nx * ny * 30).map((_, n) => (dist2(n) <= 25 ? 160 : 100));
    const out = (v: number) => v < 85 || v > 115;
    const band = (v: number) => v >= 85 && v <= 115;
    expect(lesionRim(bright, grid, at(15, 15, 15), out, 40, band, 0.6).length).toBeGreaterThan(100);
    // Read with a band round 50 (muscle), the parenchyma is what the click floods through: it runs
    // on to the radius, so no rim.
    const muscle = (v: number) => v >= 40 && v <= 60;
    const notMuscle = (v: number) => v < 40 || v > 60;
    expect(lesionRim(bright, grid, at(3, 3, 3), notMuscle, 20, muscle, 0.6)).toEqual([]);
    // A tumour closed round by fat (a bowel loop, not a liver tumour): too little parenchyma.
    const inFat = new Float32Array(nx * ny * 30).map((_, n) => (dist2(n) <= 25 ? 160 : dist2(n) <= 49 ? -100 : 100));
    const tissueOut = (v: number) => v > -30 && (v < 85 || v > 115);
    expect(lesionRim(inFat, grid, at(15, 15, 15), tissueOut, 40, band, 0.6)).toEqual([]);
    expect(lesionRim(inFat, grid, at(15, 15, 15), tissueOut, 40, band)).toEqual([]);
  });
});
