import { describe, expect, it } from 'vitest';
import type { ScalarVolume, Vec3 } from '../volume/grid';
import { axialGrid, rasterise } from '../volume/testing/testGrids';
import { checkLesionPlausibility, checkLiverPlausibility, sliceRuns, uncheckedFinding } from './liverPlausibility';

/**
 * A small synthetic torso (2 mm voxels, head towards +z): body of fat and muscle in air, a liver
 * below a domed diaphragm, two lungs above it, a heart between the lungs resting on the
 * diaphragm, a rib beside the liver and a gas bubble in a bowel loop below and beside it.
 */
const grid = axialGrid([70, 60, 60], [2, 2, 2]);
const inEllipsoid = (c: Vec3, r: Vec3) => (p: Vec3) =>
  ((p[0] - c[0]) / r[0]) ** 2 + ((p[1] - c[1]) / r[1]) ** 2 + ((p[2] - c[2]) / r[2]) ** 2 <= 1;
const body = rasterise(grid, (p) => ((p[0] - 70) / 66) ** 2 + ((p[1] - 60) / 56) ** 2 <= 1);
/** Dome height (mm) of the diaphragm's lower surface above (x, y). */
const dome = (p: Vec3) => 60 - 0.004 * ((p[0] - 60) ** 2 + (p[1] - 60) ** 2);
const liver = rasterise(grid, (p) => inEllipsoid([60, 60, 40], [45, 35, 40])(p) && p[2] < dome(p));
// Lungs start 6 mm above the liver's dome (diaphragm), left and right of the heart.
const lungs = rasterise(
  grid,
  (p) =>
    p[2] > dome(p) + 6 &&
    (Math.abs(p[0] - 70) > 18 || p[1] > 85) &&
    ((p[0] - 70) / 60) ** 2 + ((p[1] - 60) / 50) ** 2 <= 1,
);
// The heart fills the space between the lungs, touching them left and right.
const heart = rasterise(
  grid,
  (p) => Math.abs(p[0] - 70) <= 18 && ((p[1] - 60) / 24) ** 2 + ((p[2] - 85) / 20) ** 2 <= 1 && p[2] > dome(p) + 6,
);
const rib = rasterise(grid, (p) => Math.hypot(p[0] - 110, p[1] - 60) < 3 && p[2] > 10 && p[2] < 50);
const gas = rasterise(grid, inEllipsoid([105, 40, 12], [8, 8, 8]));

function image(): ScalarVolume {
  const data = new Int16Array(body.length);
  let s = 7;
  const noise = () => {
    s = (s * 16807) % 2147483647;
    return ((s / 2147483647) * 2 - 1) * 15;
  };
  for (let n = 0; n < data.length; n++) {
    let h = body[n] ? 40 : -1000;
    if (liver[n]) h = 100;
    if (lungs[n]) h = -840;
    if (heart[n]) h = 110;
    if (rib[n]) h = 700;
    if (gas[n]) h = -1000;
    data[n] = Math.round(h + (h > -990 ? noise() : 0));
  }
  return { grid, data };
}
const ct = image();
const union = (...masks: Uint8Array[]) => Uint8Array.from(masks[0]!, (_, n) => (masks.some((m) => m[n]) ? 1 : 0));
const count = (m: Uint8Array) => m.reduce((a, v) => a + v, 0);

