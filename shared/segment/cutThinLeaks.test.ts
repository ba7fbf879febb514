import { describe, expect, it } from 'vitest';
import { axialGrid, rasterise } from '../volume/testing/testGrids';
import { cutThinLeaks } from './cutThinLeaks';

const count = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);

describe('cutThinLeaks', () => {
  // A 60 x 50 x 40 mm organ with a lobe tip (a 12 mm thick wedge 14 mm long) and, beyond a
  // gap, a 4 mm muscle sheet running 60 mm along it, joined to it by a 3 mm bridge.
  const grid = axialGrid([100, 80, 40], [1, 1, 1.5], [0, 0, 0]);
  const organ = (p: number[]) => ((p[0]! - 40) / 30) ** 2 + ((p[1]! - 40) / 25) ** 2 + ((p[2]! - 30) / 20) ** 2 <= 1;
  const tip = (p: number[]) => p[0]! >= 68 && p[0]! < 84 && Math.abs(p[1]! - 40) <= 6 && Math.abs(p[2]! - 30) <= 8;
  const sheet = (p: number[]) => p[1]! >= 70 && p[1]! < 74 && p[0]! >= 10 && p[0]! < 70 && Math.abs(p[2]! - 30) <= 15;
  const bridge = (p: number[]) =>
    p[1]! >= 64 && p[1]! < 70 && Math.abs(p[0]! - 40) <= 1.5 && Math.abs(p[2]! - 30) <= 1.5;
  const body = rasterise(grid, (p) => organ(p) || tip(p));
  const sheetMask = rasterise(grid, sheet);
  const all = rasterise(grid, (p) => organ(p) || tip(p) || sheet(p) || bridge(p));
  const anchor = 40 + 100 * (40 + 80 * 20);

  it('drops a thin sheet joined by a bridge and keeps the lobe tip', () => {
    const out = cutThinLeaks(all, grid, 8, 25, [anchor], 0.4);
    let sheetLeft = 0;
    let bodyKept = 0;
    for (let n = 0; n < out.length; n++) {
      if (out[n] && sheetMask[n]) sheetLeft++;
      if (out[n] && body[n]) bodyKept++;
    }
    expect(sheetLeft).toBe(0);
    expect(bodyKept / count(body)).toBeGreaterThan(0.995);
  });

  it('returns the mask unchanged when the shrink leaves nothing (a small organ)', () => {
    const small = rasterise(grid, (p) => (p[0]! - 40) ** 2 + (p[1]! - 40) ** 2 + (p[2]! - 30) ** 2 <= 36);
    expect(cutThinLeaks(small, grid, 8, 25, [anchor], 1)).toBe(small);
  });
});
