import type { Vec3 } from '../volume/grid';

/** Geometry of one frame: where it sits and how it is oriented (LPS mm). */
export interface FrameGeometry {
  position: Vec3 | null;
  /** Row cosines then column cosines (ImageOrientationPatient). */
  orientation: [number, number, number, number, number, number] | null;
  /** [row spacing, column spacing] as in PixelSpacing. */
  pixelSpacing: [number, number] | null;
}

/** What the series grouping, geometry and phase logic need from one DICOM instance. */
export interface InstanceHeader {
  /** Where the instance came from (file path or any id); filled by the caller. */
  path: string;
  transferSyntaxUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  patientId: string;
  patientName: string;
  studyDate: string;
  studyTime: string;
  studyDescription: string;
  seriesDescription: string;
  protocolName: string;
  seriesNumber: number;
  instanceNumber: number;
  acquisitionNumber: number;
  /** TemporalPositionIdentifier (MR/CT dynamics in one series); 0 when absent. */
  temporalPosition: number;
  modality: string;
  imageType: string[];
  rows: number;
  columns: number;
  numberOfFrames: number;
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  rescaleSlope: number;
  rescaleIntercept: number;
  /** First WindowCenter / WindowWidth pair (the scanner's default display), when present. */
  windowCenter?: number;
  windowWidth?: number;
  /** Single-frame geometry, or the shared geometry of an enhanced multi-frame object. */
  geometry: FrameGeometry;
  /** Enhanced multi-frame: per-frame positions (and orientations where they vary). */
  frames: FrameGeometry[] | null;
  contrastBolusAgent: string;
  contrastBolusRoute: string;
  /** Seconds since midnight, NaN when absent. */
  contrastStartTime: number;
  acquisitionTime: number;
  seriesTime: number;
  contentTime: number;
  // MR sequence parameters (NaN when absent)
  echoTime: number;
  repetitionTime: number;
  inversionTime: number;
  diffusionBValue: number;
  scanningSequence: string;
  sequenceName: string;
  /** UIDs that were missing and had to be derived, for the findings. */
  derivedUids: string[];
}
