import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../volume/grid';
import { cutTubes } from './cutTubes';

describe('cutTubes', () => {
  it('cuts a vessel running off a round lesion and keeps the lesion whole', () => {
    const dims: Vec3 = [60, 40, 30];
    const spacing: Vec3 = [1, 1, 1.5];
    const [nx, ny] = dims;
    const mask = new Uint8Array(dims[0] * dims[1] * dims[2]);
    const lesion = new Uint8Array(mask.length);
    for (let n = 0; n < mask.length; n++) {
      const x = (n % nx) * spacing[0];
      const y = (Math.floor(n / nx) % ny) * spacing[1];
      const z = Math.floor(n / (nx * ny)) * spacing[2];
      const inBall = (x - 18) ** 2 + (y - 20) ** 2 + (z - 22) ** 2 <= 9 ** 2;
      const inTube = x >= 18 && (y - 20) ** 2 + (z - 22) ** 2 <= 1.6 ** 2;
      if (inBall) lesion[n] = 1;
      if (inBall || inTube) mask[n] = 1;
    }
    const out = cutTubes(mask, dims, spacing);
    let kept = 0;
    let tubeFar = 0;
    for (let n = 0; n < mask.length; n++) {
      if (lesion[n] && out[n]) kept++;
      if (out[n] && !lesion[n] && n % nx > 18 + 9 + 7) tubeFar++;
    }
    const total = lesion.reduce((s, v) => s + v, 0);
    expect(kept).toBe(total);
    expect(tubeFar).toBe(0);
  });

  it('keeps a lesion pinched at one slice whole, and still cuts a vessel off it', () => {
    // A filled ball of radius 12 whose outline is open on one slice (only its 2 mm rim there, as a
    // necrotic lesion's rim with the core left out): the opening parts its two halves.
    const dims: Vec3 = [70, 40, 30];
    const spacing: Vec3 = [1, 1, 2];
    const [nx, ny] = dims;
    const mask = new Uint8Array(dims[0] * dims[1] * dims[2]);
    let ballVoxels = 0;
    for (let n = 0; n < mask.length; n++) {
      const x = (n % nx) * spacing[0];
      const y = (Math.floor(n / nx) % ny) * spacing[1];
      const k = Math.floor(n / (nx * ny));
      const r = Math.sqrt((x - 20) ** 2 + (y - 20) ** 2 + (k * spacing[2] - 30) ** 2);
      const inBall = r <= 12 && (k !== 15 || Math.hypot(x - 20, y - 20) >= 9);
      // A vessel of radius 2.5 mm running off along x.
      const inTube = x >= 20 && (y - 20) ** 2 + (k * spacing[2] - 30) ** 2 <= 2.5 ** 2;
      if (inBall) ballVoxels++;
      if (inBall || inTube) mask[n] = 1;
    }
    const out = cutTubes(mask, dims, spacing);
    let upper = 0;
    let lower = 0;
    let tubeFar = 0;
    for (let n = 0; n < mask.length; n++) {
      if (!out[n]) continue;
      const k = Math.floor(n / (nx * ny));
      if (n % nx > 20 + 12 + 12) tubeFar++;
      else if (k < 15) lower++;
      else if (k > 15) upper++;
    }
    expect(lower).toBeGreaterThan(0.4 * ballVoxels);
    expect(upper).toBeGreaterThan(0.4 * ballVoxels);
    expect(tubeFar).toBe(0);
  });

  it('leaves shallow masks alone', () => {
    const dims: Vec3 = [10, 10, 3];
    const mask = new Uint8Array(300);
    for (let i = 2; i < 8; i++) mask[i + 10 * 5 + 100] = 1;
    expect(cutTubes(mask, dims, [1, 1, 1])).toBe(mask);
  });
});
