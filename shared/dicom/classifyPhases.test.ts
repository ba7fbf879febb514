import { describe, expect, it } from 'vitest';
import { classifyPhases, type PhaseInput } from './classifyPhases';
import type { InstanceHeader } from './instanceHeader';

const base: InstanceHeader = {
  path: '',
  transferSyntaxUid: '',
  sopClassUid: '',
  sopInstanceUid: '',
  studyInstanceUid: 's',
  seriesInstanceUid: '',
  frameOfReferenceUid: '',
  patientId: '',
  patientName: '',
  studyDate: '',
  studyTime: '',
  studyDescription: '',
  seriesDescription: '',
  protocolName: '',
  seriesNumber: 1,
  instanceNumber: 1,
  acquisitionNumber: 1,
  temporalPosition: 0,
  modality: 'CT',
  imageType: [],
  rows: 2,
  columns: 2,
  numberOfFrames: 1,
  bitsAllocated: 16,
  bitsStored: 16,
  pixelRepresentation: 1,
  samplesPerPixel: 1,
  photometricInterpretation: 'MONOCHROME2',
  rescaleSlope: 1,
  rescaleIntercept: 0,
  geometry: { position: null, orientation: null, pixelSpacing: null },
  frames: null,
  contrastBolusAgent: '',
  contrastBolusRoute: '',
  contrastStartTime: NaN,
  acquisitionTime: NaN,
  seriesTime: NaN,
  contentTime: NaN,
  echoTime: NaN,
  repetitionTime: NaN,
  inversionTime: NaN,
  diffusionBValue: NaN,
  scanningSequence: '',
  sequenceName: '',
  derivedUids: [],
};
const s = (key: string, h: Partial<InstanceHeader>): PhaseInput => ({ key, header: { ...base, ...h }, isVolume: true });
const labels = (inputs: PhaseInput[]) => Object.fromEntries([...classifyPhases(inputs)].map(([k, p]) => [k, p.label]));

describe('classifyPhases', () => {
  it('reads CT description keywords with a reason', () => {
    const out = classifyPhases([
      s('a', { seriesDescription: 'Abd NON CON 5mm' }),
      s('b', { seriesDescription: 'LATE ART 1.25' }),
      s('c', { seriesDescription: 'Portal venous' }),
      s('d', { seriesDescription: 'Delayed 3 min' }),
      s('e', { seriesDescription: 'Arterial' }),
    ]);
    expect(Object.fromEntries([...out].map(([k, p]) => [k, p.label]))).toEqual({
      a: 'unenhanced',
      b: 'late_arterial',
      c: 'portal_venous',
      d: 'delayed',
      e: 'arterial',
    });
    expect(out.get('c')!.reason).toMatch(/contains "portal"/);
    expect(out.get('c')!.confidence).toBeGreaterThan(0.8);
  });
  it('uses contrast timing tags when the text is silent', () => {
    const agent = { contrastBolusAgent: 'Iomeprol', contrastStartTime: 36000 };
    expect(
      labels([
        s('a', { ...agent, acquisitionTime: 36000 + 40 }),
        s('p', { ...agent, acquisitionTime: 36000 + 75 }),
        s('d', { ...agent, acquisitionTime: 36000 + 300 }),
      ]),
    ).toEqual({ a: 'late_arterial', p: 'portal_venous', d: 'delayed' });
  });
  it('falls back to acquisition order of enhanced series, and to unenhanced without contrast tags', () => {
    const out = classifyPhases([
      s('x', { contrastBolusAgent: 'IV', acquisitionTime: 36100 }),
      s('y', { contrastBolusAgent: 'IV', acquisitionTime: 36040 }),
      s('n', { acquisitionTime: 36000 }),
    ]);
    expect(out.get('y')!.label).toBe('arterial');
    expect(out.get('x')!.label).toBe('portal_venous');
    expect(out.get('x')!.confidence).toBeLessThan(0.6);
    expect(out.get('n')!.label).toBe('unenhanced');
  });
  it('says unknown when the study carries no contrast tags at all (e.g. anonymised)', () => {
    const out = classifyPhases([s('a', { acquisitionTime: 100 }), s('b', { acquisitionTime: 200 })]);
    expect(out.get('a')).toMatchObject({ label: 'unknown', confidence: 0 });
  });
  it('recognises MR sequences and dynamic phases', () => {
    expect(
      labels([
        s('t2', { modality: 'MR', seriesDescription: 'T2 HASTE COR' }),
        s('dwi', { modality: 'MR', seriesDescription: 'ep2d_diff b50 b800' }),
        s('adc', { modality: 'MR', seriesDescription: 'ep2d_diff_ADC' }),
        s('hb', { modality: 'MR', seriesDescription: 'VIBE 20 min HBP' }),
        s('pre', { modality: 'MR', seriesDescription: 't1 vibe pre' }),
        s('te', { modality: 'MR', seriesDescription: 'sequence 7', echoTime: 95 }),
        s('q', { modality: 'MR', seriesDescription: 'localiser' }),
      ]),
    ).toEqual({ t2: 't2', dwi: 'dwi', adc: 'adc', hb: 't1_hepatobiliary', pre: 't1_pre', te: 't2', q: 'unknown' });
  });
});
