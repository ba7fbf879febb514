import { indexToPatient, type Grid } from '../volume/grid';
import { writeInstance, type NaturalDataset } from '../dicom/writeInstance';
import { codeItem } from './codes';
import { rgbToDicomLab } from './color';
import type { SegmentInfo } from './types';

export const SEGMENTATION_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.66.4';

/** The image series the segmentation was drawn on; images[k] is slice k of `grid`. */
export interface SegSource {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  images: { sopClassUid: string; sopInstanceUid: string }[];
  patient: { name: string; id: string; birthDate?: string; sex?: string };
  study: {
    date: string;
    time: string;
    id?: string;
    accessionNumber?: string;
    description?: string;
    referringPhysician?: string;
  };
}

export interface WriteSegInput {
  /** Geometry of the referenced images; every mask is on this grid. */
  grid: Grid;
  source: SegSource;
  /** One mask per segment, voxel order of `grid`: nonzero = inside (binary) or 0..255 fraction. */
  segments: { info: SegmentInfo; mask: Uint8Array }[];
  seriesInstanceUid: string;
  sopInstanceUid: string;
  seriesNumber?: number;
  seriesDescription?: string;
  contentLabel?: string;
  contentDescription?: string;
  contentCreatorName?: string;
  /** DICOM DA / TM of creation; callers pass them so output stays reproducible. */
  contentDate: string;
  contentTime: string;
  /** Omit for BINARY; otherwise masks hold 0..255 and frames are 8-bit. */
  fractional?: 'PROBABILITY' | 'OCCUPANCY';
  manufacturer?: string;
  softwareVersions?: string;
  deviceSerialNumber?: string;
}

/**
 * Builds a DICOM Segmentation (binary or fractional) as a dcmjs naturalized
 * dataset. Only slices where a segment has voxels get a frame (as usual for
 * SEG). Hand-built rather than through dcmjs' Segmentation derivation or the
 * Cornerstone adapters: both want the full source image datasets or a
 * Cornerstone metadata provider in memory, while here only the referenced
 * UIDs and the grid are known (pure, Node- and worker-safe).
 */
export function buildSegDataset(input: WriteSegInput): NaturalDataset {
  const { grid, source } = input;
  const [nx, ny, nz] = grid.dims;
  if (source.images.length !== nz) {
    throw new Error(`writeSeg: ${source.images.length} source images for ${nz} slices`);
  }
  const sliceSize = nx * ny;
  const fractional = Boolean(input.fractional);
  const frames: { segment: number; k: number; mask: Uint8Array }[] = [];
  for (const { info, mask } of input.segments) {
    if (mask.length !== sliceSize * nz) throw new Error(`writeSeg: mask of segment ${info.number} has the wrong size`);
    for (let k = 0; k < nz; k++) {
      const slice = mask.subarray(k * sliceSize, (k + 1) * sliceSize);
      if (slice.some((v) => v !== 0)) frames.push({ segment: info.number, k, mask: slice });
    }
  }
  const pixelData = fractional ? packBytes(frames, sliceSize) : packBits(frames, sliceSize);
  const dims = new Map(input.segments.map((s) => [s.info.number, s.info]));
  if (dims.size !== input.segments.length) throw new Error('writeSeg: segment numbers must be unique');

  const iop = grid.direction.slice(0, 6);
  const perFrame = frames.map((f) => {
    const image = source.images[f.k]!;
    return {
      DerivationImageSequence: [
        {
          SourceImageSequence: [
            {
              ReferencedSOPClassUID: image.sopClassUid,
              ReferencedSOPInstanceUID: image.sopInstanceUid,
              PurposeOfReferenceCodeSequence: [
                codeItem({ value: '121322', scheme: 'DCM', meaning: 'Source image for image processing operation' }),
              ],
            },
          ],
          DerivationCodeSequence: [codeItem({ value: '113076', scheme: 'DCM', meaning: 'Segmentation' })],
        },
      ],
      FrameContentSequence: [{ DimensionIndexValues: [f.segment, f.k + 1] }],
      PlanePositionSequence: [{ ImagePositionPatient: indexToPatient(grid, 0, 0, f.k).map(ds) }],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: f.segment }],
    };
  });
  const dimensionOrganizationUid = `${input.seriesInstanceUid}.1`.slice(0, 64);
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: SEGMENTATION_SOP_CLASS,
    SOPInstanceUID: input.sopInstanceUid,
    // Patient and study: copied from the source so the SEG files beside it.
    PatientName: source.patient.name,
    PatientID: source.patient.id,
    PatientBirthDate: source.patient.birthDate ?? '',
    PatientSex: source.patient.sex ?? '',
    StudyInstanceUID: source.studyInstanceUid,
    StudyDate: source.study.date,
    StudyTime: source.study.time,
    StudyID: source.study.id ?? '',
    AccessionNumber: source.study.accessionNumber ?? '',
    ReferringPhysicianName: source.study.referringPhysician ?? '',
    ...(source.study.description ? { StudyDescription: source.study.description } : {}),
    // Segmentation series.
    Modality: 'SEG',
    SeriesInstanceUID: input.seriesInstanceUid,
    SeriesNumber: input.seriesNumber ?? 300,
    SeriesDescription: input.seriesDescription ?? 'Segmentation',
    SeriesDate: input.contentDate,
    SeriesTime: input.contentTime,
    FrameOfReferenceUID: source.frameOfReferenceUid,
    PositionReferenceIndicator: '',
    Manufacturer: input.manufacturer ?? 'LiverPlan',
    ManufacturerModelName: 'LiverPlan',
    DeviceSerialNumber: input.deviceSerialNumber ?? '0',
    SoftwareVersions: input.softwareVersions ?? '0.1.0',
    InstanceNumber: 1,
    ContentDate: input.contentDate,
    ContentTime: input.contentTime,
    ContentLabel: (input.contentLabel ?? 'SEGMENTATION')
      .toUpperCase()
      .replace(/[^A-Z0-9_ ]/g, '_')
      .slice(0, 16),
    ContentDescription: input.contentDescription ?? '',
    ContentCreatorName: input.contentCreatorName ?? '',
    ImageType: ['DERIVED', 'PRIMARY'],
    LossyImageCompression: '00',
    SegmentationType: fractional ? 'FRACTIONAL' : 'BINARY',
    ...(fractional ? { SegmentationFractionalType: input.fractional, MaximumFractionalValue: 255 } : {}),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: ny,
    Columns: nx,
    BitsAllocated: fractional ? 8 : 1,
    BitsStored: fractional ? 8 : 1,
    HighBit: fractional ? 7 : 0,
    PixelRepresentation: 0,
    NumberOfFrames: frames.length,
    SegmentSequence: input.segments.map(({ info }) => segmentItem(info)),
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUid }],
    DimensionIndexSequence: [
      {
        DimensionOrganizationUID: dimensionOrganizationUid,
        DimensionIndexPointer: 0x0062000b,
        FunctionalGroupPointer: 0x0062000a,
        DimensionDescriptionLabel: 'ReferencedSegmentNumber',
      },
      {
        DimensionOrganizationUID: dimensionOrganizationUid,
        DimensionIndexPointer: 0x00200032,
        FunctionalGroupPointer: 0x00209113,
        DimensionDescriptionLabel: 'ImagePositionPatient',
      },
    ],
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: iop.map(ds) }],
        PixelMeasuresSequence: [
          {
            // PixelSpacing is (row spacing, column spacing) = (spacing[1], spacing[0]).
            PixelSpacing: [ds(grid.spacing[1]), ds(grid.spacing[0])],
            SliceThickness: ds(grid.spacing[2]),
            SpacingBetweenSlices: ds(grid.spacing[2]),
          },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: perFrame,
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: source.seriesInstanceUid,
        ReferencedInstanceSequence: source.images.map((im) => ({
          ReferencedSOPClassUID: im.sopClassUid,
          ReferencedSOPInstanceUID: im.sopInstanceUid,
        })),
      },
    ],
    PixelData: [pixelData.buffer],
    _vrMap: { PixelData: 'OB' },
  };
}

