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

  it('leaves shallow masks alone', () => {
    const dims: Vec3 = [10, 10, 3];
    const mask = new Uint8Array(300);
    for (let i = 2; i < 8; i++) mask[i + 10 * 5 + 100] = 1;
    expect(cutTubes(mask, dims, [1, 1, 1])).toBe(mask);
  });
});
