import { describe, expect, it } from 'vitest';
import { readInstance, writeInstance, type NaturalDataset } from '../dicom/writeInstance';
import { indexToPatient, patientToIndex, type Grid } from '../volume/grid';
import { readSeg } from './readSeg';
import { sampleMasks, smallSegInput } from './testing/testSupport';
import { buildSegDataset, writeSeg } from './writeSeg';

const grid: Grid = {
  dims: [9, 8, 6],
  spacing: [0.8, 0.7, 2.5],
  origin: [-3, -2, 10],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

const count = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + (v ? 1 : 0), 0);

describe('readSeg', () => {
  it('reads binary overlapping segments back exactly on the source grid', () => {
    const masks = sampleMasks(grid);
    const res = readSeg(writeSeg(smallSegInput(grid, masks)), grid);
    expect(res.segmentationType).toBe('BINARY');
    masks.forEach((m, n) => expect(Array.from(res.masks[n]!.data)).toEqual(Array.from(m)));
    expect(res.overlapping).toBe(true);
    expect(res.segments[1]!.coding.type.value).toBe('14799000');
    expect(res.segments[1]!.trackingId).toBe('L1');
    expect(res.segments[0]!.colorRgb![0]).toBeGreaterThanOrEqual(198);
    expect(res.referencedSeriesInstanceUids).toEqual(['2.25.12']);
    // Combined labelmap: the higher segment number wins where they overlap.
    const v = 4 + 9 * (4 + 8 * 3);
    expect(res.labelmap.data[v]).toBe(2);
  });

  it('builds a grid from the frames when no target is given', () => {
    const masks = sampleMasks(grid);
    const res = readSeg(writeSeg(smallSegInput(grid, masks)));
    // Frames exist for k = 1..5, so the derived grid starts at slice 1.
    expect(res.grid.dims).toEqual([9, 8, 5]);
    expect(res.grid.spacing).toEqual([0.8, 0.7, 2.5]);
    expect(res.grid.origin).toEqual([-3, -2, 12.5]);
    masks.forEach((m, n) => expect(count(res.masks[n]!.data)).toBe(count(m)));
  });

  it('accepts frames in any order', () => {
    const masks = sampleMasks(grid);
    const ds = buildSegDataset(smallSegInput(grid, masks));
    const shuffled = permuteBinaryFrames(ds, grid, (n) => n.reverse());
    const res = readSeg(writeInstance(shuffled), grid);
    masks.forEach((m, n) => expect(Array.from(res.masks[n]!.data)).toEqual(Array.from(m)));
  });

  it('reads fractional segments as fractions and half-thresholded masks', () => {
    const masks = sampleMasks(grid).map((m) => m.map((v, i) => (v ? (i % 2 ? 255 : 100) : 0)));
    const res = readSeg(writeSeg(smallSegInput(grid, masks, 'PROBABILITY')), grid);
    expect(res.segmentationType).toBe('FRACTIONAL');
    const f = res.fractions![0]!;
    const m0 = masks[0]!;
    for (let v = 0; v < m0.length; v++) {
      expect(f[v]).toBeCloseTo(m0[v]! / 255, 5);
      expect(res.masks[0]!.data[v]).toBe(m0[v]! >= 128 ? 1 : 0);
    }
  });

  it('reads a label-map SEG (pixel values are segment numbers)', () => {
    const masks = sampleMasks(grid);
    const ds = buildSegDataset(smallSegInput(grid, masks, 'PROBABILITY'));
    const [nx, ny, nz] = grid.dims;
    const labels = new Uint8Array(nx * ny * nz);
    masks.forEach((m, n) => m.forEach((v, i) => v && (labels[i] = n + 1)));
    const perFrame = Array.from({ length: nz }, (_, k) => ({
      FrameContentSequence: [{ DimensionIndexValues: [k + 1] }],
      PlanePositionSequence: [{ ImagePositionPatient: indexToPatient(grid, 0, 0, k) }],
    }));
    Object.assign(ds, {
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.66.7',
      SegmentationType: 'LABELMAP',
      NumberOfFrames: nz,
      PerFrameFunctionalGroupsSequence: perFrame,
      PixelData: [labels.buffer],
    });
    delete ds.SegmentationFractionalType;
    delete ds.MaximumFractionalValue;
    const res = readSeg(writeInstance(ds), grid);
    expect(res.segmentationType).toBe('LABELMAP');
    // A labelmap cannot overlap: each voxel keeps the last segment written.
    masks.forEach((_, n) => {
      const expected = labels.map((l) => (l === n + 1 ? 1 : 0));
      expect(Array.from(res.masks[n]!.data)).toEqual(Array.from(expected));
    });
  });

  it('resamples onto a finer, flipped target grid through patient space', () => {
    const masks = sampleMasks(grid);
    const bytes = writeSeg(smallSegInput(grid, masks));
    // Half the spacing, rows running right-to-left, so indices differ but patient points agree.
    const target: Grid = {
      dims: [18, 16, 12],
      spacing: [0.4, 0.35, 1.25],
      origin: [-3.2 + 17 * 0.4, -2.175, 10 - 0.625],
      direction: [-1, 0, 0, 0, 1, 0, 0, 0, 1],
    };
    const res = readSeg(bytes, target);
    const [tx, ty, tz] = target.dims;
    let mismatches = 0;
    for (let k = 0; k < tz; k++)
      for (let j = 0; j < ty; j++)
        for (let i = 0; i < tx; i++) {
          const p = indexToPatient(target, i, j, k);
          const q = patientToIndex(grid, p).map(Math.round);
          const inside = q.every((c, n) => c >= 0 && c < grid.dims[n]!);
          const expected = inside ? masks[0]![q[0]! + 9 * (q[1]! + 8 * q[2]!)]! : 0;
          if (res.masks[0]!.data[i + tx * (j + ty * k)] !== expected) mismatches++;
        }
    expect(mismatches).toBe(0);
    // Same volume in mm^3 (each source voxel became 2x2x2 target voxels).
    expect(count(res.masks[0]!.data) * 0.4 * 0.35 * 1.25).toBeCloseTo(count(masks[0]!) * 0.8 * 0.7 * 2.5, 6);
  });

  it('round-trips on an oblique grid and recovers its geometry from the frames', () => {
    const c = Math.cos(0.35);
    const sn = Math.sin(0.35);
    // Rows along x; columns and normal tilted about x (a gantry-tilted or oblique MR stack).
    const oblique: Grid = { ...grid, direction: [1, 0, 0, 0, c, sn, 0, -sn, c] };
    const masks = sampleMasks(oblique);
    const bytes = writeSeg(smallSegInput(oblique, masks));
    const onGrid = readSeg(bytes, oblique);
    masks.forEach((m, n) => expect(Array.from(onGrid.masks[n]!.data)).toEqual(Array.from(m)));
    const own = readSeg(bytes);
    own.grid.direction.forEach((v, n) => expect(v).toBeCloseTo(oblique.direction[n]!, 6));
    expect(own.grid.spacing[2]).toBeCloseTo(2.5, 6);
  });

  it('rejects a non-segmentation', () => {
    const ct = writeInstance({ SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', SOPInstanceUID: '2.25.9', Modality: 'CT' });
    expect(() => readSeg(ct)).toThrow(/not a segmentation/);
  });
});

/** Reorders the frames of a binary SEG dataset (functional groups and packed bits together). */
function permuteBinaryFrames(ds: NaturalDataset, g: Grid, order: (n: number[]) => number[]): NaturalDataset {
  const out = readInstance(writeInstance(ds));
  const frames = out.PerFrameFunctionalGroupsSequence as unknown[];
  const size = g.dims[0] * g.dims[1];
  const src = new Uint8Array((out.PixelData as ArrayBuffer[])[0]!);
  const perm = order(frames.map((_, n) => n));
  const dst = new Uint8Array(src.length);
  perm.forEach((from, to) => {
    for (let p = 0; p < size; p++) {
      const a = from * size + p;
      const b = to * size + p;
      if ((src[a >> 3]! >> (a & 7)) & 1) dst[b >> 3]! |= 1 << (b & 7);
    }
  });
  out.PerFrameFunctionalGroupsSequence = perm.map((n) => frames[n]);
  out.PixelData = [dst.buffer];
  delete out._meta;
  return out;
}
