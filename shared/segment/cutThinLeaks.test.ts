import { describe, expect, it } from 'vitest';
import { axialGrid, rasterise } from '../volume/testing/testGrids';
import { distanceTransformMm } from '../volume/distance';
import type { Grid, Vec3 } from '../volume/grid';
import { cutThinLeaks } from './cutThinLeaks';
import { growMm, labelComponents, shrinkMm } from './morphology';
import { randomMask } from './testing/randomMasks';

/**
 * The cut written plainly (the whole distance transform in mm, every component labelled): the
 * optimised function must return the same mask.
 */
function plainCutThinLeaks(
  mask: Uint8Array,
  grid: Grid,
  radiusMm: number,
  maxExtentMm: number,
  anchors: number[],
  minContact: number,
): Uint8Array {
  const dims = grid.dims;
  const core = labelComponents(shrinkMm(mask, grid, radiusMm), dims);
  let ids = new Set(anchors.map((a) => core.labels[a]!).filter((l) => l > 0));
  if (ids.size === 0) {
    let best = 0;
    for (let l = 1; l < core.sizes.length; l++) if (core.sizes[l]! > core.sizes[best]!) best = l;
    ids = new Set(best > 0 ? [best] : []);
  }
  if (ids.size === 0) return mask;
  const near = growMm(
    Uint8Array.from(core.labels, (l) => (ids.has(l) ? 1 : 0)),
    grid,
    radiusMm,
  );
  const body = Uint8Array.from(mask, (v, n) => (v && near[n] ? 1 : 0));
  const rest = Uint8Array.from(mask, (v, n) => (v && !near[n] ? 1 : 0));
  if (!rest.includes(1)) return mask;
  const distance = distanceTransformMm(body, grid);
  const { labels, sizes } = labelComponents(rest, dims);
  const extent = sizes.map(() => 0);
  const contact = sizes.map(() => 0);
  const [nx, ny] = dims;
  for (let n = 0; n < labels.length; n++) {
    const l = labels[n]!;
    if (!l) continue;
    extent[l] = Math.max(extent[l]!, distance[n]!);
    if ([n - 1, n + 1, n - nx, n + nx, n - nx * ny, n + nx * ny].some((m) => body[m] === 1)) contact[l]!++;
  }
  return Uint8Array.from(labels, (l, n) =>
    body[n] || (l > 0 && extent[l]! <= maxExtentMm && contact[l]! >= minContact * sizes[l]! ** (2 / 3)) ? 1 : 0,
  );
}

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

  it('equals the plain cut on random anisotropic masks', () => {
    const cases: [Vec3, Vec3][] = [
      [
        [30, 26, 16],
        [1.5, 1.5, 2.0100840336134453],
      ],
      [
        [28, 30, 20],
        [1.5, 1.5, 1.6],
      ],
    ];
    for (const [dims, spacing] of cases) {
      const g = axialGrid(dims, spacing, [0, 0, 0]);
      for (let seed = 1; seed <= 4; seed++) {
        const m = randomMask(dims, seed * 131, 0.04);
        const anchors = [Math.floor(m.length / 2), seed * 97];
        for (const [radius, extent, contact] of [
          [3, 6, 0.4],
          [4.5, 10, 0],
        ] as const)
          expect(cutThinLeaks(m, g, radius, extent, anchors, contact)).toEqual(
            plainCutThinLeaks(m, g, radius, extent, anchors, contact),
          );
      }
    }
  });
});
