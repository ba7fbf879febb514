import { readInstance, type NaturalDataset } from '../dicom/writeInstance';
import type { Grid, Labelmap, Vec3 } from '../volume/grid';
import { dicomLabToRgb } from './color';
import { segFrameValues } from './segFrames';
import type { Code } from './codes';
import type { AlgorithmType, SegmentInfo } from './types';

export interface ReadSegResult {
  /** The grid every mask is on: the target grid when given, else one built from the frames. */
  grid: Grid;
  segmentationType: 'BINARY' | 'FRACTIONAL' | 'LABELMAP';
  segments: SegmentInfo[];
  /** One 0/1 mask per entry of `segments` (fractional: value >= half of the maximum). */
  masks: Labelmap[];
  /** Fractional SEG only: 0..1 per voxel, per segment. */
  fractions?: Float32Array[];
  /** All segments in one labelmap of segment numbers; where they overlap the higher number wins. */
  labelmap: Labelmap;
  /** True when some voxel belongs to more than one segment. */
  overlapping: boolean;
  frameOfReferenceUid?: string;
  referencedSeriesInstanceUids: string[];
}

const LABELMAP_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.66.7';

interface Frame {
  segment: number;
  position: Vec3;
  row: Vec3;
  col: Vec3;
  /** [row spacing, column spacing] as in PixelSpacing. */
  pixelSpacing: [number, number];
  thickness: number;
}

/**
 * Reads a DICOM Segmentation (BINARY, FRACTIONAL or LABELMAP; frames in any
 * order, overlapping segments allowed) into per-segment masks. With a target
 * grid, every frame is resampled onto it through patient space (nearest
 * neighbour); a frame whose plane lies within half a slice of a target slice
 * fills it, so SEGs drawn on a different series of the same frame of
 * reference land in the right place.
 *
 * Native, deflated and RLE frames are read here; frames compressed with an
 * image codec (JPEG 2000, JPEG-LS...) come in as `decodedFrames`, in file
 * order (electron/services/dicom/decodeSegFrames.ts).
 */
export function readSeg(bytes: Uint8Array, targetGrid?: Grid, decodedFrames?: Uint8Array[]): ReadSegResult {
  const ds = readInstance(bytes);
  const type = String(ds.SegmentationType ?? '').toUpperCase();
  const isLabelmap = type === 'LABELMAP' || ds.SOPClassUID === LABELMAP_SOP_CLASS;
  if (!isLabelmap && type !== 'BINARY' && type !== 'FRACTIONAL') {
    throw new Error(`readSeg: not a segmentation (SegmentationType '${type || 'missing'}')`);
  }
  const segmentationType = isLabelmap ? 'LABELMAP' : (type as 'BINARY' | 'FRACTIONAL');
  const rows = Number(ds.Rows);
  const cols = Number(ds.Columns);
  const nFrames = Number(ds.NumberOfFrames ?? 1);
  const bits = Number(ds.BitsAllocated);
  const segments = seq(ds.SegmentSequence).map(parseSegment);
  const frames = parseFrames(ds, nFrames, isLabelmap);
  const maxFraction = Number(ds.MaximumFractionalValue ?? 255);
  const valueAt = segFrameValues(bytes, ds, { rows, cols, nFrames, bits }, decodedFrames);

  const grid = targetGrid ?? gridFromFrames(frames, rows, cols);
  const nVox = grid.dims[0] * grid.dims[1] * grid.dims[2];
  const masks = segments.map(() => new Uint8Array(nVox));
  const fractions = segmentationType === 'FRACTIONAL' ? segments.map(() => new Float32Array(nVox)) : undefined;
  const indexOf = new Map(segments.map((s, n) => [s.number, n]));

  frames.forEach((frame, f) => {
    forEachFramePixel(frame, grid, rows, cols, (p, voxel) => {
      const v = valueAt(f, p);
      if (v === 0) return;
      if (isLabelmap) {
        const s = indexOf.get(v);
        if (s !== undefined) masks[s]![voxel] = 1;
        return;
      }
      const s = indexOf.get(frame.segment);
      if (s === undefined) return;
      if (fractions) {
        const fr = v / maxFraction;
        if (fr > fractions[s]![voxel]!) fractions[s]![voxel] = fr;
        if (fr >= 0.5) masks[s]![voxel] = 1;
      } else masks[s]![voxel] = 1;
    });
  });

  const maxNumber = Math.max(0, ...segments.map((s) => s.number));
  const labels = maxNumber > 255 ? new Uint16Array(nVox) : new Uint8Array(nVox);
  let overlapping = false;
  const order = segments.map((s, n) => ({ s, n })).sort((a, b) => a.s.number - b.s.number);
  for (const { s, n } of order) {
    const m = masks[n]!;
    for (let v = 0; v < nVox; v++) {
      if (!m[v]) continue;
      if (labels[v] !== 0) overlapping = true;
      labels[v] = s.number;
    }
  }
  const refSeries = seq(ds.ReferencedSeriesSequence)
    .map((r) => r.SeriesInstanceUID)
    .filter((u): u is string => typeof u === 'string');
  return {
    grid,
    segmentationType,
    segments,
    masks: masks.map((data) => ({ grid, data })),
    ...(fractions ? { fractions } : {}),
    labelmap: { grid, data: labels },
    overlapping,
    ...(typeof ds.FrameOfReferenceUID === 'string' ? { frameOfReferenceUid: ds.FrameOfReferenceUID } : {}),
    referencedSeriesInstanceUids: refSeries,
  };
}

