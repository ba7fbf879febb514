import type { Vec3 } from '../volume/grid';
import { writeInstance, type NaturalDataset } from './writeInstance';

/** Recipe for a small synthetic series (test fixtures; never shipped as patient data). */
export interface SeriesRecipe {
  rows?: number;
  columns?: number;
  slices?: number;
  /** [row spacing, column spacing] (PixelSpacing order). */
  pixelSpacing?: [number, number];
  /** Slice step along the normal (mm); one value or one per gap. */
  sliceStep?: number | number[];
  /** Row cosines then column cosines. Default axial. */
  orientation?: [number, number, number, number, number, number];
  origin?: Vec3;
  /** In-plane shift per slice along the column direction (mm): a gantry tilt shear. */
  shearPerSlice?: number;
  /** Indices (in position order) to leave out: missing slices. */
  drop?: number[];
  modality?: string;
  description?: string;
  seriesNumber?: number;
  imageType?: string;
  studyUid?: string;
  seriesUid?: string;
  /** UIDs are derived from this so a recipe is reproducible. */
  uidRoot?: string;
  acquisitionTime?: string;
  contrastAgent?: string;
  contrastStartTime?: string;
  rescaleIntercept?: number;
  /** Stored value of voxel (i, j, k) before rescale. Default: a ramp with a sign change. */
  value?: (i: number, j: number, k: number) => number;
  signed?: boolean;
  /** 16 (default) or 8 bits per pixel (8-bit data is always unsigned here). */
  bitsAllocated?: 8 | 16;
  extra?: NaturalDataset;
}

export interface FixtureFile {
  name: string;
  bytes: Uint8Array;
  /** The position and k index used, for assertions. */
  position: Vec3;
  k: number;
}

const cross = (a: number[], b: number[]): Vec3 => [
  a[1]! * b[2]! - a[2]! * b[1]!,
  a[2]! * b[0]! - a[0]! * b[2]!,
  a[0]! * b[1]! - a[1]! * b[0]!,
];

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Writes a series as Part 10 bytes (dcmjs), one file per slice, in position order. */
export function makeSeries(r: SeriesRecipe = {}): FixtureFile[] {
  const rows = r.rows ?? 4;
  const columns = r.columns ?? 5;
  const n = r.slices ?? 6;
  const ps = r.pixelSpacing ?? [0.8, 0.7];
  const iop = r.orientation ?? [1, 0, 0, 0, 1, 0];
  const normal = cross(iop.slice(0, 3), iop.slice(3));
  const origin = r.origin ?? [-10, -20, 30];
  const root = r.uidRoot ?? '2.25.4242';
  const studyUid = r.studyUid ?? `${root}.1`;
  const seriesUid = r.seriesUid ?? `${root}.2.${r.seriesNumber ?? 1}`;
  const bits = r.bitsAllocated ?? 16;
  const signed = bits === 16 && (r.signed ?? true);
  const value = r.value ?? ((i: number, j: number, k: number) => i + 10 * j + 100 * k - 200);
  const files: FixtureFile[] = [];
  let z = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0) z += Array.isArray(r.sliceStep) ? r.sliceStep[k - 1]! : (r.sliceStep ?? 2.5);
    if (r.drop?.includes(k)) continue;
    const shear = (r.shearPerSlice ?? 0) * k;
    // Rounded so the DS strings stay within 16 characters, as a scanner would write them.
    const position = [0, 1, 2].map((a) => round6(origin[a]! + z * normal[a]! + shear * iop[3 + a]!)) as Vec3;
    const px =
      bits === 8
        ? new Uint8Array(rows * columns)
        : signed
          ? new Int16Array(rows * columns)
          : new Uint16Array(rows * columns);
    for (let j = 0; j < rows; j++) for (let i = 0; i < columns; i++) px[i + j * columns] = value(i, j, k);
    const sop = `${seriesUid}.${k + 1}`;
    const ds: NaturalDataset = {
      SOPClassUID: r.modality === 'MR' ? '1.2.840.10008.5.1.4.1.1.4' : '1.2.840.10008.5.1.4.1.1.2',
      SOPInstanceUID: sop,
      StudyInstanceUID: studyUid,
      SeriesInstanceUID: seriesUid,
      FrameOfReferenceUID: `${root}.3`,
      PatientID: 'TEST-001',
      PatientName: 'Test^Fixture',
      StudyDate: '20260101',
      StudyTime: '080000',
      StudyDescription: 'Liver multiphase',
      Modality: r.modality ?? 'CT',
      SeriesDescription: r.description ?? 'Abdomen',
      SeriesNumber: r.seriesNumber ?? 1,
      InstanceNumber: k + 1,
      ImageType: (r.imageType ?? 'ORIGINAL\\PRIMARY\\AXIAL').split('\\'),
      ImagePositionPatient: position,
      ImageOrientationPatient: iop.map(round6),
      PixelSpacing: ps,
      SliceThickness: 99, // deliberately wrong: spacing must come from positions
      Rows: rows,
      Columns: columns,
      BitsAllocated: bits,
      BitsStored: bits,
      HighBit: bits - 1,
      PixelRepresentation: signed ? 1 : 0,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      RescaleSlope: 1,
      RescaleIntercept: r.rescaleIntercept ?? 0,
      PixelData: [px.buffer],
      _vrMap: { PixelData: bits === 8 ? 'OB' : 'OW' },
      ...(r.acquisitionTime ? { AcquisitionTime: r.acquisitionTime } : {}),
      ...(r.contrastAgent ? { ContrastBolusAgent: r.contrastAgent } : {}),
      ...(r.contrastStartTime ? { ContrastBolusStartTime: r.contrastStartTime } : {}),
      ...r.extra,
    };
    files.push({
      name: `s${r.seriesNumber ?? 1}_${String(k).padStart(4, '0')}.dcm`,
      bytes: writeInstance(ds),
      position,
      k,
    });
  }
  return files;
}
