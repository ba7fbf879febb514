import type { Code, SegmentCoding } from './codes';

export type AlgorithmType = 'MANUAL' | 'SEMIAUTOMATIC' | 'AUTOMATIC';

/** What a segment is, as written to / read from the Segment Sequence. */
export interface SegmentInfo {
  /** SegmentNumber, 1-based. */
  number: number;
  label: string;
  coding: SegmentCoding;
  algorithmType: AlgorithmType;
  algorithmName?: string;
  /** Display colour as sRGB 0-255 (stored as CIELab). */
  colorRgb?: [number, number, number];
  description?: string;
  trackingId?: string;
  trackingUid?: string;
}

export type { Code };
