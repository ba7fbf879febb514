import type { Segment } from './model';

/** What the measurement needs of a segment: the case's Segment, or one read from a labels file. */
export interface MeasureSegment {
  label: number;
  name: string;
  kind: Segment['kind'];
  /** Its type code: the IVC (never liver) is told apart from other vessels by it. */
  type?: { value: string };
  uid?: string;
  /**
   * The label holds every tumour at once (a labelmap from another tool): each connected part is
   * a lesion. Otherwise a lesion segment is one lesion whatever its parts.
   */
  multiLesion?: boolean;
}
