import { KeptWorker, runWorkerJob, type WorkerRun } from '../case/workerJob';
import type { SegmentJob, SegmentJobResult } from './segmentJobs';

export { JobCancelled, type WorkerRun } from '../case/workerJob';

const newWorker = () => new Worker(new URL('./segmentWorker.ts', import.meta.url), { type: 'module' });

/** The liver grow's worker: kept between jobs so its caches survive (closing a case ends it). */
const liverWorker = new KeptWorker(newWorker);

/**
 * Runs a segmentation job in a module worker. A persistent job runs in the one kept worker,
 * which stays after it so the next job (a stroke re-growing the same click) finds the volume
 * and the click's preparation there; any other job gets a fresh worker.
 */
export function runInWorker<T extends SegmentJobResult>(
  job: SegmentJob,
  onProgress: (fraction: number) => void,
  persistent = false,
): WorkerRun<T> {
  return runWorkerJob<T>(persistent ? liverWorker : newWorker, job, {
    onProgress,
    failure: 'The segmentation worker failed to start.',
  });
}
