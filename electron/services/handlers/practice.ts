import type { PartialHandlers, ServiceEnv } from '../handlerTypes';
import { createPracticeService } from '../practice/practiceService';

/** practice:* channels: tasks, scoring against the host-held reference, attempt history. */
export function practiceHandlers(env: ServiceEnv): PartialHandlers {
  const service = createPracticeService(env.userDataDir);
  return {
    'practice:tasks': async (req, ctx) => service.tasks(req.sample, ctx.signal),
    'practice:submit': async (req, ctx) => service.submit(req, ctx.signal),
    'practice:history': async () => service.attempts(),
  };
}
