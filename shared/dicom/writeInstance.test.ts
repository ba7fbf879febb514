import { describe, expect, it } from 'vitest';
import { readInstance, writeInstance } from './writeInstance';

describe('writeInstance', () => {
  it('round-trips a small CT image through dcmjs', () => {
    const pixels = new Int16Array([0, 100, -1000, 2000]);
    const bytes = writeInstance({
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
      SOPInstanceUID: '2.25.1234',
      Modality: 'CT',
      Rows: 2,
      Columns: 2,
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      PixelRepresentation: 1,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      ImagePositionPatient: [1.5, -2, 30],
      PixelData: [pixels.buffer],
      _vrMap: { PixelData: 'OW' },
    });
    expect(String.fromCharCode(...bytes.slice(128, 132))).toBe('DICM');
    const back = readInstance(bytes);
    expect(back.Modality).toBe('CT');
    expect(back.ImagePositionPatient).toEqual([1.5, -2, 30]);
    const px = new Int16Array((back.PixelData as ArrayBuffer[])[0]!);
    expect(Array.from(px)).toEqual([0, 100, -1000, 2000]);
  });
});
