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

/**
 * Runs a job in a fresh module worker so the UI never blocks; cancelling
 * terminates the worker (the algorithms are synchronous loops and cannot be
 * interrupted from inside).
 */
export function runInWorker<T extends SegmentJobResult>(
  job: SegmentJob,
  onProgress: (fraction: number) => void,
): WorkerRun<T> {
  const worker = new Worker(new URL('./segmentWorker.ts', import.meta.url), { type: 'module' });
  let reject: (e: Error) => void = () => {};
  const promise = new Promise<T>((resolve, rej) => {
    reject = rej;
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      if (m.type === 'progress') return onProgress(m.fraction);
      worker.terminate();
      if (m.type === 'done') resolve(m.result as T);
      else rej(new Error(m.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      rej(new Error(e.message || 'The segmentation worker failed to start.'));
    };
  });
  worker.postMessage(job);
  return {
    promise,
    cancel: () => {
      worker.terminate();
      reject(new JobCancelled());
    },
  };
}
