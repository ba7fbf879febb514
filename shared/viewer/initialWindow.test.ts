import { describe, expect, it } from 'vitest';
import { chooseInitialWindow, unusableHeaderWindow } from './initialWindow';
import { WL_PRESETS } from './wlPresets';

const abdomen = WL_PRESETS.find((p) => p.id === 'abdomen')!;

describe('chooseInitialWindow', () => {
  it("keeps a usable header window (the scanner's)", () => {
    expect(chooseInitialWindow({ modality: 'CT', header: [40, 300], dataRange: [-1024, 1800] })).toMatchObject({
      center: 40,
      width: 300,
      source: 'header',
    });
  });

  it('opens CT without a usable window in the abdomen preset: absent, zero, or wider than the data', () => {
    for (const header of [null, [40, 0] as const, [1024, 4096] as const, [32767, 65535] as const]) {
      const c = chooseInitialWindow({ modality: 'CT', header, dataRange: [-1024, 2500] });
      expect(c).toMatchObject({ center: abdomen.center, width: abdomen.width, source: 'abdomen-preset' });
    }
    // Before the data is known, an absent window already decides.
    expect(chooseInitialWindow({ modality: 'CT', header: null })?.source).toBe('abdomen-preset');
  });

  it('flags a window that lies outside the data', () => {
    expect(unusableHeaderWindow([5000, 200], [-1024, 2000])).toMatch(/outside the data/);
  });

  it('gives MR a window from its own data, or leaves the default when the data is not known yet', () => {
    expect(chooseInitialWindow({ modality: 'MR', header: null, dataRange: [0, 800] })).toMatchObject({
      center: 400,
      width: 800,
      source: 'data',
    });
    expect(chooseInitialWindow({ modality: 'MR', header: [0, 0] })).toBeNull();
    expect(chooseInitialWindow({ modality: 'MR', header: [300, 600], dataRange: [0, 1200] })?.source).toBe('header');
  });
});
