import { describe, expect, it } from 'vitest';
import { PHASE_LABELS } from '../dicom/phaseLabels';
import { phaseName, phaseOrSeries } from './phaseName';

const series = (label: string, seriesNumber: number, description: string) => ({
  modality: 'CT',
  seriesNumber,
  description,
  phase: { label, confidence: label === 'unknown' ? 0 : 0.9, reason: 'test' },
});

describe('phase names in running text', () => {
  it('writes recognised phases as words, keeping acronyms and T1/T2', () => {
    expect(phaseName('portal_venous')).toBe('portal venous');
    expect(phaseName('late_arterial')).toBe('late arterial');
    expect(phaseName('t1_hepatobiliary')).toBe('T1 hepatobiliary');
    expect(phaseName('dwi')).toBe('DWI');
  });

  it('names no phase for unknown, empty or non-phase labels', () => {
    expect(phaseName('unknown')).toBeNull();
    expect(phaseName('')).toBeNull();
    expect(phaseName('reference')).toBeNull();
  });

  it('has words for every recognised label, never an underscore', () => {
    for (const l of PHASE_LABELS.filter((x) => x !== 'unknown')) expect(phaseName(l)).toMatch(/^[A-Za-z0-9 -]+$/);
  });
});

describe('a phase label as shown beside figures', () => {
  const open = [series('arterial', 2, 'Liver art'), series('unknown', 0, '')];
  it('shows the phase title when recognised', () => {
    expect(phaseOrSeries('arterial', open)).toBe('Arterial');
  });
  it('shows the series identity for the one series whose phase is unknown', () => {
    expect(phaseOrSeries('unknown', open)).toBe('CT · no series number · no description');
  });
  it('says the phase is not recognised when several series share the unknown label', () => {
    expect(phaseOrSeries('unknown', [...open, series('unknown', 7, 'Abd')])).toBe('phase not recognised');
  });
});
