import { describe, expect, it } from 'vitest';
import { guessSegmentTemplate } from './guessSegmentTemplate';

const sct = (value: string, meaning = '') => ({ value, scheme: 'SCT', meaning });

describe('guessSegmentTemplate', () => {
  it('goes by the SNOMED type code first', () => {
    expect(guessSegmentTemplate('whatever', sct('10200004'))?.id).toBe('liver');
    expect(guessSegmentTemplate('Segment 2', sct('14799000'))?.id).toBe('lesion');
    expect(guessSegmentTemplate('x', sct('32764006'))?.id).toBe('portal-vein');
    expect(guessSegmentTemplate('x', sct('28231008'))?.kind).toBe('critical');
    expect(guessSegmentTemplate('x', { value: 'LP001', scheme: '99LVRPLN', meaning: '' })?.kind).toBe('ablation');
  });

  it('falls back to the name, lesion words before organ words', () => {
    expect(guessSegmentTemplate('liver lesion 2')?.kind).toBe('lesion');
    expect(guessSegmentTemplate('Tumor_1')?.kind).toBe('lesion');
    expect(guessSegmentTemplate('Metastasis')?.kind).toBe('lesion');
    expect(guessSegmentTemplate('liver')?.kind).toBe('liver');
    expect(guessSegmentTemplate('Hepatic veins')?.id).toBe('hepatic-vein');
    expect(guessSegmentTemplate('portal_vein_and_splenic_vein')?.id).toBe('portal-vein');
    expect(guessSegmentTemplate('inferior vena cava')?.id).toBe('ivc');
    expect(guessSegmentTemplate('gallbladder')?.id).toBe('gallbladder');
    expect(guessSegmentTemplate('aorta artery')?.kind).toBe('vessel');
  });

  it('uses the code meaning and the abnormal category, and says nothing when nothing is known', () => {
    expect(guessSegmentTemplate('S1', sct('123', 'Stomach'))?.id).toBe('stomach');
    expect(guessSegmentTemplate('S1', sct('123', 'Thing'), sct('49755003'))?.kind).toBe('lesion');
    expect(guessSegmentTemplate('Label 4')).toBeNull();
    expect(guessSegmentTemplate('Kidney', sct('64033007', 'Kidney'), sct('91723000'))).toBeNull();
  });
});
