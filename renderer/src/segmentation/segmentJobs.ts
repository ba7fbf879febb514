import type { Grid, Labelmap, ScalarVolume } from '../../../shared/volume/grid';
import type { CaseFigures } from '../../../shared/case/measureCase';
import type { Territory } from '../../../shared/case/territory';
import type { MeasureSegment } from '../../../shared/case/measureSegment';
import type { PlausibilityFinding } from '../../../shared/segment/liverPlausibility';
import type { WorkerReply } from '../case/workerJob';

/** Mask operations on one segment (shared/segment/morphology and interpolate). */
export type MaskOp = 'fill-holes' | 'remove-islands' | 'smooth' | 'grow' | 'shrink' | 'interpolate';

/** What the segment worker is asked to do; volumes travel as copies. */
export type SegmentJob =
  | {
      op: 'liver';
      volume: ScalarVolume;
      /**
       * Names the volume (series and size): the persistent liver worker keeps the last one and
       * the click's preparation, so a stroke re-grows without redoing them.
       */
      volumeKey?: string;
      seed: number;
      include: number[];
      exclude: number[];
      /** Voxel count of the result of the previous seed (a new click, not a stroke), for the jump check. */
      previousVoxelCount?: number;
    }
  | {
      op: 'lesion';
      /** The labelmap grid: phases on other grids are resampled onto it first. */
      grid: Grid;
      phases: { name: string; volume: ScalarVolume }[];
      click: number;
      /** A drag across the lesion's long axis: flat voxel indices of its ends (size prior). */
      line?: [number, number];
      /** The drag's length in mm, for the plausibility check of the result's size. */
      dragLengthMm?: number;
      liverMask?: Uint8Array;
    }
  | { op: 'grow'; volume: ScalarVolume; seeds: number[] }
  /** 'Add to liver': the voxels joining the liver outline to a lesion it left out. */
  | { op: 'join-liver'; grid: Grid; liver: Uint8Array; lesion: Uint8Array }
  | { op: 'mask'; action: MaskOp; mask: Uint8Array; grid: Grid; mm: number }
  | {
      op: 'stats';
      labelmap: Labelmap;
      /** Phases by name; the worker resamples those on another grid to the labelmap grid. */
      phases: { name: string; volume: ScalarVolume }[];
      /** The case segments; their kinds say which are liver, lesions and vessels (shared/case/measureCase). */
      segments: MeasureSegment[];
      /** Y-90 target territories (and a draft preview) measured with the case. */
      territories?: Territory[];
    };

export interface MaskResult {
  mask: Uint8Array;
  /** What to tell the user about the result (window used, phase chosen). */
  note: string;
  /** Plausibility findings on the result (liver and lesion jobs); empty when it passed. */
  findings?: PlausibilityFinding[];
  /** Lesion jobs: the phase the lesion was segmented on. */
  phase?: string;
  /** Lesion jobs: the click lay outside the liver segment (offer to add the lesion to the liver). */
  outsideLiver?: boolean;
}

/** The Segment panel's figures: the case measurement every other consumer uses too. */
export type CaseStatistics = CaseFigures;

export type SegmentJobResult = MaskResult | CaseStatistics;

export type WorkerMessage = WorkerReply<SegmentJobResult>;
