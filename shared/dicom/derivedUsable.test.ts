import { describe, expect, it } from 'vitest';
import { makeRtstruct } from '../rtstruct/testing/makeRtstruct';
import type { Grid } from '../volume/grid';
import { extractInstance } from './extractHeader';
import { makeRtstructFor, makeSrFor, type SeriesRef } from './testing/makeDerived';
import { writeInstance } from './writeInstance';

const ref: SeriesRef = {
  studyInstanceUid: '2.25.61',
  seriesInstanceUid: '2.25.62',
  frameOfReferenceUid: '2.25.63',
  sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
  sopInstanceUids: ['2.25.62.1', '2.25.62.2', '2.25.62.3'],
};
const grid: Grid = { dims: [10, 10, 3], spacing: [1, 1, 2], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
const roi = {
  name: 'Liver',
  color: [1, 2, 3] as [number, number, number],
  type: 'ORGAN',
  rect: [1, 1, 5, 5] as [number, number, number, number],
  slices: [0, 2] as [number, number],
};

function derivedOf(bytes: Uint8Array) {
  const r = extractInstance(bytes, 'x.dcm');
  if (!('derived' in r)) throw new Error('expected a derived object');
  return r.derived;
}

describe('unusableReason: one line for each derived object LiverPlan cannot use', () => {
  it('accepts a TID 1500 SR and an RTSTRUCT with contours and a referenced series', () => {
    expect(derivedOf(makeSrFor(ref)).unusable).toBeUndefined();
    expect(derivedOf(makeRtstruct(ref, grid, [roi])).unusable).toBeUndefined();
  });

  it('names an SR that is not a measurement report', () => {
    const sr = writeInstance({
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.11',
      SOPInstanceUID: '2.25.64',
      StudyInstanceUID: ref.studyInstanceUid,
      SeriesInstanceUID: '2.25.65',
      Modality: 'SR',
      ValueType: 'CONTAINER',
      ConceptNameCodeSequence: [
        { CodeValue: '18748-4', CodingSchemeDesignator: 'LN', CodeMeaning: 'Diagnostic Imaging Report' },
      ],
      ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2000' }],
    });
    expect(derivedOf(sr).unusable).toBe(
      'SR "Diagnostic Imaging Report" (template 2000) is not a TID 1500 measurement report: nothing to list',
    );
  });

  it('names an RTSTRUCT without referenced series or without contours, and kinds never loaded', () => {
    expect(derivedOf(makeRtstruct(ref, grid, [roi], { withSeries: false })).unusable).toMatch(
      /^RTSTRUCT names no referenced series/,
    );
    expect(derivedOf(makeRtstructFor(ref)).unusable).toBe('RTSTRUCT without contours (no ROI has a ContourSequence)');
    const ko = writeInstance({
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.59',
      SOPInstanceUID: '2.25.66',
      StudyInstanceUID: ref.studyInstanceUid,
      SeriesInstanceUID: '2.25.67',
      Modality: 'KO',
    });
    expect(derivedOf(ko).unusable).toMatch(/^key object selection/);
  });
});
