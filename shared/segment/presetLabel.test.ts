import { describe, expect, it } from 'vitest';
import { presetLabel, presetTitle } from './presetLabel';
import { findThresholdPreset, THRESHOLD_PRESETS } from './thresholdPresets';

const liver = findThresholdPreset('liver-pv');
const lesion = findThresholdPreset('lesion-arterial');

describe('threshold preset labels', () => {
  it('names the phase when an open series is recognised as that phase', () => {
    expect(presetLabel(liver, ['arterial', 'portal_venous'])).toBe('Liver parenchyma (portal venous) 70..170 HU');
    expect(presetLabel(lesion, ['late_arterial'])).toBe('Enhancing lesion (late arterial) 110..300 HU');
  });

  it('leaves the phase out on a series whose phase is unknown', () => {
    expect(presetLabel(liver, ['unknown'])).toBe('Liver parenchyma 70..170 HU');
    expect(presetLabel(lesion, ['portal_venous'])).toBe('Enhancing lesion 110..300 HU');
    for (const p of THRESHOLD_PRESETS) {
      expect(presetLabel(p, ['unknown'])).not.toMatch(/venous|arterial/);
      expect(presetLabel(p, [])).not.toMatch(/\(/);
    }
  });

  it('explains in the tooltip what the range is meant for and how firm it is, in words', () => {
    expect(presetTitle(liver, ['unknown'])).toMatch(/Meant for the portal venous phase; no open series is recognised/);
    expect(presetTitle(liver, ['portal_venous'])).toMatch(
      /^Liver parenchyma, 70 to 170 HU\. Meant for the portal venous phase\. Unenhanced/,
    );
    expect(presetTitle(findThresholdPreset('fat'), [])).toMatch(/Any phase\..*standard value/);
    for (const p of THRESHOLD_PRESETS) expect(presetTitle(p, [])).not.toMatch(/\[[VKU]\]/);
  });
});