function seq(value: unknown): NaturalDataset[] {
  if (Array.isArray(value)) return value as NaturalDataset[];
  return value && typeof value === 'object' ? [value as NaturalDataset] : [];
}

function first(value: unknown): NaturalDataset | undefined {
  return seq(value)[0];
}

function code(value: unknown): Code | undefined {
  const item = first(value);
  if (!item) return undefined;
  return {
    value: String(item.CodeValue ?? item.LongCodeValue ?? item.URNCodeValue ?? ''),
    scheme: String(item.CodingSchemeDesignator ?? ''),
    meaning: String(item.CodeMeaning ?? ''),
  };
}

function parseSegment(item: NaturalDataset): SegmentInfo {
  const category = code(item.SegmentedPropertyCategoryCodeSequence) ?? { value: '', scheme: '', meaning: '' };
  const type = code(item.SegmentedPropertyTypeCodeSequence) ?? { value: '', scheme: '', meaning: '' };
  const region = code(item.AnatomicRegionSequence);
  const lab = item.RecommendedDisplayCIELabValue as number[] | undefined;
  const info: SegmentInfo = {
    number: Number(item.SegmentNumber),
    label: String(item.SegmentLabel ?? ''),
    coding: { category, type, ...(region ? { anatomicRegion: region } : {}) },
    algorithmType: String(item.SegmentAlgorithmType ?? 'MANUAL') as AlgorithmType,
  };
  if (typeof item.SegmentAlgorithmName === 'string') info.algorithmName = item.SegmentAlgorithmName;
  if (typeof item.SegmentDescription === 'string') info.description = item.SegmentDescription;
  if (Array.isArray(lab) && lab.length === 3) info.colorRgb = dicomLabToRgb(lab as [number, number, number]);
  if (typeof item.TrackingID === 'string') info.trackingId = item.TrackingID;
  if (typeof item.TrackingUID === 'string') info.trackingUid = item.TrackingUID;
  return info;
}

/** Geometry and segment of every frame; functional groups may be shared or per frame. */
function parseFrames(ds: NaturalDataset, nFrames: number, isLabelmap: boolean): Frame[] {
  const shared = first(ds.SharedFunctionalGroupsSequence) ?? {};
  const perFrame = seq(ds.PerFrameFunctionalGroupsSequence);
  const out: Frame[] = [];
  for (let f = 0; f < nFrames; f++) {
    const pf = perFrame[f] ?? {};
    const pick = (key: string) => first(pf[key]) ?? first(shared[key]);
    const pos = pick('PlanePositionSequence')?.ImagePositionPatient as number[] | undefined;
    const iop = pick('PlaneOrientationSequence')?.ImageOrientationPatient as number[] | undefined;
    const measures = pick('PixelMeasuresSequence');
    const spacing = measures?.PixelSpacing as number[] | undefined;
    if (!pos || !iop || !spacing) throw new Error(`readSeg: frame ${f + 1} lacks position, orientation or spacing`);
    const segment = isLabelmap ? 0 : Number(pick('SegmentIdentificationSequence')?.ReferencedSegmentNumber);
    if (!isLabelmap && !Number.isFinite(segment)) throw new Error(`readSeg: frame ${f + 1} names no segment`);
    out.push({
      segment,
      position: [Number(pos[0]), Number(pos[1]), Number(pos[2])],
      row: [Number(iop[0]), Number(iop[1]), Number(iop[2])],
      col: [Number(iop[3]), Number(iop[4]), Number(iop[5])],
      pixelSpacing: [Number(spacing[0]), Number(spacing[1])],
      thickness: Number(measures?.SpacingBetweenSlices ?? measures?.SliceThickness ?? 0),
    });
  }
  return out;
}

