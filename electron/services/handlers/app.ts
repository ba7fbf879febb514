import type { PartialHandlers, ServiceEnv } from '../handlerTypes';
import type { createErrorLog } from '../log/errorLog';

export function appHandlers(env: ServiceEnv, log: ReturnType<typeof createErrorLog>): PartialHandlers {
  return {
    'app:info': async () => ({
      appVersion: env.appVersion,
      host: env.host,
      userDataDir: env.userDataDir,
      platform: process.platform,
    }),
    // Handled inside the dispatcher, which owns the job table.
    'job:cancel': async () => ({ cancelled: false }),
    'log:error': async (req) => {
      log.write({ source: 'renderer', message: req.message, stack: req.stack, context: req.context });
      return { logged: true };
    },
    'dialog:pickFolder': async (req) => (env.pickFolder ? env.pickFolder(req.title) : null),
  };
}
