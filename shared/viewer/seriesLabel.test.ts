import { describe, expect, it } from 'vitest';
import { confidenceWord, paneTitle, phaseExplanation, seriesIdentity, seriesTitle } from './seriesLabel';

const unknown = {
  label: 'unknown',
  confidence: 0,
  reason: 'no description keyword, contrast tag or timing identifies the phase',
};
const pv = { label: 'portal_venous', confidence: 0.6, reason: 'description "Abd PV" contains "pv"' };

describe('series labels', () => {
  it('names a series without a phase by modality, number and description', () => {
    expect(seriesTitle({ modality: 'CT', seriesNumber: 3, description: 'Abd 5mm', phase: unknown })).toBe(
      'CT · series 3 · Abd 5mm',
    );
  });

  it('says "no description" and never shows series number 0', () => {
    const s = { modality: 'CT', seriesNumber: 0, description: '  ', phase: unknown };
    expect(seriesTitle(s)).toBe('CT · no series number · no description');
    expect(seriesTitle(s)).not.toMatch(/Series 0|#0|unknown|0%/);
  });

  it('uses the phase when it is known', () => {
    expect(seriesTitle({ modality: 'CT', seriesNumber: 5, description: 'Abd PV', phase: pv })).toBe('Portal venous');
    expect(seriesIdentity({ modality: 'MR', seriesNumber: 7, description: 'T2 haste' })).toBe(
      'MR · series 7 · T2 haste',
    );
  });

  it('keeps the layout suffix of a planned viewport title', () => {
    const s = { modality: 'CT', seriesNumber: 0, description: '', phase: unknown };
    expect(paneTitle('Series 0 · coronal', s)).toBe('CT · no series number · no description · coronal');
    expect(paneTitle('Series 0 · 3D', s)).toBe('CT · no series number · no description · 3D');
    expect(paneTitle('Portal venous · 3D', { ...s, phase: pv })).toBe('Portal venous · 3D');
  });

  it('explains the confidence in words, with its reason and where to correct it', () => {
    expect(confidenceWord(0.9)).toBe('high');
    expect(confidenceWord(0.6)).toBe('moderate');
    expect(confidenceWord(0.3)).toBe('low');
    expect(phaseExplanation(pv)).toBe(
      'Phase portal venous, recognised automatically with moderate confidence (60%): description "Abd PV" contains "pv". Set the phase in the study browser (Start) if it is wrong.',
    );
    expect(phaseExplanation(unknown)).toMatch(/^Phase not recognised: no description keyword/);
    expect(phaseExplanation(unknown)).toContain('if you know it');
    expect(phaseExplanation({ label: 'arterial', confidence: 1, reason: 'set by the user' })).toBe(
      'Phase arterial, set by the user.',
    );
  });
});
