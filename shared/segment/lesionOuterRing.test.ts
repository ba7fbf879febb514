import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../volume/grid';
import { axialGrid } from '../volume/testing/testGrids';
import { outerRing } from './lesionOuterRing';
import { dice, seededNoise } from './testing/testPhantom';

const grid = axialGrid([60, 60, 24], [1, 1, 2]);
const [nx, ny, nz] = grid.dims;
const centre: Vec3 = [30, 30, 12];
const mm = (n: number) => {
  const i = n % nx;
  const j = Math.floor(n / nx) % ny;
  const k = Math.floor(n / (nx * ny));
  return Math.hypot(i - centre[0], j - centre[1], (k - centre[2]) * 2);
};

/** A lesion in a 100 HU liver (a 28 mm ball): inner part to 10 mm, outer ring to 15 mm (or further). */
function phantom(inner: number, ring: number, ringRadiusMm = 15) {
  const noise = seededNoise(5, 10);
  const size = nx * ny * nz;
  const data = new Float32Array(size);
  const liver = new Uint8Array(size);
  const truth = new Uint8Array(size);
  const innerMask = new Uint8Array(size);
  for (let n = 0; n < size; n++) {
    const r = mm(n);
    let v = -100;
    if (r <= 28) {
      liver[n] = 1;
      v = 100;
    }
    if (r <= ringRadiusMm) {
      truth[n] = 1;
      v = ring;
    }
    if (r <= 10) {
      innerMask[n] = 1;
      v = inner;
    }
    data[n] = v + noise();
  }
  return { image: { grid, data }, liver, truth, innerMask };
}

describe('outerRing', () => {
  it('adds a necrotic lesion’s enhancing rim round the core the grow took', () => {
    const ph = phantom(20, 125);
    const r = outerRing({ image: ph.image, liver: ph.liver, mask: ph.innerMask, parenchyma: 100, noise: 10 });
    expect(r).not.toBeNull();
    expect(r!.thicknessMm).toBeGreaterThanOrEqual(4);
    expect(r!.thicknessMm).toBeLessThanOrEqual(6);
    expect(dice(r!.mask, ph.truth)).toBeGreaterThan(0.9);
    for (let n = 0; n < r!.mask.length; n++) if (r!.mask[n]) expect(ph.liver[n]).toBe(1);
  });

  it('leaves a solid lesion alone: the liver starts at its edge', () => {
    const ph = phantom(50, 50);
    expect(outerRing({ image: ph.image, liver: ph.liver, mask: ph.truth, parenchyma: 100, noise: 10 })).toBeNull();
  });

  it('does not take a darker liver region round a dark lesion: its level never returns to parenchyma', () => {
    const ph = phantom(40, 75, 28);
    expect(outerRing({ image: ph.image, liver: ph.liver, mask: ph.innerMask, parenchyma: 100, noise: 10 })).toBeNull();
  });

  it('takes a target lesion’s bright outer rim round its dark ring, not tissue of the edge’s own side', () => {
    const target = phantom(55, 125);
    const r = outerRing({
      image: target.image,
      liver: target.liver,
      mask: target.innerMask,
      parenchyma: 100,
      noise: 10,
    });
    expect(dice(r!.mask, target.truth)).toBeGreaterThan(0.9);
    const same = phantom(55, 75);
    expect(
      outerRing({ image: same.image, liver: same.liver, mask: same.innerMask, parenchyma: 100, noise: 10 }),
    ).toBeNull();
  });
});
