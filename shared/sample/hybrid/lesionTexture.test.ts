import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../volume/grid';
import { createRng } from '../random';
import { defaultProfile, lesionHu } from './lesionProfiles';
import { randomTexture, textureAt } from './lesionTexture';

describe('randomTexture', () => {
  it('has mean 0 and SD 1 over space, is deterministic in the seed, and varies over a few mm', () => {
    const field = randomTexture(createRng('t'), [6, 14]);
    const again = randomTexture(createRng('t'), [6, 14]);
    const rng = createRng('points');
    const v: number[] = [];
    let near = 0;
    for (let n = 0; n < 4000; n++) {
      const q: Vec3 = [rng.range(-200, 200), rng.range(-200, 200), rng.range(-200, 200)];
      const a = textureAt(field, q);
      v.push(a);
      expect(textureAt(again, q)).toBe(a);
      // 1 mm apart: strongly correlated; the grain is several mm.
      near += (a - textureAt(field, [q[0] + 1, q[1], q[2]])) ** 2;
    }
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(Math.abs(sd - 1)).toBeLessThan(0.1);
    expect(near / v.length).toBeLessThan(0.5);
  });

  it('rejects wavelengths that are not positive and ordered', () => {
    expect(() => randomTexture(createRng('t'), [0, 5])).toThrow(/positive and ordered/);
    expect(() => randomTexture(createRng('t'), [8, 4])).toThrow(/positive and ordered/);
  });
});

describe('heterogeneous lesion profile', () => {
  it('spans necrosis to above liver level in a 100 HU liver, mean below the liver', () => {
    const profile = defaultProfile('heterogeneous', 100, createRng('het'));
    const rng = createRng('q');
    const hu: number[] = [];
    for (let n = 0; n < 3000; n++) {
      const q: Vec3 = [rng.range(-25, 25), rng.range(-25, 25), rng.range(-25, 25)];
      hu.push(lesionHu(profile, q, 0.5, 25, 1));
    }
    hu.sort((a, b) => a - b);
    const mean = hu.reduce((s, x) => s + x, 0) / hu.length;
    expect(mean).toBeLessThan(80);
    expect(hu[Math.floor(0.05 * hu.length)]!).toBeLessThan(45);
    expect(hu[Math.floor(0.95 * hu.length)]!).toBeGreaterThan(95);
    expect(hu[0]!).toBeGreaterThanOrEqual(profile.texture!.lo);
    expect(hu[hu.length - 1]!).toBeLessThanOrEqual(profile.texture!.hi);
  });
});
