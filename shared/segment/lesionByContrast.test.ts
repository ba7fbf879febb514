import { describe, expect, it } from 'vitest';
import { flatIndex } from '../volume/grid';
import { axialGrid } from '../volume/testing/testGrids';
import { lesionByContrast, outlineScore } from './lesionByContrast';
import { dice } from './testing/testPhantom';
import { cropArray } from './workBox';

describe('lesionByContrast', () => {
  it('takes a necrotic lesion whole (dark core, enhancing rim) and scores it above its core alone', () => {
    const grid = axialGrid([50, 50, 24], [1, 1, 2]);
    const [nx, ny, nz] = grid.dims;
    const data = new Float32Array(nx * ny * nz);
    const truth = new Uint8Array(data.length);
    const core = new Uint8Array(data.length);
    let s = 3;
    const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
    for (let n = 0; n < data.length; n++) {
      const r = Math.hypot((n % nx) - 25, (Math.floor(n / nx) % ny) - 25, 2 * Math.floor(n / (nx * ny)) - 24);
      let v = 100;
      if (r <= 12) {
        truth[n] = 1;
        v = 125;
      }
      if (r <= 7) {
        core[n] = 1;
        v = 20;
      }
      data[n] = v + 8 * Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    }
    const click = flatIndex(grid, 25, 25, 12);
    const c = lesionByContrast({
      image: { grid, data },
      allowed: undefined,
      click,
      parenchyma: 100,
      lesionLevel: 125,
      radiusMm: 16,
    });
    const size = c.dims[0] * c.dims[1] * c.dims[2];
    const truthBox = cropArray(truth, grid.dims, c.box, new Uint8Array(size));
    expect(dice(c.mask, truthBox)).toBeGreaterThan(0.9);
    const coreBox = cropArray(core, grid.dims, c.box, new Uint8Array(size));
    expect(outlineScore(c.mask, c)).toBeGreaterThan(outlineScore(coreBox, c) + 0.3);
  });
});
