import { matchKeys } from '../../../shared/pacs/studyQuery';
import { ServiceError, type PartialHandlers, type ServiceEnv } from '../handlerTypes';
import { asPacsTarget, importDir, queryStudies, retrieveStudy } from '../pacs/retrieveStudy';
import type { Target } from '../pacs/target';
import { TargetStore } from '../targets/targetStore';

/** PACS query/retrieve on saved targets, by id, so credentials stay in the host. */
export function pacsHandlers(env: ServiceEnv): PartialHandlers {
  const store = new TargetStore(env.userDataDir, env.secrets);
  const resolve = async (id: string): Promise<Target> => {
    const t = await store.get(id);
    if (!t) throw new ServiceError('no-such-target', 'That PACS target is no longer saved; choose another.');
    try {
      return asPacsTarget(t.target);
    } catch (e) {
      throw new ServiceError('not-a-pacs', `${t.name}: ${(e as Error).message}`);
    }
  };
  // Reasons from the PACS or the network, as one line the user can act on.
  const failed = (what: string, signal: AbortSignal) => (e: Error) => {
    throw signal.aborted ? e : new ServiceError('pacs-failed', `${what}: ${e.message}`);
  };
  return {
    'pacs:query': async (req, ctx) => {
      const target = await resolve(req.targetId);
      try {
        matchKeys(req.query);
      } catch (e) {
        throw new ServiceError('invalid-query', (e as Error).message);
      }
      const studies = await queryStudies(target, req.query, ctx.signal).catch(failed('Search failed', ctx.signal));
      return { studies, via: target.kind === 'dicomweb' ? 'QIDO-RS' : 'C-FIND' };
    },
    'pacs:retrieve': async (req, ctx) => {
      const target = await resolve(req.targetId);
      // At most ~10 progress events a second, like the folder scan.
      let last = 0;
      return retrieveStudy(
        target,
        req.studyInstanceUid,
        importDir(env.userDataDir),
        (p) => {
          const now = Date.now();
          if (now - last < 100 && p.done < p.total) return;
          last = now;
          ctx.emit({ topic: 'pacs-retrieve-progress', jobId: req.jobId, payload: p });
        },
        ctx.signal,
      ).catch(failed('Retrieve failed', ctx.signal));
    },
  };
}
