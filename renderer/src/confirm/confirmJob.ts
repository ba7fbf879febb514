import type { ConfirmationInput, ConfirmationResult } from '../../../shared/ablation/confirmMargin';
import type { Grid, ScalarVolume, Vec3 } from '../../../shared/volume/grid';
import type { WorkerReply } from '../case/workerJob';
import type { Refinement } from './confirmStore';

/** What the confirm worker is asked; volumes and masks travel as copies. */
export type ConfirmJob =
  | { op: 'margin'; input: ConfirmationInput }
  /** The achieved zone from a click on the post-ablation series (flat voxel index). */
  | { op: 'zone'; volume: ScalarVolume; seed: number }
  | { op: 'mask'; action: 'fill-holes' | 'grow' | 'shrink'; mask: Uint8Array; grid: Grid; mm: number }
  | {
      op: 'refine';
      /** Pre-procedure (fixed) and post-ablation (moving) intensities. */
      fixed: ScalarVolume;
      moving: ScalarVolume;
      /** Post -> pre transform to start from (the landmark registration). */
      initial: number[];
      /** Where the match matters: around the tumour, in pre-procedure LPS mm. */
      region: { centre: Vec3; radiusMm: number };
    };

export interface ZoneResult {
  mask: Uint8Array;
  note: string;
}

export type ConfirmJobResult = ConfirmationResult | Refinement | ZoneResult;

export type ConfirmWorkerMessage = WorkerReply<ConfirmJobResult>;
