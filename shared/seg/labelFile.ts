import { sameGrid, type Grid, type LabelArray } from '../volume/grid';
import { decodeNiftiLabelmap } from '../volume/nifti';
import { resampleLabelmap } from '../volume/resample';
import { isRtstructFile, readRtstructOnGrid } from '../rtstruct/rtstructOnGrid';
import type { SegmentCoding } from './codes';
import { readSeg } from './readSeg';

export type LabelFileFormat = 'seg' | 'nifti' | 'rtstruct';

/** One segment of a labels file: a SEG segment, an RTSTRUCT ROI, or one label value of a NIfTI labelmap. */
export interface LabelFileSegment {
  /** SEG SegmentNumber, or the NIfTI label value. */
  number: number;
  name: string;
  /** SEG only: what the segment is, as coded in the file. */
  coding?: SegmentCoding;
  /** SEG only: RecommendedDisplayCIELabValue as sRGB. */
  colorRgb?: [number, number, number];
}

/** A labels file placed on a target grid (nearest neighbour through patient space). */
export interface LabelFileOnGrid {
  format: LabelFileFormat;
  grid: Grid;
  /** In file order (SEG: Segment Sequence order; NIfTI: ascending label value). */
  segments: LabelFileSegment[];
  /** 0/1 mask of segments[index] on grid; overlaps between segments are kept. */
  mask(index: number): Uint8Array;
  frameOfReferenceUid?: string;
  /** SEG only: true when some voxel belongs to more than one segment. */
  overlapping: boolean;
  /** RTSTRUCT only: contours that could not be filled, once the masks were read. */
  notes?: () => string[];
}

/** Which kind of labels file the bytes hold, from their magic numbers (null: neither). */
export function detectLabelFormat(bytes: Uint8Array): LabelFileFormat | null {
  if (bytes.length > 132 && String.fromCharCode(...bytes.subarray(128, 132)) === 'DICM')
    return isRtstructFile(bytes) ? 'rtstruct' : 'seg';
  if (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'nifti';
  if (bytes.length >= 348) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, 4);
    if (view.getInt32(0, true) === 348 || view.getInt32(0, false) === 348) return 'nifti';
  }
  return null;
}

/**
 * Reads a DICOM SEG (BINARY, FRACTIONAL thresholded at 0.5, LABELMAP; any frame
 * order, other grids) or a NIfTI labelmap (each distinct nonzero value one
 * segment, "Label N") or an RTSTRUCT (contours filled, shared/rtstruct) onto grid. Shared by the CLI and the app's import.
 */
export function readLabelFile(
  bytes: Uint8Array,
  grid: Grid,
  format = detectLabelFormat(bytes),
  /** SEG frames already decoded by an image codec (see readSeg). */
  decodedFrames?: Uint8Array[],
): LabelFileOnGrid {
  if (format === 'seg') {
    const seg = readSeg(bytes, grid, decodedFrames);
    return {
      format,
      grid,
      segments: seg.segments.map((s) => ({
        number: s.number,
        name: s.label || `Segment ${s.number}`,
        coding: s.coding,
        ...(s.colorRgb ? { colorRgb: s.colorRgb } : {}),
      })),
      mask: (index) => seg.masks[index]!.data as Uint8Array,
      ...(seg.frameOfReferenceUid ? { frameOfReferenceUid: seg.frameOfReferenceUid } : {}),
      overlapping: seg.overlapping,
    };
  }
  if (format === 'rtstruct') {
    const rt = readRtstructOnGrid(bytes, grid);
    return {
      format,
      grid,
      segments: rt.segments,
      mask: rt.mask,
      ...(rt.frameOfReferenceUid ? { frameOfReferenceUid: rt.frameOfReferenceUid } : {}),
      // ROIs of a structure set often nest (a GTV inside its organ); later ROIs win, as for SEG.
      overlapping: true,
      notes: rt.notes,
    };
  }
  if (format === 'nifti') {
    let lm = decodeNiftiLabelmap(bytes);
    // Labels present in the file, before resampling may drop some outside the grid.
    const values = distinctNonzero(lm.data);
    if (!sameGrid(lm.grid, grid)) lm = resampleLabelmap(lm, grid);
    const data = lm.data;
    return {
      format,
      grid,
      segments: values.map((v) => ({ number: v, name: `Label ${v}` })),
      mask: (index) => {
        const v = values[index]!;
        return Uint8Array.from(data, (x) => (x === v ? 1 : 0));
      },
      overlapping: false,
    };
  }
  throw new Error('neither a DICOM SEG nor a NIfTI file');
}

function distinctNonzero(data: LabelArray): number[] {
  const seen = new Uint8Array(65536);
  for (let n = 0; n < data.length; n++) seen[data[n]!] = 1;
  const out: number[] = [];
  for (let v = 1; v < seen.length; v++) if (seen[v]) out.push(v);
  return out;
}
