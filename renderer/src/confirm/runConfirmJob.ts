import type { ConfirmJob, ConfirmJobResult, ConfirmWorkerMessage } from './confirmJob';

let current: { worker: Worker; reject(e: Error): void } | null = null;

/**
 * Runs one confirmation job in a fresh module worker (registration and distance maps are long
 * synchronous loops, so the UI never waits on them); a newer job or cancel() terminates the
 * older one, whose promise rejects with 'Cancelled'.
 */
export function runConfirmJob<T extends ConfirmJobResult>(
  job: ConfirmJob,
  onProgress: (fraction: number) => void,
): Promise<T> {
  cancelConfirmJob();
  const worker = new Worker(new URL('./confirmWorker.ts', import.meta.url), { type: 'module' });
  return new Promise<T>((resolve, reject) => {
    const run = { worker, reject };
    current = run;
    const finish = () => {
      worker.terminate();
      if (current === run) current = null;
    };
    worker.onmessage = (e: MessageEvent<ConfirmWorkerMessage>) => {
      const m = e.data;
      if (m.type === 'progress') return onProgress(m.fraction);
      finish();
      if (m.type === 'done') resolve(m.result as T);
      else reject(new Error(m.message));
    };
    worker.onerror = (e) => {
      finish();
      reject(new Error(e.message || 'The confirmation worker failed to start.'));
    };
    worker.postMessage(job);
  });
}

export function cancelConfirmJob(): void {
  if (!current) return;
  current.worker.terminate();
  current.reject(new Error('Cancelled'));
  current = null;
}
