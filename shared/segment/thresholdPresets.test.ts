import { describe, expect, it } from 'vitest';
import { findThresholdPreset, THRESHOLD_PRESETS } from './thresholdPresets';

describe('threshold presets', () => {
  it('have unique ids, ordered ranges and a source each', () => {
    expect(new Set(THRESHOLD_PRESETS.map((p) => p.id)).size).toBe(THRESHOLD_PRESETS.length);
    for (const p of THRESHOLD_PRESETS) {
      expect(p.rangeHu[0]).toBeLessThan(p.rangeHu[1]);
      expect(p.source.length).toBeGreaterThan(20);
    }
  });

  it('keep the tissues apart that the brush must separate', () => {
    const fat = findThresholdPreset('fat').rangeHu;
    const liver = findThresholdPreset('liver-pv').rangeHu;
    expect(fat[1]).toBeLessThan(liver[0]);
    expect(() => findThresholdPreset('nope' as 'fat')).toThrow(/nope/);
  });
});
