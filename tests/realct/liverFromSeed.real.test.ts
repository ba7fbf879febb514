import { describe, expect, it } from 'vitest';
import { liverFromSeed } from '../../shared/segment/liverFromSeed';
import { compareMasks } from '../../shared/volume/compare';
import {
  deepSeeds,
  loadCrop3mm,
  loadMr3mm,
  loadSiemensSlab,
  loadUnlabelled3mm,
  realCtAvailable,
  type RealCase,
} from '../testing/realCt';

/**
 * Liver from one seed on real CT against TotalSegmentator's liver (itself ~0.96 Dice against
 * experts). The floors are what holds today; `npm run bench -- segmentation-real` prints the
 * figures against the goals (Dice >= 0.95, volume within 3%, seeds agreeing >= 0.97).
 */
describe.runIf(realCtAvailable())('liverFromSeed on real CT', () => {
  const run = (c: RealCase, seeds: number) =>
    deepSeeds(c.liver, c.image.grid, seeds).map((seed) => liverFromSeed(c.image, { seed }).mask);

  it('contrast CT slab (Siemens, 0.98 x 0.98 x 2 mm): any seed 15 mm inside gives the same liver', async () => {
    const c = await loadSiemensSlab();
    const masks = run(c, 4);
    for (const m of masks) {
      const r = compareMasks(c.liver, m, c.image.grid);
      expect(r.dice).toBeGreaterThan(0.95);
      expect(Math.abs(r.volumeDifferencePercent)).toBeLessThan(8);
    }
    for (let a = 0; a < masks.length; a++)
      for (let b = a + 1; b < masks.length; b++)
        expect(compareMasks(masks[a]!, masks[b]!, c.image.grid).dice).toBeGreaterThan(0.97);
  });

  it('unenhanced 3 mm CT (muscle and liver share a histogram mode): every seed holds', () => {
    // The seed in the darker dependent liver leaked into spleen and stomach (0.69) until the
    // window's lower bound came from the liver's histogram mode; a dome seed lost 23 % of the
    // liver (0.81) while the click's spread still tightened that bound.
    const c = loadCrop3mm();
    const masks = run(c, 4);
    for (const m of masks) expect(compareMasks(c.liver, m, c.image.grid).dice).toBeGreaterThan(0.88);
    for (let a = 0; a < masks.length; a++)
      for (let b = a + 1; b < masks.length; b++)
        expect(compareMasks(masks[a]!, masks[b]!, c.image.grid).dice).toBeGreaterThan(0.93);
  });

  it('whole unenhanced abdomen (3 mm, 112 slices): no seed takes in the abdomen', () => {
    // The crop is the upper 30 slices of this CT: its labels score the result there. With the
    // image's own histogram mode (bowel and muscle) five of six seeds grew to 4.5-6.6 L.
    const crop = loadCrop3mm();
    const full = loadUnlabelled3mm();
    const [nx, ny, nzCrop] = crop.image.grid.dims;
    const offset = (full.grid.dims[2] - nzCrop) * nx * ny;
    expect(full.data[offset + 12345]).toBe(crop.image.data[12345]);
    const voxelMl = full.grid.spacing.reduce((a, b) => a * b, 1) / 1000;
    const masks = deepSeeds(crop.liver, crop.image.grid, 4).map(
      (seed) => liverFromSeed(full, { seed: seed + offset }).mask,
    );
    for (const m of masks) {
      let inter = 0;
      let ours = 0;
      let ref = 0;
      for (let n = 0; n < crop.liver.length; n++) {
        inter += m[n + offset]! & crop.liver[n]!;
        ours += m[n + offset]!;
        ref += crop.liver[n]!;
      }
      expect((2 * inter) / (ours + ref)).toBeGreaterThan(0.86);
      const ml = m.reduce((a, v) => a + v, 0) * voxelMl;
      expect(ml).toBeGreaterThan(900);
      expect(ml).toBeLessThan(1400);
    }
    for (let a = 0; a < masks.length; a++)
      for (let b = a + 1; b < masks.length; b++)
        expect(compareMasks(masks[a]!, masks[b]!, full.grid).dice).toBeGreaterThan(0.93);
  });

  it('T1 MR (3 mm): the window comes from the intensity mode, so every seed gives the same liver', () => {
    // With the CT histogram window the MR liver took in body wall and bowel (Dice 0.63-0.65);
    // with the click's own spread one seed gave 0.40 and another +55 % volume.
    const c = loadMr3mm();
    const masks = run(c, 4);
    for (const m of masks) expect(compareMasks(c.liver, m, c.image.grid).dice).toBeGreaterThan(0.85);
    for (let a = 0; a < masks.length; a++)
      for (let b = a + 1; b < masks.length; b++)
        expect(compareMasks(masks[a]!, masks[b]!, c.image.grid).dice).toBeGreaterThan(0.93);
  });
});
