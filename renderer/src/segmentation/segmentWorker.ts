import { runSegmentJob } from './runSegmentJob';
import type { SegmentJob, WorkerMessage } from './segmentJobs';

/** Module worker: one job per message; cancel = terminate the worker (the client makes a new one). */
const post = (m: WorkerMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = (e: MessageEvent<SegmentJob>) => {
  try {
    let last = 0;
    const result = runSegmentJob(e.data, (fraction) => {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      post({ type: 'progress', fraction });
    });
    post({ type: 'done', result }, 'mask' in result ? [result.mask.buffer] : []);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
