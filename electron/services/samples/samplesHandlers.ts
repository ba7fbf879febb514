import { join } from 'node:path';
import { ServiceError, type PartialHandlers, type ServiceEnv } from '../handlerTypes';
import { listSamples, materialiseSample } from './materialiseSample';

/**
 * Handlers for 'samples:list' and 'samples:open'. Cases are cached under
 * <userData>/samples; progress goes out as 'sample-progress' {done, total, what}.
 */
export function samplesHandlers(env: ServiceEnv): PartialHandlers {
  const cacheDir = env.sampleCacheDir ?? join(env.userDataDir, 'samples');
  return {
    'samples:list': async () => listSamples(),
    'samples:open': async (req, ctx) => {
      if (!listSamples().some((s) => s.name === req.name)) {
        throw new ServiceError('unknown-sample', `There is no sample case called '${req.name}'.`);
      }
      const sample = await materialiseSample(req.name, {
        cacheDir,
        signal: ctx.signal,
        onProgress: (p) => ctx.emit({ topic: 'sample-progress', jobId: req.jobId, payload: p }),
      });
      return { folder: sample.folder, truthFile: sample.truthFile };
    },
  };
}
