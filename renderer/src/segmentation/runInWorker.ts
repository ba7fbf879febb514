import type { SegmentJob, SegmentJobResult, WorkerMessage } from './segmentJobs';

export class JobCancelled extends Error {
  constructor() {
    super('Cancelled');
  }
}

export interface WorkerRun<T> {
  promise: Promise<T>;
  cancel(): void;
}

/** The one persistent worker (liver grows): kept between jobs so its caches survive. */
let kept: Worker | null = null;

/** Ends the kept worker and the volume it holds (another study opened). */
export function releaseKeptWorker(): void {
  kept?.terminate();
  kept = null;
}

const newWorker = () => new Worker(new URL('./segmentWorker.ts', import.meta.url), { type: 'module' });

/**
 * Runs a job in a module worker so the UI never blocks; cancelling terminates the worker (the
 * algorithms are synchronous loops and cannot be interrupted from inside). A persistent job runs
 * in the one kept worker, which stays after it so the next job (a stroke re-growing the same
 * click) finds the volume and the click's preparation there; any other job gets a fresh worker.
 */
export function runInWorker<T extends SegmentJobResult>(
  job: SegmentJob,
  onProgress: (fraction: number) => void,
  persistent = false,
): WorkerRun<T> {
  const worker = persistent ? (kept ??= newWorker()) : newWorker();
  const close = () => {
    worker.terminate();
    if (worker === kept) kept = null;
  };
  let reject: (e: Error) => void = () => {};
  const promise = new Promise<T>((resolve, rej) => {
    reject = rej;
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      if (m.type === 'progress') return onProgress(m.fraction);
      if (!persistent || m.type !== 'done') close();
      if (m.type === 'done') resolve(m.result as T);
      else rej(new Error(m.message));
    };
    worker.onerror = (e) => {
      close();
      rej(new Error(e.message || 'The segmentation worker failed to start.'));
    };
  });
  worker.postMessage(job);
  return {
    promise,
    cancel: () => {
      close();
      reject(new JobCancelled());
    },
  };
}
