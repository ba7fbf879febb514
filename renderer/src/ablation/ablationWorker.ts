import { analyseAblation } from '../../../shared/ablation/analyseAblation';
import type { AblationJob, AblationWorkerMessage } from './ablationJob';

/** Module worker: one analysis per message, so distance transforms never block the UI. */
const post = (m: AblationWorkerMessage, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = (e: MessageEvent<AblationJob>) => {
  try {
    const { labelmap, segments, applicators, options } = e.data;
    const result = analyseAblation(labelmap, segments, applicators, options);
    post({ type: 'done', result }, [result.overlay.buffer]);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
