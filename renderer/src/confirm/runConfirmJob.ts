import { JobLane, runWorkerJob } from '../case/workerJob';
import type { ConfirmJob, ConfirmJobResult } from './confirmJob';

const lane = new JobLane<ConfirmJobResult>();

/**
 * Runs one confirmation job in a fresh module worker (registration and distance maps are long
 * synchronous loops, so the UI never waits on them); a newer job or cancel() ends the older
 * one, whose promise rejects with JobCancelled.
 */
export function runConfirmJob<T extends ConfirmJobResult>(
  job: ConfirmJob,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return lane.start(() =>
    runWorkerJob<ConfirmJobResult>(
      () => new Worker(new URL('./confirmWorker.ts', import.meta.url), { type: 'module' }),
      job,
      { onProgress, failure: 'The confirmation worker failed to start.' },
    ),
  ).promise as Promise<T>;
}

export function cancelConfirmJob(): void {
  lane.cancel();
}
