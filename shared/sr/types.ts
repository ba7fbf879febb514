import type { Code } from './codes';

/** One numeric measurement of a group (TID 1419 row). */
export interface SrMeasurement {
  concept: Code;
  value: number;
  unit: Code;
  /** Measurement Method modifier (e.g. DCM 126030 for voxel-sum volumes). */
  method?: Code;
  /** Derivation modifier (Mean, Minimum, ...) for statistics. */
  derivation?: Code;
}

/** One TID 1411 volumetric measurement group: one segment of the SEG. */
export interface SrMeasurementGroup {
  trackingId: string;
  trackingUid: string;
  finding: Code;
  findingSite?: Code;
  /** SegmentNumber in the referenced SEG. */
  segmentNumber: number;
  measurements: SrMeasurement[];
}

export interface SrReferencedInstance {
  sopClassUid: string;
  sopInstanceUid: string;
}

export interface SrDocument {
  /** The SEG the groups refer to. */
  seg: { sopClassUid: string; sopInstanceUid: string; seriesInstanceUid: string };
  /** The image series the segmentation was drawn on. */
  source: { seriesInstanceUid: string; instances: SrReferencedInstance[] };
  groups: SrMeasurementGroup[];
}
