import { describe, expect, it } from 'vitest';
import { extractHeader, parseDicomTime } from './extractHeader';
import { makeSeries } from './makeSeries';
import { UnreadableError } from './unreadable';

describe('extractHeader', () => {
  const [file] = makeSeries({
    slices: 1,
    description: 'PV 70s',
    acquisitionTime: '101530.5',
    contrastAgent: 'Iohexol',
  });
  const bytes = file!.bytes;

  it('reads identity, geometry, pixel format and contrast fields', () => {
    const h = extractHeader(bytes, 'a.dcm');
    expect(h).toMatchObject({
      path: 'a.dcm',
      modality: 'CT',
      rows: 4,
      columns: 5,
      seriesDescription: 'PV 70s',
      contrastBolusAgent: 'Iohexol',
      pixelRepresentation: 1,
      patientName: 'Test Fixture',
    });
    expect(h.geometry.pixelSpacing).toEqual([0.8, 0.7]);
    expect(h.geometry.orientation).toEqual([1, 0, 0, 0, 1, 0]);
    expect(h.acquisitionTime).toBeCloseTo(10 * 3600 + 15 * 60 + 30.5);
  });

  it('never throws anything but UnreadableError on truncated or corrupted bytes', () => {
    const cuts = [0, 10, 131, 132, 140, 200, 300, 400, bytes.length - 41, bytes.length - 1];
    for (const n of cuts) {
      try {
        extractHeader(bytes.slice(0, n));
      } catch (e) {
        expect(e).toBeInstanceOf(UnreadableError);
      }
    }
    // Flip bytes throughout the header: each outcome is a header or a reason, never a crash.
    for (let at = 132; at < bytes.length - 60; at += 7) {
      const bad = bytes.slice();
      bad[at] = bad[at]! ^ 0xff;
      try {
        extractHeader(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(UnreadableError);
        expect((e as Error).message.length).toBeGreaterThan(5);
      }
    }
  });

  it('parses DICOM times, with or without colons', () => {
    expect(parseDicomTime('0930')).toBe(9 * 3600 + 30 * 60);
    expect(parseDicomTime('09:30:10')).toBe(9 * 3600 + 30 * 60 + 10);
    expect(parseDicomTime('')).toBeNaN();
  });
});
