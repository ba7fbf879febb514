import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../volume/grid';
import { axialGrid } from '../volume/testing/testGrids';
import { lesionByTexture } from './lesionByTexture';
import { dice, seededNoise } from './testing/testPhantom';

/** Centre (mm) of the liver and tumour in an 80 x 80 x 48 mm field. */
const centre: Vec3 = [40, 40, 24];

/**
 * A 15 mm-radius mottled tumour (patches of 4 mm at 30, 60 and 95 HU) in a 100 HU liver ball
 * of 30 mm with a darker region (70 HU) beside the tumour, noise SD 10; or the same on 3 mm voxels.
 */
function phantom(spacing: Vec3) {
  const dims = [0, 1, 2].map((a) => Math.round((a < 2 ? 80 : 48) / spacing[a]!)) as Vec3;
  const grid = axialGrid(dims, spacing);
  const [nx, ny, nz] = dims;
  const c = [0, 1, 2].map((a) => centre[a]! / spacing[a]!);
  const noise = seededNoise(3, 10);
  const size = nx * ny * nz;
  const data = new Float32Array(size);
  const liver = new Uint8Array(size);
  const truth = new Uint8Array(size);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const n = i + nx * (j + ny * k);
        const p = [(i - c[0]!) * spacing[0], (j - c[1]!) * spacing[1], (k - c[2]!) * spacing[2]];
        const r = Math.hypot(p[0]!, p[1]!, p[2]!);
        let v = -100;
        if (r <= 30) {
          liver[n] = 1;
          // The darker region fades in over 10 mm, as a perfusion difference does.
          v = 100 - 30 * Math.min(1, Math.max(0, (p[0]! - 5) / 10));
        }
        if (r <= 15) {
          truth[n] = 1;
          const patch =
            (Math.floor((i * spacing[0]) / 4) +
              2 * Math.floor((j * spacing[1]) / 4) +
              Math.floor((k * spacing[2]) / 4)) %
            3;
          v = [30, 60, 95][patch]!;
        }
        data[n] = v + noise();
      }
  const click = Math.round(c[0]!) + nx * (Math.round(c[1]!) + ny * Math.round(c[2]!));
  const distanceMm = (n: number) =>
    Math.hypot(
      ((n % nx) - c[0]!) * spacing[0],
      ((Math.floor(n / nx) % ny) - c[1]!) * spacing[1],
      (Math.floor(n / (nx * ny)) - c[2]!) * spacing[2],
    );
  return { image: { grid, data }, liver, truth, click, distanceMm };
}

describe('lesionByTexture', () => {
  it('outlines a mottled tumour by its texture, not running into the darker liver beside it', () => {
    const ph = phantom([1, 1, 2]);
    const t = lesionByTexture({ image: ph.image, liver: ph.liver, click: ph.click, parenchyma: 100, radiusMm: 28 });
    expect(t).not.toBeNull();
    expect(t!.atClick).toBe(true);
    expect(t!.closed).toBeGreaterThan(0.7);
    // The box straddling the tumour's sharp edge widens it by a voxel or two (real edges are blurred).
    expect(dice(t!.mask, ph.truth)).toBeGreaterThan(0.78);
    // Nothing of the darker liver beyond the tumour (15 mm) and the box's reach.
    for (let n = 0; n < t!.mask.length; n++) if (t!.mask[n]) expect(ph.distanceMm(n)).toBeLessThan(19);
  });

  it('gives nothing on voxels too coarse to read texture', () => {
    const ph = phantom([3, 3, 3]);
    expect(
      lesionByTexture({ image: ph.image, liver: ph.liver, click: ph.click, parenchyma: 100, radiusMm: 28 }),
    ).toBeNull();
  });

  it('gives nothing at a click in smooth liver', () => {
    const ph = phantom([1, 1, 2]);
    const [nx, ny] = ph.image.grid.dims;
    const click = 18 + nx * (40 + ny * 12); // 22 mm left of the centre, in liver at 100 HU
    expect(ph.liver[click]).toBe(1);
    expect(lesionByTexture({ image: ph.image, liver: ph.liver, click, parenchyma: 100, radiusMm: 28 })).toBeNull();
  });
});
