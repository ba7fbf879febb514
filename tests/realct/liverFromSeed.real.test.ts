import { describe, expect, it } from 'vitest';
import { hybridCases } from '../../shared/sample/hybrid';
import { liverFromSeed } from '../../shared/segment/liverFromSeed';
import { compareMasks } from '../../shared/volume/compare';
import { flatIndex, patientToIndex, type Vec3 } from '../../shared/volume/grid';
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
    // Read within 100 mm of the click the liver's mode still followed the click's part of the
    // liver (Dice down to 0.871, seeds agreeing 0.909); within 130 mm 0.895-0.910, 0.949; read
    // again from a first grow's liver (windowFromGrow) 0.901-0.911, 0.981.
    const c = loadCrop3mm();
    const masks = run(c, 6);
    for (const m of masks) {
      const r = compareMasks(c.liver, m, c.image.grid);
      expect(r.dice).toBeGreaterThan(0.9);
      expect(Math.abs(r.volumeDifferencePercent)).toBeLessThan(11);
    }
    for (let a = 0; a < masks.length; a++)
      for (let b = a + 1; b < masks.length; b++)
        expect(compareMasks(masks[a]!, masks[b]!, c.image.grid).dice).toBeGreaterThan(0.97);
    // A stroke's re-grow reuses the window read from the first grow (kept in the click's cache).
    const seed = deepSeeds(c.liver, c.image.grid, 1)[0]!;
    const cache = {};
    const first = liverFromSeed(c.image, { seed, cache });
    const again = liverFromSeed(c.image, { seed, cache });
    expect(again.window).toEqual(first.window);
    expect(compareMasks(first.mask, again.mask, c.image.grid).dice).toBe(1);
    expect(first.window).not.toEqual(liverFromSeed(c.image, { seed, windowFromGrow: false }).window);
  });

  it('whole unenhanced abdomen (3 mm, 112 slices): no seed takes in the abdomen', () => {
    // The crop is the upper 30 slices of this CT: its labels score the result there. With the
    // image's own histogram mode (bowel and muscle) five of six seeds grew to 4.5-6.6 L. With the
    // window read round each click the seeds agreed 0.947; read from a first grow's liver, 0.974.
    const crop = loadCrop3mm();
    const full = loadUnlabelled3mm();
    const [nx, ny, nzCrop] = crop.image.grid.dims;
    const offset = (full.grid.dims[2] - nzCrop) * nx * ny;
    expect(full.data[offset + 12345]).toBe(crop.image.data[12345]);
    const voxelMl = full.grid.spacing.reduce((a, b) => a * b, 1) / 1000;
    const masks = deepSeeds(crop.liver, crop.image.grid, 6).map(
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
      expect((2 * inter) / (ours + ref)).toBeGreaterThan(0.89);
      const ml = m.reduce((a, v) => a + v, 0) * voxelMl;
      expect(ml).toBeGreaterThan(1000);
      expect(ml).toBeLessThan(1300);
    }
    for (let a = 0; a < masks.length; a++)
      for (let b = a + 1; b < masks.length; b++)
        expect(compareMasks(masks[a]!, masks[b]!, full.grid).dice).toBeGreaterThan(0.97);
  });

  it('tumours inserted into the contrast slab join the liver, as in expert masks, from any click', async () => {
    // The 45 mm hypo tumour against the capsule was 27-33 % inside the outline (Dice 0.938)
    // before regions the liver bounds over most of their surface joined; a click at the centre
    // of a hypo, target or mottled tumour gave nothing (the grow stayed in the tumour); so did a
    // click in a bright tumour (the parenchyma's mode was looked for above the click) or in one
    // of 8 mm (nothing in the window round the click).
    const c = await loadSiemensSlab();
    const { grid } = c.image;
    for (const { name, phantom } of hybridCases('siemens-slab', c)) {
      const share = (m: Uint8Array) => {
        let inside = 0;
        let all = 0;
        for (let n = 0; n < m.length; n++)
          if (phantom.labels[n]) {
            all++;
            inside += m[n]!;
          }
        return inside / all;
      };
      const clicks = deepSeeds(c.liver, grid, 2);
      if (name === 'slab-capsule-confluent') clicks.push(...deepSeeds(c.liver, grid, 4).slice(2));
      for (const l of phantom.lesions)
        if (l.axialLongestMm >= 8)
          clicks.push(flatIndex(grid, ...(patientToIndex(grid, l.clickLps).map(Math.round) as Vec3)));
      for (const seed of clicks) {
        const m = liverFromSeed(phantom.image, { seed }).mask;
        expect(compareMasks(c.liver, m, grid).dice, `${name} seed ${seed}`).toBeGreaterThan(0.95);
        expect(share(m), `${name} seed ${seed}`).toBeGreaterThan(0.97);
      }
    }
  });

  it('a click in any tumour inserted into the unenhanced 3 mm CT, bright ones included, gives the liver', () => {
    // As from a click in parenchyma: the same liver, and each tumour it holds inside. (An 8 mm
    // hyper tumour in the left lobe's tip is outside from every click: the tip is an island on
    // those slices, which the grow does not reach.)
    const c = loadCrop3mm();
    const { grid } = c.image;
    for (const { name, phantom } of hybridCases('crop-3mm', c)) {
      if (name === 'crop-heterogeneous') continue; // 80-86 % inside: issue 15 leaves it open.
      const shares = (m: Uint8Array) =>
        phantom.lesions.map((l) => {
          let inside = 0;
          let all = 0;
          for (let n = 0; n < m.length; n++)
            if (phantom.labels[n] === l.label) {
              all++;
              inside += m[n]!;
            }
          return inside / all;
        });
      const deep = liverFromSeed(phantom.image, { seed: deepSeeds(c.liver, grid, 1)[0]! }).mask;
      const deepShares = shares(deep);
      for (const l of phantom.lesions) {
        const seed = flatIndex(grid, ...(patientToIndex(grid, l.clickLps).map(Math.round) as Vec3));
        const m = liverFromSeed(phantom.image, { seed }).mask;
        const what = `${name} click in ${l.kind} ${l.label}`;
        expect(compareMasks(c.liver, m, grid).dice, what).toBeGreaterThan(0.88);
        expect(compareMasks(deep, m, grid).dice, what).toBeGreaterThan(0.94);
        shares(m).forEach((s, i) => {
          if (deepShares[i]! > 0.9) expect(s, what).toBeGreaterThan(0.9);
        });
      }
    }
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
