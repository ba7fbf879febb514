import { describe, expect, it } from 'vitest';
import { readInstance, writeInstance } from '../dicom/writeInstance';
import { studyContext } from '../export/studyContext';
import { makeCtSeries } from '../export/testing/testSeries';
import { readLabelFile } from '../seg/labelFile';
import type { Grid } from '../volume/grid';
import { sliceOutlines } from './marchingSquares';
import { readRtstruct } from './readRtstruct';
import { rasteriseContours } from './rasteriseContours';
import { dice, sampleLabels, SAMPLE_SEGMENTS as SEGMENTS } from './testing/sampleLabels';
import { buildRtstructDataset } from './writeRtstruct';

const software = { manufacturer: 'LiverPlan', modelName: 'LiverPlan', version: '0.1.0', deviceSerialNumber: 'dev' };

function exportThenRead(grid: Grid) {
  const source = makeCtSeries(grid.dims[0], grid.dims[1], grid.dims[2], grid.spacing);
  const labels = sampleLabels(grid);
  const ds = buildRtstructDataset({
    labels,
    segments: SEGMENTS,
    source,
    study: studyContext(source[0]!),
    seriesInstanceUid: '2.25.71',
    sopInstanceUid: '2.25.72',
    seriesNumber: 9004,
    software,
    at: new Date('2026-01-02T03:04:05Z'),
  });
  const bytes = writeInstance(ds);
  return { source, labels, bytes, file: readLabelFile(bytes, grid) };
}

describe('RTSTRUCT export and read-back', () => {
  const grids: [string, Grid][] = [
    [
      'axial, anisotropic',
      { dims: [30, 26, 6], spacing: [0.8, 0.7, 2.5], origin: [-10, -20, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] },
    ],
    [
      'oblique',
      {
        dims: [30, 26, 6],
        spacing: [0.8, 0.7, 2.5],
        origin: [4, -7, 31],
        direction: [0.8, 0, -0.6, 0, 1, 0, 0.6, 0, 0.8],
      },
    ],
  ];
  it.each(grids)('round-trips each segment with Dice >= 0.98 (%s)', (_, grid) => {
    const { labels, file } = exportThenRead(grid);
    expect(file.format).toBe('rtstruct');
    expect(file.segments.map((s) => [s.name, s.colorRgb])).toEqual([
      ['Liver', [221, 130, 101]],
      ['Tumour 1', [241, 214, 145]],
    ]);
    SEGMENTS.forEach((s, n) => {
      const truth = Uint8Array.from(labels.data, (v) => (v === s.label ? 1 : 0));
      expect(dice(file.mask(n), truth)).toBeGreaterThanOrEqual(0.98);
    });
    // Nested ROIs: the liver ROI's outline encloses the lesion, which the liver mask leaves out as a hole.
    expect(file.mask(0).some((v, i) => v === 1 && labels.data[i] === 2)).toBe(false);
  });

  it('references the frame, study, series and the image under every contour', () => {
    const grid = grids[0]![1];
    const { source, bytes } = exportThenRead(grid);
    const ds = readInstance(bytes);
    const set = readRtstruct(ds);
    expect(set.frameOfReferenceUid).toBe(source[0]!.FrameOfReferenceUID);
    expect(set.referencedSeriesUids).toEqual([source[0]!.SeriesInstanceUID]);
    const sopOf = new Set(source.map((s) => String(s.SOPInstanceUID)));
    const liver = set.rois[0]!;
    expect(liver.contours.length).toBeGreaterThan(4);
    for (const c of liver.contours) {
      expect(c.geometricType).toBe('CLOSED_PLANAR');
      expect(c.imageUids).toHaveLength(1);
      expect(sopOf.has(c.imageUids[0]!)).toBe(true);
      // Every point lies on the plane of the image it references (z = k * 2.5 on this axial grid).
      const k = source.findIndex((s) => s.SOPInstanceUID === c.imageUids[0]);
      for (let p = 2; p < c.points.length; p += 3) expect(c.points[p]).toBeCloseTo(k * 2.5, 6);
    }
    expect(set.rois.map((r) => r.interpretedType)).toEqual(['ORGAN', 'GTV']);
  });
});

describe('sliceOutlines (marching squares)', () => {
  it('fills back to the same voxels, holes and corner-touching voxels included', () => {
    const nx = 12;
    const ny = 10;
    const slice = new Uint8Array(nx * ny);
    for (let j = 1; j < 9; j++) for (let i = 1; i < 10; i++) slice[i + nx * j] = 1;
    slice[4 + nx * 4] = 0; // one-voxel hole
    slice[5 + nx * 5] = 0;
    slice[11 + nx * 0] = 1; // corner voxel, touching nothing
    slice[10 + nx * 9] = 1; // touches (9, 8) by a corner: a saddle
    const outlines = sliceOutlines(slice, nx, ny);
    const grid: Grid = {
      dims: [nx, ny, 1],
      spacing: [1, 1, 1],
      origin: [0, 0, 0],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    };
    const back = rasteriseContours(
      outlines.map((o) => ({
        geometricType: 'CLOSED_PLANAR',
        points: Float64Array.from({ length: (o.length / 2) * 3 }, (_, n) =>
          n % 3 === 2 ? 0 : o[Math.floor(n / 3) * 2 + (n % 3)]!,
        ),
        imageUids: [],
      })),
      grid,
    );
    expect([...back.mask]).toEqual([...slice]);
    // Collinear points are dropped: a lone voxel is a four-point diamond.
    expect(outlines.some((o) => o.length === 8)).toBe(true);
  });
});
