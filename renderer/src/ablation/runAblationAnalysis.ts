import type { AblationAnalysis } from '../../../shared/ablation/analyseAblation';
import type { AblationJob, AblationWorkerMessage } from './ablationJob';

let current: Worker | null = null;

/**
 * Runs the analysis in a fresh module worker; a newer request terminates the older one (the
 * maths is one synchronous pass and cannot be interrupted from inside), whose promise rejects
 * with 'superseded'.
 */
export function runAblationAnalysis(job: AblationJob): Promise<AblationAnalysis> {
  current?.terminate();
  const worker = new Worker(new URL('./ablationWorker.ts', import.meta.url), { type: 'module' });
  current = worker;
  return new Promise<AblationAnalysis>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<AblationWorkerMessage>) => {
      worker.terminate();
      if (current === worker) current = null;
      if (e.data.type === 'done') resolve(e.data.result);
      else reject(new Error(e.data.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'The ablation worker failed to start.'));
    };
    worker.postMessage(job, [job.labelmap.data.buffer]);
  });
}
