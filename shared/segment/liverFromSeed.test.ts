import { describe, expect, it } from 'vitest';
import { flatIndex, patientToIndex, type Grid, type Vec3 } from '../volume/grid';
import { axialGrid, obliqueGrid } from '../volume/testing/testGrids';
import { liverFromSeed } from './liverFromSeed';
import { growMm } from './morphology';
import { dice, makeConfluentPhantom, makeTestPhantom, seededNoise } from './testing/testPhantom';

const toIndex = (grid: Grid, p: Vec3) => flatIndex(grid, ...(patientToIndex(grid, p).map(Math.round) as Vec3));

describe('liverFromSeed', () => {
  it('segments the whole liver with its lesions and vessel from one click (oblique, anisotropic)', () => {
    const grid = obliqueGrid([44, 36, 22], [1.4, 1.3, 2.5]);
    const ph = makeTestPhantom(grid, 10, 3);
    const c = ph.lesionCentres[0]!;
    const seed = toIndex(grid, [c[0] + 8, c[1] - 8, c[2] + 5]);
    const progress: number[] = [];
    const r = liverFromSeed(ph.phases.portal, { seed, onProgress: (f) => progress.push(f) });
    expect(dice(r.mask, ph.liver)).toBeGreaterThan(0.95);
    for (const lesion of ph.lesions) {
      let inside = 0;
      let size = 0;
      for (let n = 0; n < lesion.length; n++) {
        size += lesion[n]!;
        inside += lesion[n]! & r.mask[n]!;
      }
      expect(inside / size).toBeGreaterThan(0.9);
    }
    expect(progress.at(-1)).toBe(1);
  });

  it('an exclude stroke stops the grow from claiming a touching organ of similar intensity', () => {
    const grid = axialGrid([44, 36, 18], [1.4, 1.4, 3]);
    const ph = makeTestPhantom(grid, 6, 5);
    // Make the "stomach" almost liver-bright and weld it to the liver with a broad contact.
    const data = ph.phases.portal.data;
    for (let n = 0; n < data.length; n++) if (ph.labels[n] === 2) data[n] = data[n]! + 17;
    // The weld: fat within 3 mm of both organs takes the stomach's intensity (fat -100 -> 105).
    const nearLiver = growMm(ph.liver, grid, 3);
    const nearStomach = growMm(
      Uint8Array.from(ph.labels, (l) => (l === 2 ? 1 : 0)),
      grid,
      3,
    );
    for (let n = 0; n < data.length; n++)
      if (ph.labels[n] === 0 && nearLiver[n] && nearStomach[n]) data[n] = data[n]! + 205;
    const c = ph.lesionCentres[0]!;
    const seed = toIndex(grid, [c[0] + 8, c[1] - 8, c[2] + 5]);
    const wide = liverFromSeed(ph.phases.portal, { seed, k: 6, thinLeakMm: 0, fineLeakCutMm: 0 });
    let stomach = 0;
    for (let n = 0; n < data.length; n++) if (ph.labels[n] === 2 && wide.mask[n]) stomach++;
    expect(stomach).toBeGreaterThan(100);
    const exclude: number[] = [];
    for (let n = 0; n < data.length; n++) if (ph.labels[n] === 2 && n % 7 === 0) exclude.push(n);
    const refined = liverFromSeed(ph.phases.portal, { seed, k: 6, thinLeakMm: 0, fineLeakCutMm: 0, exclude });
    let left = 0;
    for (let n = 0; n < data.length; n++) if (ph.labels[n] === 2 && refined.mask[n]) left++;
    expect(left).toBeLessThan(stomach * 0.2);
    expect(dice(refined.mask, ph.liver)).toBeGreaterThan(0.93);
  });

  it('takes in necrotic and confluent lesions, on a fine grid worked at a coarser one', () => {
    // 0.625 mm voxels: block-averaged 3 x 3 x 2 to the working grid, the result interpolated back.
    const grid = axialGrid([120, 96, 52], [0.625, 0.625, 1]);
    const ph = makeConfluentPhantom(grid, 12, 7);
    const c = ph.lesionCentres[2]!;
    const r = liverFromSeed(ph.phases.portal, { seed: toIndex(grid, [c[0] + 4, c[1] + 18, c[2]]) });
    expect(dice(r.mask, ph.liver)).toBeGreaterThan(0.97);
    let count = 0;
    for (let n = 0; n < r.mask.length; n++) count += r.mask[n]!;
    expect(r.voxelCount).toBe(count);
    for (const lesion of ph.lesions) {
      let inside = 0;
      let size = 0;
      for (let n = 0; n < lesion.length; n++) {
        size += lesion[n]!;
        inside += lesion[n]! & r.mask[n]!;
      }
      expect(inside / size).toBeGreaterThan(0.98);
    }
  });

  it('does not follow a one-voxel partial-volume bridge to liver-like tissue beyond a wall', () => {
    const grid = axialGrid([60, 50, 18], [1.4, 1.4, 3]);
    const ph = makeTestPhantom(grid, 6, 5);
    const data = ph.phases.portal.data;
    const [nx, ny] = grid.dims;
    const j0 = 25;
    let edge = 0;
    while (!ph.liver[edge + nx * (j0 + ny * 9)]) edge++;
    expect(edge).toBeGreaterThan(8);
    // A liver-bright slab past the liver's -i end beyond a 6-voxel fat gap, joined by a sheet of
    // liver-like voxels three rows thick: the box mean keeps only its middle row in the window,
    // a one-voxel bridge like the partial-volume shell round a rib.
    const bright = (i: number, j: number, k: number) =>
      (data[i + nx * (j + ny * k)] = 110 + ((i * 7 + j * 3 + k) % 9) - 4);
    for (let k = 3; k < 15; k++) {
      for (let j = 12; j < 38; j++) for (let i = 0; i < edge - 6; i++) bright(i, j, k);
      for (let j = j0 - 1; j <= j0 + 1; j++) for (let i = edge - 6; i < edge; i++) bright(i, j, k);
    }
    const seed = toIndex(grid, ph.lesionCentres[0]!.map((v, a) => v + (a === 0 ? 10 : 0)) as Vec3);
    const slab = (mask: Uint8Array) => {
      let s = 0;
      for (let k = 3; k < 15; k++)
        for (let j = 12; j < 38; j++) for (let i = 0; i < edge - 7; i++) s += mask[i + nx * (j + ny * k)]!;
      return s;
    };
    expect(slab(liverFromSeed(ph.phases.portal, { seed, fineLeakCutMm: 0, thinLeakMm: 0 }).mask)).toBeGreaterThan(100);
    const r = liverFromSeed(ph.phases.portal, { seed });
    expect(slab(r.mask)).toBe(0);
    expect(dice(r.mask, ph.liver)).toBeGreaterThan(0.93);
  });

  it('keeps thin intrahepatic vessels but leaves out a wide one running through (the IVC)', () => {
    const grid = axialGrid([70, 60, 30], [1.5, 1.5, 2.5]);
    const [nx, ny, nz] = grid.dims;
    const data = new Float32Array(nx * ny * nz);
    const truth = new Uint8Array(data.length);
    const ivc = new Uint8Array(data.length);
    const vein = new Uint8Array(data.length);
    let state = 11;
    const noise = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 30;
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          const n = i + nx * (j + ny * k);
          const x = (i - 34.5) * 1.5;
          const y = (j - 29.5) * 1.5;
          const z = (k - 14.5) * 2.5;
          const inLiver = (x / 40) ** 2 + (y / 30) ** 2 + (z / 30) ** 2 <= 1;
          // The IVC: 20 mm across, along z through the back of the liver and on beyond it.
          ivc[n] = Math.hypot(x, y - 10) <= 10 ? 1 : 0;
          vein[n] = inLiver && Math.hypot(x + 18, y) <= 3 ? 1 : 0;
          truth[n] = inLiver && !ivc[n] ? 1 : 0;
          data[n] = (ivc[n] || vein[n] ? 170 : inLiver ? 110 : -100) + noise();
        }
    const seed = 20 + nx * (30 + ny * 15);
    const r = liverFromSeed({ grid, data }, { seed });
    const kept = liverFromSeed({ grid, data }, { seed, excludeWideVessels: false });
    const overlap = (a: Uint8Array, b: Uint8Array) => {
      let s = 0;
      for (let n = 0; n < a.length; n++) s += a[n]! & b[n]!;
      return s;
    };
    // The filling takes in the IVC wherever the liver wraps round it; the wide-vessel step takes it out.
    expect(overlap(kept.mask, ivc)).toBeGreaterThan(1000);
    expect(overlap(r.mask, ivc)).toBeLessThan(0.05 * overlap(kept.mask, ivc));
    // The thin vein stays, as much as without the step.
    expect(overlap(r.mask, vein)).toBe(overlap(kept.mask, vein));
    expect(overlap(r.mask, vein)).toBeGreaterThan(0.9 * overlap(vein, vein));
    expect(dice(r.mask, truth)).toBeGreaterThan(0.97);
  });

  it('rejects a seed outside the image', () => {
    const grid = axialGrid([4, 4, 4], [1, 1, 1]);
    expect(() => liverFromSeed({ grid, data: new Float32Array(64) }, { seed: -1 })).toThrow(/outside/);
  });

  it('gives the same liver wherever the click lands in a two-tone liver against muscle (contrast CT)', () => {
    // Air outside a fat-filled body with an 8 mm muscle wall the liver touches; the liver's
    // dependent part shades down 35 HU over 24 mm (as in the real Siemens slab); noise SD 15.
    const grid = axialGrid([90, 80, 24], [2, 2, 3]);
    const [nx, ny, nz] = grid.dims;
    const data = new Float32Array(nx * ny * nz);
    const liver = new Uint8Array(data.length);
    const muscle = new Uint8Array(data.length);
    const noise = seededNoise(5, 15);
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          const n = i + nx * (j + ny * k);
          const body = ((i - 45) / 42) ** 2 + ((j - 40) / 37) ** 2;
          const inWall = body <= 1 && body > ((42 - 4) / 42) ** 2;
          const inLiver =
            ((i - 33) / 26) ** 2 + ((j - 40) / 30) ** 2 + ((k - 12) / 10) ** 2 <= 1 && !inWall && body <= 1;
          let v = body > 1 ? -1000 : -100;
          if (inWall) {
            v = 45;
            muscle[n] = 1;
          }
          if (inLiver) {
            v = 103 - 35 * Math.min(1, Math.max(0, (j - 38) / 12));
            liver[n] = 1;
          }
          data[n] = v + (body > 1 ? 0 : noise());
        }
    const volume = { grid, data };
    const seeds = [
      [20, 30, 12],
      [35, 40, 10],
      [30, 60, 12],
      [45, 58, 14],
    ].map(([i, j, k]) => i! + nx * (j! + ny * k!));
    const masks = seeds.map((seed) => liverFromSeed(volume, { seed }).mask);
    for (const m of masks) {
      expect(dice(m, liver)).toBeGreaterThan(0.95);
      let inMuscle = 0;
      for (let n = 0; n < m.length; n++) inMuscle += m[n]! & muscle[n]!;
      expect(inMuscle / m.reduce((a, b) => a + b, 0)).toBeLessThan(0.03);
    }
    for (let a = 0; a < masks.length; a++)
      for (let b = a + 1; b < masks.length; b++) expect(dice(masks[a]!, masks[b]!)).toBeGreaterThan(0.97);
  });

  it('takes in a tumour bulging the capsule, and a click inside a tumour still gives the liver', () => {
    // Contrast CT as above (liver 100 HU against an 8 mm muscle wall, noise SD 15) with two 40 HU
    // tumours: one of 18 mm radius centred 8 mm inside the liver's surface (cut to the liver),
    // one of 14 mm inside it.
    const grid = axialGrid([90, 80, 24], [2, 2, 3]);
    const [nx, ny, nz] = grid.dims;
    const data = new Float32Array(nx * ny * nz);
    const liver = new Uint8Array(data.length);
    const capsule = new Uint8Array(data.length);
    const inner = new Uint8Array(data.length);
    const noise = seededNoise(7, 15);
    const ball = (i: number, j: number, k: number, c: Vec3, r: number) =>
      ((i - c[0]) * 2) ** 2 + ((j - c[1]) * 2) ** 2 + ((k - c[2]) * 3) ** 2 <= r * r;
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          const n = i + nx * (j + ny * k);
          const body = ((i - 45) / 42) ** 2 + ((j - 40) / 37) ** 2;
          const inWall = body <= 1 && body > ((42 - 4) / 42) ** 2;
          const inLiver =
            ((i - 33) / 26) ** 2 + ((j - 40) / 30) ** 2 + ((k - 12) / 10) ** 2 <= 1 && !inWall && body <= 1;
          let v = body > 1 ? -1000 : inWall ? 45 : -100;
          if (inLiver) {
            liver[n] = 1;
            v = 100;
            if (ball(i, j, k, [33, 15, 12], 18)) capsule[n] = 1;
            if (ball(i, j, k, [36, 48, 12], 14)) inner[n] = 1;
            if (capsule[n] || inner[n]) v = 40;
          }
          data[n] = v + (body > 1 ? 0 : noise());
        }
    const volume = { grid, data };
    const share = (m: Uint8Array, part: Uint8Array) => {
      let both = 0;
      let all = 0;
      for (let n = 0; n < m.length; n++) {
        all += part[n]!;
        both += part[n]! & m[n]!;
      }
      return both / all;
    };
    const fromParenchyma = liverFromSeed(volume, { seed: 30 + nx * (30 + ny * 12) }).mask;
    expect(dice(fromParenchyma, liver)).toBeGreaterThan(0.95);
    expect(share(fromParenchyma, capsule)).toBeGreaterThan(0.8);
    expect(share(fromParenchyma, inner)).toBeGreaterThan(0.95);
    // Without the step for tumours at the capsule, the outline runs round it.
    const without = liverFromSeed(volume, { seed: 30 + nx * (30 + ny * 12), lesionContact: 0 }).mask;
    expect(share(without, capsule)).toBeLessThan(0.3);
    // A click in the middle of the inner tumour: the grow starts from the parenchyma round it.
    const fromTumour = liverFromSeed(volume, { seed: 36 + nx * (48 + ny * 12) }).mask;
    expect(dice(fromTumour, fromParenchyma)).toBeGreaterThan(0.98);
  });

  it('refuses a click on air, fat or bone of a CT with a clinician-readable reason', () => {
    const grid = axialGrid([30, 30, 10], [2, 2, 3]);
    const data = new Float32Array(9000).fill(-1000);
    const at = (i: number, j: number, k: number) => i + 30 * (j + 30 * k);
    for (let k = 0; k < 10; k++)
      for (let j = 0; j < 30; j++)
        for (let i = 0; i < 30; i++) {
          if (i >= 10 && i < 20) data[at(i, j, k)] = -100;
          if (i >= 20) data[at(i, j, k)] = 900;
        }
    const volume = { grid, data };
    expect(() => liverFromSeed(volume, { seed: at(4, 15, 5) })).toThrow(/on air \(-1000 HU\)/);
    expect(() => liverFromSeed(volume, { seed: at(15, 15, 5) })).toThrow(/on fat/);
    expect(() => liverFromSeed(volume, { seed: at(26, 15, 5) })).toThrow(/on bone/);
  });

  it('stops at the heart: a liver-bright myocardium round a bright blood pool touching the dome', () => {
    // Axial 2 x 2 x 2.5 mm; fat body; liver 105 HU; above it a 26 mm blood pool (165 HU) in a
    // 9 mm myocardium (100 HU) that rests on the dome without a fat gap; noise SD 12.
    const grid = axialGrid([80, 70, 60], [2, 2, 2.5]);
    const [nx, ny, nz] = grid.dims;
    const data = new Float32Array(nx * ny * nz);
    const liver = new Uint8Array(data.length);
    const myocardium = new Uint8Array(data.length);
    const noise = seededNoise(9, 12);
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          const n = i + nx * (j + ny * k);
          const [x, y, z] = [i * 2, j * 2, k * 2.5];
          const inLiver = ((x - 70) / 55) ** 2 + ((y - 70) / 45) ** 2 + ((z - 45) / 40) ** 2 <= 1;
          const r = Math.hypot(x - 85, y - 70, z - 108);
          let v = -100;
          if (r <= 26) v = 165;
          else if (r <= 35) {
            v = 100;
            myocardium[n] = 1;
          } else if (inLiver) {
            // The heart indents the dome: a broad contact, no thin bridge to cut.
            v = 105;
            liver[n] = 1;
          }
          data[n] = v + noise();
        }
    const r = liverFromSeed({ grid, data }, { seed: 35 + nx * (35 + ny * 14) });
    let inHeart = 0;
    for (let n = 0; n < data.length; n++) inHeart += r.mask[n]! & myocardium[n]!;
    expect(inHeart).toBeLessThan(0.02 * r.voxelCount);
    expect(dice(r.mask, liver)).toBeGreaterThan(0.95);
    const without = liverFromSeed({ grid, data }, { seed: 35 + nx * (35 + ny * 14), cavityMarginMm: 0 });
    let leaked = 0;
    for (let n = 0; n < data.length; n++) leaked += without.mask[n]! & myocardium[n]!;
    // Without the guard a tenth of the myocardium came in (the window alone keeps out part of it).
    expect(leaked).toBeGreaterThan(0.05 * without.voxelCount);
  });

  it('a re-grow with a cache kept from the click gives the same liver as one without', () => {
    const grid = axialGrid([44, 36, 18], [1.4, 1.4, 3]);
    const ph = makeTestPhantom(grid, 6, 5);
    const c = ph.lesionCentres[0]!;
    const seed = toIndex(grid, [c[0] + 8, c[1] - 8, c[2] + 5]);
    const exclude: number[] = [];
    for (let n = 0; n < ph.labels.length; n++) if (ph.labels[n] === 2 && n % 7 === 0) exclude.push(n);
    const cache = {};
    liverFromSeed(ph.phases.portal, { seed, cache });
    const cached = liverFromSeed(ph.phases.portal, { seed, exclude, cache });
    const fresh = liverFromSeed(ph.phases.portal, { seed, exclude });
    expect(cached.mask).toEqual(fresh.mask);
    // Another click on the same volume does not reuse the first click's window.
    const other = toIndex(grid, [c[0] - 6, c[1] + 4, c[2] - 3]);
    expect(liverFromSeed(ph.phases.portal, { seed: other, cache }).mask).toEqual(
      liverFromSeed(ph.phases.portal, { seed: other }).mask,
    );
  });
});
