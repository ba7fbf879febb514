import { createDicomService } from '../dicom/dicomService';
import type { FileRegistry } from '../files/fileRegistry';
import type { PartialHandlers, ServiceEnv } from '../handlerTypes';

/** dicom:* channels: scan with progress events and cancel, the persisted index, phase overrides. */
export function dicomHandlers(env: ServiceEnv, files: FileRegistry): PartialHandlers {
  const service = createDicomService({ userDataDir: env.userDataDir, registerFile: (p) => files.register(p) });
  return {
    'dicom:scan': (req, ctx) => {
      // At most ~10 progress events a second: thousands of files must not flood the renderer.
      let last = 0;
      return service.scan(req, {
        signal: ctx.signal,
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < 100 && p.done < p.total) return;
          last = now;
          ctx.emit({ topic: 'scan-progress', jobId: req.jobId, payload: p });
        },
      });
    },
    'dicom:index': () => service.index(),
    'dicom:setPhase': (req) => service.setPhase(req),
  };
}
