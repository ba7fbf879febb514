import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../volume/grid';
import { axialGrid } from '../volume/testing/testGrids';
import { dice, seededNoise } from './testing/testPhantom';
import { widerOutline } from './widerOutline';

const grid = axialGrid([70, 70, 30], [0.8, 0.8, 2]);
const [nx, ny, nz] = grid.dims;
const centre: Vec3 = [35, 35, 15];
const mm = (i: number, j: number, k: number) =>
  Math.hypot((i - centre[0]) * 0.8, (j - centre[1]) * 0.8, (k - centre[2]) * 2);

/**
 * A 16 mm-radius tumour in a 100 HU liver (a 25 mm ball in fat): mottled in patches of about
 * 4 mm at 25 HU (necrosis), 100 HU (liver level) and 60 HU, or uniform at 60 HU.
 */
function phantom(mottled: boolean) {
  const noise = seededNoise(11, 8);
  const data = new Float32Array(nx * ny * nz);
  const truth = new Uint8Array(data.length);
  const liver = new Uint8Array(data.length);
  const patch = new Int8Array(data.length);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const n = i + nx * (j + ny * k);
        const r = mm(i, j, k);
        let v = -100;
        if (r <= 25) {
          liver[n] = 1;
          v = 100;
        }
        if (r <= 16) {
          truth[n] = 1;
          // Patch index from a coarse 3D lattice (4 mm cells): 0 necrosis, 1 liver level, 2 between.
          const p = (Math.floor((i * 0.8) / 4) + 2 * Math.floor((j * 0.8) / 4) + Math.floor((k * 2) / 4)) % 3;
          patch[n] = p;
          v = mottled ? [25, 100, 60][p]! : 60;
        }
        data[n] = v + noise();
      }
  return { image: { grid, data }, truth, liver, patch };
}

describe('widerOutline', () => {
  it('takes a mottled tumour whole when the grow held only the necrotic patch under the click', () => {
    const ph = phantom(true);
    const click = centre[0] + nx * (centre[1] + ny * centre[2]);
    // The patch under the click, as a window grow would give it.
    const current = new Uint8Array(ph.truth.length);
    const want = ph.patch[click]!;
    for (let n = 0; n < current.length; n++) {
      const i = n % nx;
      const j = Math.floor(n / nx) % ny;
      const k = Math.floor(n / (nx * ny));
      if (ph.truth[n] && ph.patch[n] === want && mm(i, j, k) <= 5) current[n] = 1;
    }
    const w = widerOutline({ ...ph, click, parenchyma: 100, contrast: 40, current, radiusMm: 24 });
    expect(w).not.toBeNull();
    expect(dice(w!.mask, ph.truth)).toBeGreaterThan(0.85);
    for (let n = 0; n < w!.mask.length; n++) if (w!.mask[n]) expect(ph.liver[n]).toBe(1);
  });

  it('finds it from a click on a patch at liver level (nothing grown)', () => {
    const ph = phantom(true);
    let click = -1;
    for (let n = 0; n < ph.truth.length && click < 0; n++) {
      const i = n % nx;
      const j = Math.floor(n / nx) % ny;
      const k = Math.floor(n / (nx * ny));
      if (ph.patch[n] === 1 && ph.truth[n] && mm(i, j, k) <= 7 && mm(i, j, k) >= 5) click = n;
    }
    const w = widerOutline({ ...ph, click, parenchyma: 100, contrast: 40, current: null, radiusMm: 24 });
    expect(w).not.toBeNull();
    expect(dice(w!.mask, ph.truth)).toBeGreaterThan(0.85);
  });

  it('replaces a closed reading that a mottled tumour clearly extends beyond, with a drag or without', () => {
    const ph = phantom(true);
    const click = centre[0] + nx * (centre[1] + ny * centre[2]);
    // A grow that stopped 4 mm short of the edge: most, not all, of the tissue round it is liver level.
    const current = new Uint8Array(ph.truth.length);
    for (let n = 0; n < current.length; n++) {
      const i = n % nx;
      const j = Math.floor(n / nx) % ny;
      const k = Math.floor(n / (nx * ny));
      if (ph.truth[n] && mm(i, j, k) <= 12) current[n] = 1;
    }
    expect(dice(current, ph.truth)).toBeLessThan(0.6);
    const input = { ...ph, click, parenchyma: 100, contrast: 40, current, radiusMm: 20 };
    // A deep click whose grow took one patch: the wider reading outlines the tumour clearly
    // better (by more than the higher bar a click without a size prior must clear).
    for (const sizePrior of [true, false]) {
      const w = widerOutline({ ...input, sizePrior });
      expect(w).not.toBeNull();
      expect(dice(w!.mask, ph.truth)).toBeGreaterThan(0.9);
    }
    // Unless the grow was split from a confluent neighbour: the closed reading stands.
    expect(widerOutline({ ...input, closedStands: true })).toBeNull();
  });

  it('keeps a closed outline: a uniform lesion already outlined is left alone', () => {
    const ph = phantom(false);
    const click = centre[0] + nx * (centre[1] + ny * centre[2]);
    expect(widerOutline({ ...ph, click, parenchyma: 100, contrast: 40, current: ph.truth, radiusMm: 24 })).toBeNull();
    const input = { ...ph, click, parenchyma: 100, contrast: 40, current: ph.truth, radiusMm: 24, sizePrior: true };
    expect(widerOutline(input)).toBeNull();
  });
});
