import { describe, expect, it } from 'vitest';
import { sameBytes } from '../testing/sameBytes';
import { readInstance, writeInstance } from '../dicom/writeInstance';
import type { Grid } from '../volume/grid';
import { readSeg } from './readSeg';
import { sampleMasks, smallSegInput } from './testing/testSupport';
import { buildSegDataset, writeSeg } from './writeSeg';

const grid: Grid = {
  dims: [9, 8, 6],
  spacing: [0.8, 0.7, 2.5],
  origin: [-3, -2, 10],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

describe('writeSeg', () => {
  it('writes one frame per non-empty slice with references and geometry', () => {
    const masks = sampleMasks(grid);
    const ds = readInstance(writeSeg(smallSegInput(grid, masks)));
    expect(ds.SOPClassUID).toBe('1.2.840.10008.5.1.4.1.1.66.4');
    expect(ds.SegmentationType).toBe('BINARY');
    expect(ds.FrameOfReferenceUID).toBe('2.25.13');
    const perFrame = ds.PerFrameFunctionalGroupsSequence as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    // Segment 1 spans k=1..4, segment 2 k=1..5 (ball radius 2 about k=3), segment 3 only k=2.
    expect(ds.NumberOfFrames).toBe(4 + 5 + 1);
    const f0 = perFrame[0]!;
    expect(f0.SegmentIdentificationSequence[0].ReferencedSegmentNumber).toBe(1);
    expect(f0.PlanePositionSequence[0].ImagePositionPatient).toEqual([-3, -2, 12.5]);
    expect(f0.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID).toBe('2.25.1001');
    const segs = ds.SegmentSequence as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(segs[0]!.SegmentedPropertyTypeCodeSequence[0].CodeValue).toBe('10200004');
    expect(segs[0]!.SegmentedPropertyCategoryCodeSequence[0].CodeValue).toBe('91723000');
    expect(segs[1]!.SegmentedPropertyCategoryCodeSequence[0].CodeValue).toBe('49755003');
    expect(segs[1]!.SegmentedPropertyTypeCodeSequence[0].CodeValue).toBe('14799000');
    expect(segs[1]!.AnatomicRegionSequence[0].CodeValue).toBe('10200004');
    const refs = (ds.ReferencedSeriesSequence as Record<string, any>[])[0]!; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(refs.SeriesInstanceUID).toBe('2.25.12');
    expect(refs.ReferencedInstanceSequence).toHaveLength(6);
    const shared = (ds.SharedFunctionalGroupsSequence as Record<string, any>[])[0]!; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(shared.PixelMeasuresSequence[0].PixelSpacing).toEqual([0.7, 0.8]);
  });

  it('is byte-for-byte reproducible', () => {
    const masks = sampleMasks(grid);
    const a = writeSeg(smallSegInput(grid, masks));
    const b = writeSeg(smallSegInput(grid, masks));
    expect(sameBytes(a, b)).toBe(true);
  });

  it('rejects a source series that does not match the grid', () => {
    const input = smallSegInput(grid, sampleMasks(grid));
    input.source.images.pop();
    expect(() => buildSegDataset(input)).toThrow(/5 source images for 6 slices/);
  });

  it('round-trips through writeInstance unchanged', () => {
    const ds = buildSegDataset(smallSegInput(grid, sampleMasks(grid)));
    const back = readSeg(writeInstance(ds), grid);
    expect(back.segments.map((s) => s.number)).toEqual([1, 2, 3]);
  });
});