/** DICOM Part 10 bytes of the segmentation. */
export function writeSeg(input: WriteSegInput): Uint8Array {
  return writeInstance(buildSegDataset(input));
}

function segmentItem(info: SegmentInfo): NaturalDataset {
  const item: NaturalDataset = {
    SegmentNumber: info.number,
    SegmentLabel: info.label.slice(0, 64),
    SegmentedPropertyCategoryCodeSequence: [codeItem(info.coding.category)],
    SegmentedPropertyTypeCodeSequence: [codeItem(info.coding.type)],
    SegmentAlgorithmType: info.algorithmType,
  };
  if (info.algorithmType !== 'MANUAL') item.SegmentAlgorithmName = info.algorithmName ?? 'LiverPlan';
  if (info.coding.anatomicRegion) item.AnatomicRegionSequence = [codeItem(info.coding.anatomicRegion)];
  if (info.description) item.SegmentDescription = info.description;
  if (info.colorRgb) item.RecommendedDisplayCIELabValue = rgbToDicomLab(info.colorRgb);
  if (info.trackingId) item.TrackingID = info.trackingId;
  if (info.trackingUid) item.TrackingUID = info.trackingUid;
  return item;
}

/** Binary frames packed one bit per pixel, LSB first, frames back to back (PS3.5 8.1.1). */
function packBits(frames: { mask: Uint8Array }[], sliceSize: number): Uint8Array {
  const total = frames.length * sliceSize;
  const out = new Uint8Array(Math.ceil(total / 8) + (Math.ceil(total / 8) % 2)); // even length
  let bit = 0;
  for (const f of frames) {
    const m = f.mask;
    for (let p = 0; p < sliceSize; p++, bit++) if (m[p] !== 0) out[bit >> 3]! |= 1 << (bit & 7);
  }
  return out;
}

function packBytes(frames: { mask: Uint8Array }[], sliceSize: number): Uint8Array {
  const total = frames.length * sliceSize;
  const out = new Uint8Array(total + (total % 2));
  frames.forEach((f, n) => out.set(f.mask, n * sliceSize));
  return out;
}

/** Decimal string short enough for a DS value (16 chars). */
function ds(value: number): number {
  return Number(value.toPrecision(10));
}
