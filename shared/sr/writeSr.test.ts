import { describe, expect, it } from 'vitest';
import { readInstance, writeInstance } from '../dicom/writeInstance';
import { makeCtSeries } from '../export/testing/testSeries';
import { studyContext } from '../export/studyContext';
import { formatDs } from './contentItems';
import { readSr } from './readSr';
import { makeSrDocument } from './testing/testDocument';
import { ENHANCED_SR_SOP_CLASS, buildSrDataset } from './writeSr';

const software = { manufacturer: 'LiverPlan', modelName: 'LiverPlan', version: '0.1.0', deviceSerialNumber: 'dev' };

describe('TID 1500 writer and reader', () => {
  it('round-trips every group, reference and measurement through Part 10 bytes', () => {
    const source = makeCtSeries();
    const doc = makeSrDocument(source);
    const ds = buildSrDataset(doc, {
      study: studyContext(source[0]),
      seriesInstanceUid: '1.2.3.4',
      sopInstanceUid: '1.2.3.4.1',
      seriesNumber: 901,
      software,
      deviceObserverUid: '1.2.3.9',
      at: new Date('2026-01-02T03:04:05Z'),
    });
    const back = readInstance(writeInstance(ds));
    expect(back.SOPClassUID).toBe(ENHANCED_SR_SOP_CLASS);
    expect(back.StudyInstanceUID).toBe(source[0].StudyInstanceUID);
    expect(back.ContentDate).toBe('20260102');
    const read = readSr(back);
    expect(read.groups).toEqual(doc.groups);
    expect(read.seg).toEqual(doc.seg);
    expect(read.source).toEqual(doc.source);
  });

  it('keeps numeric values within the 16 characters of DS', () => {
    expect(formatDs(1523.456789012345)).toBe('1523.456789');
    expect(formatDs(-0.000012345678901)).toHaveLength(16);
    expect(() => formatDs(Number.NaN)).toThrow(/finite/);
  });
});
