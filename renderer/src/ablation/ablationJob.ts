import type { AblationAnalysis, AblationOptions } from '../../../shared/ablation/analyseAblation';
import type { PathSegmentInfo } from '../../../shared/ablation/pathCrossings';
import type { Applicator } from '../../../shared/volume/ablationZone';
import type { Labelmap } from '../../../shared/volume/grid';
import type { WorkerReply } from '../case/workerJob';

/** What the ablation worker is asked: the case labelmap (a copy), its segments, the zones. */
export interface AblationJob {
  labelmap: Labelmap;
  segments: PathSegmentInfo[];
  applicators: Applicator[];
  options: AblationOptions;
}

/** What the ablation worker posts back (the one reply shape every worker uses). */
export type AblationWorkerMessage = WorkerReply<AblationAnalysis>;
