import type { Target } from '../../../shared/export/target';
import { ServiceError, type PartialHandlers, type ServiceEnv } from '../handlerTypes';
import { TargetStore, viewOf } from '../targets/targetStore';
import { exportHandlers } from './export';

/** Saved export targets; sending and C-ECHO by target id so secrets stay in the host. */
export function targetsHandlers(env: ServiceEnv): PartialHandlers {
  const store = new TargetStore(env.userDataDir, env.secrets);
  // The export handlers do the work; this only resolves a saved target's secrets first.
  const exporter = exportHandlers(env);
  const resolve = async (id: string): Promise<Target> => {
    const t = await store.get(id);
    if (!t) throw new ServiceError('no-such-target', 'That export target is no longer saved; choose another.');
    return t.target;
  };
  return {
    'targets:list': async () => (await store.list()).map(viewOf),
    'targets:save': async (req) => {
      const saved = await store.save(req).catch((e: Error) => {
        throw new ServiceError('invalid-target', `The target was not saved: ${e.message}`);
      });
      return viewOf(saved);
    },
    'targets:secretStorage': async () => ({ available: await store.secretStorageAvailable() }),
    'targets:remove': async (req) => ({ removed: await store.remove(req.id) }),
    'targets:send': async (req, ctx) => {
      const { targetId, ...rest } = req;
      return exporter['export:send']!({ ...rest, target: await resolve(targetId) }, ctx);
    },
    'targets:echo': async (req, ctx) => exporter['export:echo']!({ target: await resolve(req.targetId) }, ctx),
  };
}
