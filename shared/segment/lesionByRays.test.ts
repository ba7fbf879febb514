import { describe, expect, it } from 'vitest';
import type { Grid, Vec3 } from '../volume/grid';
import { obliqueGrid } from '../volume/testing/testGrids';
import { chordAlongDrag } from './dragChord';
import { lesionByRays } from './lesionByRays';
import { dice, seededNoise } from './testing/testPhantom';
import { pasteMask } from './workBox';

/** A lesion of concentric rings (mm radius -> HU) in 100 HU parenchyma with noise, centred in the grid. */
function ringPhantom(grid: Grid, rings: [untilMm: number, hu: number][], noiseSd: number) {
  const [nx, ny, nz] = grid.dims;
  const centre: Vec3 = [(nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2];
  const noise = seededNoise(7, noiseSd);
  const data = new Float32Array(nx * ny * nz);
  const truth = new Uint8Array(data.length);
  const outer = rings[rings.length - 1]![0];
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const r = Math.hypot(
          (i - centre[0]) * grid.spacing[0],
          (j - centre[1]) * grid.spacing[1],
          (k - centre[2]) * grid.spacing[2],
        );
        const n = i + nx * (j + ny * k);
        const ring = rings.find(([until]) => r <= until);
        data[n] = (ring ? ring[1] : 100) + noise();
        truth[n] = r <= outer ? 1 : 0;
      }
  return { image: { grid, data }, truth, centre };
}

const flat = (grid: Grid, p: Vec3) =>
  Math.round(p[0]) + grid.dims[0] * (Math.round(p[1]) + grid.dims[1] * Math.round(p[2]));

describe('lesionByRays', () => {
  const grid = obliqueGrid([56, 56, 28], [0.8, 0.8, 2]);

  it('takes a target lesion whole (bright centre, dark ring, enhancing rim) from a click off its centre', () => {
    const ph = ringPhantom(
      grid,
      [
        [4, 140],
        [7.5, 55],
        [10, 135],
      ],
      8,
    );
    // On the rim, 8.5 mm from the centre along i: the rays re-centre on the lesion.
    const click = flat(grid, [ph.centre[0] + 8.5 / 0.8, ph.centre[1], ph.centre[2]]);
    const r = lesionByRays({
      image: ph.image,
      allowed: undefined,
      click,
      parenchyma: 100,
      radiusMm: 14,
      priorRadiusMm: 10,
    });
    const mask = pasteMask(r.mask, grid.dims, r.box, new Uint8Array(ph.truth.length));
    expect(dice(mask, ph.truth)).toBeGreaterThan(0.9);
    expect(r.evidence).toBeGreaterThan(0.9);
  });

  it('closes over an iso core inside its enhancing rim', () => {
    const ph = ringPhantom(
      grid,
      [
        [7.5, 100],
        [10, 145],
      ],
      6,
    );
    const click = flat(grid, ph.centre);
    const r = lesionByRays({
      image: ph.image,
      allowed: undefined,
      click,
      parenchyma: 100,
      radiusMm: 14,
      priorRadiusMm: 10,
    });
    const mask = pasteMask(r.mask, grid.dims, r.box, new Uint8Array(ph.truth.length));
    expect(dice(mask, ph.truth)).toBeGreaterThan(0.88);
  });

  it('stops at the liver mask', () => {
    const ph = ringPhantom(grid, [[10, 40]], 6);
    const [nx, ny] = grid.dims;
    // Only the half of the grid with i below the centre is liver.
    const liver = new Uint8Array(ph.truth.length);
    for (let n = 0; n < liver.length; n++) liver[n] = n % nx <= ph.centre[0] ? 1 : 0;
    const r = lesionByRays({
      image: ph.image,
      allowed: liver,
      click: flat(grid, [ph.centre[0] - 3, ph.centre[1], ph.centre[2]]),
      parenchyma: 100,
      radiusMm: 14,
      priorRadiusMm: 10,
    });
    const mask = pasteMask(r.mask, grid.dims, r.box, new Uint8Array(ph.truth.length));
    let outside = 0;
    for (let n = 0; n < mask.length; n++) if (mask[n] && !liver[n]) outside++;
    expect(outside).toBe(0);
    const half = Uint8Array.from(ph.truth, (v, n) => v & liver[n]!);
    expect(dice(mask, half)).toBeGreaterThan(0.85);
    expect(ny).toBe(56);
  });
});

describe('chordAlongDrag', () => {
  it('measures the mask along the drag in mm on anisotropic voxels', () => {
    const g = obliqueGrid([40, 40, 20], [0.5, 0.5, 2]);
    const ph = ringPhantom(g, [[8, 50]], 0);
    const c = ph.centre;
    const box = { min: [0, 0, 0] as Vec3, max: [39, 39, 19] as Vec3 };
    // Along i (0.5 mm voxels) and along k (2 mm slices): 16 mm either way, to a voxel.
    const alongI = chordAlongDrag(ph.truth, g.dims, box, g.spacing, [
      [c[0] - 10, c[1], c[2]],
      [c[0] + 10, c[1], c[2]],
    ]);
    expect(Math.abs(alongI - 16)).toBeLessThan(1.2);
    const alongK = chordAlongDrag(ph.truth, g.dims, box, g.spacing, [
      [c[0], c[1], c[2] - 3],
      [c[0], c[1], c[2] + 3],
    ]);
    expect(Math.abs(alongK - 16)).toBeLessThan(4.5);
    // A drag whose midpoint lies outside the mask has no chord.
    expect(
      chordAlongDrag(ph.truth, g.dims, box, g.spacing, [
        [0, 0, 0],
        [2, 0, 0],
      ]),
    ).toBe(0);
  });
});
