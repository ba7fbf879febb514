import type { AblationAnalysis } from '../../../shared/ablation/analyseAblation';
import { JobLane, runWorkerJob } from '../case/workerJob';
import type { AblationJob } from './ablationJob';

const lane = new JobLane<AblationAnalysis>();

/**
 * Runs the analysis in a fresh module worker; a newer request ends the older one (the maths is
 * one synchronous pass and cannot be interrupted from inside), whose promise rejects with
 * JobCancelled. The labelmap copy is transferred, not cloned.
 */
export function runAblationAnalysis(job: AblationJob): Promise<AblationAnalysis> {
  return lane.start(() =>
    runWorkerJob<AblationAnalysis>(
      () => new Worker(new URL('./ablationWorker.ts', import.meta.url), { type: 'module' }),
      job,
      { transfer: [job.labelmap.data.buffer], failure: 'The ablation worker failed to start.' },
    ),
  ).promise;
}