describe('checkLiverPlausibility', () => {
  it('finds nothing on the liver alone, though lungs lie above its dome and gas beside it', () => {
    expect(count(lungs)).toBeGreaterThan(5000);
    expect(checkLiverPlausibility(ct, liver)).toEqual([]);
  });

  it('flags a liver grown through the diaphragm into the heart, with the slices', () => {
    const bridge = rasterise(grid, inEllipsoid([70, 55, 62], [8, 8, 8]));
    const leaked = union(liver, heart, bridge);
    const findings = checkLiverPlausibility(ct, leaked);
    const thorax = findings.find((f) => f.code === 'thorax');
    expect(thorax?.message).toMatch(/reaches into the chest above the diaphragm .* on \d+ slices/);
    expect(thorax?.fix).toMatch(/Alt\+drag/);
    // The heart spans z 66..105 mm: slices 33..52.
    expect(thorax!.slices!.length).toBeGreaterThan(5);
    expect(Math.min(...thorax!.slices!)).toBeGreaterThanOrEqual(28);
    expect(findings.some((f) => f.code === 'bone-or-air')).toBe(false);
  });

  it('flags a liver grown into lung as air and thorax', () => {
    const findings = checkLiverPlausibility(ct, union(liver, lungs));
    expect(findings.map((f) => f.code).sort()).toEqual(['bone-or-air', 'thorax']);
  });

  it('flags bone with the HU range of the mask, and gas as air but not as chest', () => {
    const bone = checkLiverPlausibility(ct, union(liver, rib));
    expect(bone.map((f) => f.code)).toEqual(['bone-or-air']);
    expect(bone[0]!.message).toMatch(/spans -?\d+\.\.\d{3} HU/);
    const air = checkLiverPlausibility(ct, union(liver, gas));
    expect(air.map((f) => f.code)).toEqual(['bone-or-air']);
    expect(air[0]!.message).toMatch(/spans -10\d\d\.\.\d+ HU/);
  });

  it('tolerates a thin rim of partial volume', () => {
    const rim = new Uint8Array(liver.length);
    // 10 rib voxels: well under 1 mL.
    let added = 0;
    for (let n = 0; n < rib.length && added < 10; n++) {
      if (!rib[n]) continue;
      rim[n] = 1;
      added++;
    }
    expect(checkLiverPlausibility(ct, union(liver, rim))).toEqual([]);
  });

  it('flags a volume jump of more than 10% against the previous seed', () => {
    const n = count(liver);
    expect(checkLiverPlausibility(ct, liver, { previousVoxelCount: Math.round(n / 1.25) })[0]?.message).toMatch(
      /rose by 25% against the previous seed/,
    );
    expect(checkLiverPlausibility(ct, liver, { previousVoxelCount: Math.round(n * 1.05) })).toEqual([]);
  });

  it('says so when the result is empty, and when the check itself could not run', () => {
    expect(checkLiverPlausibility(ct, new Uint8Array(liver.length))[0]?.code).toBe('empty');
    expect(() => checkLiverPlausibility(ct, new Uint8Array(3))).toThrow(/mask has 3 voxels/);
    expect(uncheckedFinding(new Error('out of memory')).message).toMatch(/could not run \(out of memory\)/);
  });
});

describe('checkLesionPlausibility', () => {
  const lesion = rasterise(grid, inEllipsoid([60, 60, 30], [8, 8, 8]));

  it('passes a lesion about as large as the drag, inside the liver', () => {
    expect(checkLesionPlausibility(grid, lesion, { dragLengthMm: 16, liverMask: liver })).toEqual([]);
  });

  it('flags a lesion that crept far beyond the drag (along a vessel)', () => {
    const vessel = rasterise(grid, (p) => Math.hypot(p[0] - 60, p[1] - 60) < 3 && p[2] > 30 && p[2] < 80);
    const f = checkLesionPlausibility(grid, union(lesion, vessel), { dragLengthMm: 16, liverMask: liver });
    expect(f[0]?.code).toBe('lesion-size');
    expect(f[0]?.message).toMatch(/for a 16 mm drag/);
  });

  it('flags a lesion reaching outside the liver', () => {
    const outside = rasterise(grid, inEllipsoid([102, 60, 30], [8, 8, 8]));
    const f = checkLesionPlausibility(grid, outside, { liverMask: liver });
    expect(f.map((x) => x.code)).toEqual(['lesion-outside-liver']);
    expect(f[0]!.fix).toMatch(/Add to liver/);
  });
});

describe('sliceRuns', () => {
  it('groups consecutive slices and names them as the viewer overlay does', () => {
    expect(sliceRuns(grid, [3, 1, 2, 7])).toEqual(['S 2.0 mm – S 6.0 mm', 'S 14.0 mm']);
  });
});
