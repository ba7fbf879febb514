import type { TumourBurden } from '../volume/burden';
import type { MarginResult } from '../volume/margin';
import type { SegmentStats } from '../volume/stats';
import type { CaseFigures } from './measureCase';
import type { Segment } from './model';

// What a case export measures, apart from shared/export so the report model can take it
// without importing the exporter that renders the report.

/** An ablation zone's margin round one lesion. */
export interface LesionMargin {
  lesion: Segment;
  /** The lesion's stable id (segment number), by which plans and reports find this margin. */
  lesionId: string;
  zone: string;
  result: MarginResult;
  /** Lesion voxels touching voxels that are neither zone nor lesion: tumour outside the zone. */
  protrudes: boolean;
}

export interface CaseMeasurements {
  /** The case's figures (shared/case/measureCase): the same as the Segment panel and the CLI show. */
  figures: CaseFigures;
  stats: Map<number, SegmentStats>;
  burden?: TumourBurden;
  margins: LesionMargin[];
}
