import { describe, expect, it } from 'vitest';
import { sampleTypeFor } from './sampleType';

const ct = { modality: 'CT', rescaleSlope: 1, rescaleIntercept: -1024 };

describe('sampleTypeFor', () => {
  it('holds 12-bit unsigned CT with intercept -1024 in int16', () => {
    expect(sampleTypeFor({ ...ct, bitsStored: 12, pixelRepresentation: 0 })).toBe('int16');
  });
  it('holds signed 16-bit CT in int16', () => {
    expect(sampleTypeFor({ ...ct, rescaleIntercept: 0, bitsStored: 16, pixelRepresentation: 1 })).toBe('int16');
  });
  it('holds 16-bit unsigned CT in int16 even though the format reaches 64511 HU', () => {
    expect(sampleTypeFor({ ...ct, bitsStored: 16, pixelRepresentation: 0 })).toBe('int16');
  });
  it('holds 16-bit unsigned MR in uint16, not float32', () => {
    expect(
      sampleTypeFor({ modality: 'MR', rescaleSlope: 1, rescaleIntercept: 0, bitsStored: 16, pixelRepresentation: 0 }),
    ).toBe('uint16');
  });
  it('takes float32 for a fractional rescale or values no 16-bit type holds', () => {
    expect(sampleTypeFor({ ...ct, rescaleSlope: 0.5, bitsStored: 12, pixelRepresentation: 0 })).toBe('float32');
    expect(
      sampleTypeFor({ modality: 'PT', rescaleSlope: 3, rescaleIntercept: 0, bitsStored: 16, pixelRepresentation: 0 }),
    ).toBe('float32');
  });
  it('handles a negative slope', () => {
    expect(
      sampleTypeFor({ ...ct, rescaleSlope: -1, rescaleIntercept: 0, bitsStored: 12, pixelRepresentation: 0 }),
    ).toBe('int16');
  });
});
