import { describe, expect, it } from 'vitest';
import { composeImport } from '../case/importSegments';
import { readLabelFile } from '../seg/labelFile';
import type { Grid } from '../volume/grid';
import { makeRtstruct, type RtSeriesRef } from './testing/makeRtstruct';

const ref: RtSeriesRef = {
  studyInstanceUid: '2.25.61',
  seriesInstanceUid: '2.25.62',
  frameOfReferenceUid: '2.25.63',
  sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
  sopInstanceUids: Array.from({ length: 8 }, (_, k) => `2.25.62.${k + 1}`),
};
// Oblique, anisotropic: the file's two-decimal coordinates must still land on its slices.
const grid: Grid = {
  dims: [40, 32, 8],
  spacing: [0.78, 0.78, 3],
  origin: [-120.4, -80.2, 33.3],
  direction: [0.8, 0, -0.6, 0, 1, 0, 0.6, 0, 0.8],
};

describe("another tool's RTSTRUCT as a labels file", () => {
  it('fills each ROI (holes cut, later ROIs winning overlaps) with its name and colour', () => {
    const bytes = makeRtstruct(ref, grid, [
      {
        name: 'Liver',
        color: [200, 150, 100],
        type: 'ORGAN',
        rect: [4.5, 4.5, 34.5, 24.5],
        slices: [1, 6],
        hole: [9.5, 9.5, 14.5, 14.5],
      },
      { name: 'GTV', color: [255, 0, 0], type: 'GTV', rect: [19.5, 9.5, 29.5, 19.5], slices: [2, 4] },
    ]);
    const file = readLabelFile(bytes, grid);
    expect(file.format).toBe('rtstruct');
    expect(file.frameOfReferenceUid).toBe(ref.frameOfReferenceUid);
    expect(file.segments).toEqual([
      { number: 1, name: 'Liver', colorRgb: [200, 150, 100] },
      { number: 2, name: 'GTV', colorRgb: [255, 0, 0] },
    ]);
    const count = (m: Uint8Array) => m.reduce((a, v) => a + v, 0);
    // 30 x 20 voxels minus a 5 x 5 hole on 6 slices; the GTV 10 x 10 on 3 slices.
    expect(count(file.mask(0))).toBe((600 - 25) * 6);
    expect(count(file.mask(1))).toBe(100 * 3);
    const composed = composeImport(file);
    expect(composed.segments.map((s) => [s.name, s.kind, s.voxels])).toEqual([
      ['Liver', 'liver', (600 - 25) * 6 - 300],
      ['GTV', 'lesion', 300],
    ]);
    expect(file.notes!()).toEqual([]);
  });

  it('says which contours it could not fill', () => {
    const bytes = makeRtstruct(ref, grid, [
      { name: 'Liver', color: [200, 150, 100], type: 'ORGAN', rect: [4.5, 4.5, 34.5, 24.5], slices: [1, 6] },
    ]);
    const smaller: Grid = { ...grid, dims: [40, 32, 4] };
    const file = readLabelFile(bytes, smaller);
    file.mask(0);
    expect(file.notes!()).toEqual(['Liver: left out 3 contour(s) beyond the first or last slice.']);
  });
});
