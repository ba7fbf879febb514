import { confirmMargin } from '../../../shared/ablation/confirmMargin';
import { zoneFromClick } from '../../../shared/ablation/zoneFromClick';
import { fillHoles3d, growMm, shrinkMm } from '../../../shared/segment/morphology';
import { refineRigid } from '../../../shared/volume/rigidRefine';
import type { ConfirmJob, ConfirmWorkerMessage } from './confirmJob';
import type { Refinement } from './confirmStore';

/** Module worker: one confirmation job per message (registration refinement or margin). */
const post = (m: ConfirmWorkerMessage, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = (e: MessageEvent<ConfirmJob>) => {
  try {
    const job = e.data;
    if (job.op === 'zone') {
      const r = zoneFromClick(job.volume, job.seed, { onProgress: (fraction) => post({ type: 'progress', fraction }) });
      const [lo, hi] = r.window.map(Math.round);
      const note = `Zone grown in ${lo} to ${hi} HU (zone ${Math.round(r.zoneMean)} HU, surround ${Math.round(r.surroundMean)} HU)`;
      post({ type: 'done', result: { mask: r.mask, note } }, [r.mask.buffer]);
      return;
    }
    if (job.op === 'mask') {
      const { mask, grid, mm } = job;
      const out =
        job.action === 'fill-holes'
          ? fillHoles3d(mask, grid.dims)
          : job.action === 'grow'
            ? growMm(mask, grid, mm)
            : shrinkMm(mask, grid, mm);
      post(
        {
          type: 'done',
          result: { mask: out, note: `Zone ${job.action} ${job.action === 'fill-holes' ? '' : `${mm} mm`}` },
        },
        [out.buffer],
      );
      return;
    }
    if (job.op === 'margin') {
      const result = confirmMargin(job.input);
      post({ type: 'done', result }, [result.overlay.buffer]);
      return;
    }
    const r = refineRigid(job.fixed, job.moving, job.initial, {
      region: job.region,
      onProgress: (fraction) => post({ type: 'progress', fraction }),
    });
    const result: Refinement = {
      matrix: r.matrix,
      changeMm: r.changeMm,
      metricBefore: r.metricBefore,
      metricAfter: r.metricAfter,
      // refineRigid hands back the initial matrix when it cannot improve the match.
      improved: r.metricAfter > r.metricBefore,
    };
    post({ type: 'done', result });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