const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** A grid spanning all frames: their orientation, in-plane size, and the closest plane spacing. */
function gridFromFrames(frames: Frame[], rows: number, cols: number): Grid {
  if (frames.length === 0) throw new Error('readSeg: no frames and no target grid');
  const f0 = frames[0]!;
  const normal = cross(f0.row, f0.col);
  const offsets = [...new Set(frames.map((f) => Math.round(dot(f.position, normal) * 1000) / 1000))].sort(
    (a, b) => a - b,
  );
  let spacing = f0.thickness > 0 ? f0.thickness : Infinity;
  for (let n = 1; n < offsets.length; n++) spacing = Math.min(spacing, offsets[n]! - offsets[n - 1]!);
  if (!Number.isFinite(spacing) || spacing <= 0) spacing = 1;
  const nz = Math.round((offsets[offsets.length - 1]! - offsets[0]!) / spacing) + 1;
  const lowest = frames.reduce((a, b) => (dot(b.position, normal) < dot(a.position, normal) ? b : a));
  return {
    dims: [cols, rows, nz],
    spacing: [f0.pixelSpacing[1], f0.pixelSpacing[0], spacing],
    origin: [...lowest.position],
    direction: [...f0.row, ...f0.col, ...normal],
  };
}

/**
 * Pairs (frame pixel, target voxel) for one frame: every target voxel whose
 * centre lies within half a slice of the frame's plane and inside the frame,
 * sampled at the nearest frame pixel. Iterates target voxels (not frame
 * pixels) so a coarser frame still fills a finer grid without holes.
 */
function forEachFramePixel(
  frame: Frame,
  grid: Grid,
  rows: number,
  cols: number,
  visit: (pixel: number, voxel: number) => void,
): void {
  const normal = cross(frame.row, frame.col);
  const d = grid.direction;
  const gi: Vec3 = [d[0] * grid.spacing[0], d[1] * grid.spacing[0], d[2] * grid.spacing[0]];
  const gj: Vec3 = [d[3] * grid.spacing[1], d[4] * grid.spacing[1], d[5] * grid.spacing[1]];
  const gk: Vec3 = [d[6] * grid.spacing[2], d[7] * grid.spacing[2], d[8] * grid.spacing[2]];
  const [nx, ny, nz] = grid.dims;
  const half = Math.max(frame.thickness, Math.abs(dot(gk, normal)), 1e-3) / 2 + 1e-4;
  // Signed distance of voxel (i,j,k) from the frame plane is linear in i, j, k.
  const o: Vec3 = [
    grid.origin[0] - frame.position[0],
    grid.origin[1] - frame.position[1],
    grid.origin[2] - frame.position[2],
  ];
  const d0 = dot(o, normal);
  const di = dot(gi, normal);
  const dj = dot(gj, normal);
  const dk = dot(gk, normal);
  const c0 = dot(o, frame.row) / frame.pixelSpacing[1];
  const ci = dot(gi, frame.row) / frame.pixelSpacing[1];
  const cj = dot(gj, frame.row) / frame.pixelSpacing[1];
  const ck = dot(gk, frame.row) / frame.pixelSpacing[1];
  const r0 = dot(o, frame.col) / frame.pixelSpacing[0];
  const ri = dot(gi, frame.col) / frame.pixelSpacing[0];
  const rj = dot(gj, frame.col) / frame.pixelSpacing[0];
  const rk = dot(gk, frame.col) / frame.pixelSpacing[0];
  for (let k = 0; k < nz; k++) {
    // Cheap reject of whole slices when the grid's slices are parallel to the frame.
    if (Math.abs(di) < 1e-6 && Math.abs(dj) < 1e-6 && Math.abs(d0 + dk * k) > half) continue;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        if (Math.abs(d0 + di * i + dj * j + dk * k) > half) continue;
        const c = Math.round(c0 + ci * i + cj * j + ck * k);
        const r = Math.round(r0 + ri * i + rj * j + rk * k);
        if (c < 0 || r < 0 || c >= cols || r >= rows) continue;
        visit(c + r * cols, i + nx * (j + ny * k));
      }
    }
  }
}
