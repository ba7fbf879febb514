import { hostMemory, planMemory } from '../limits/memoryBudget';
import type { PartialHandlers } from '../handlerTypes';

/** limits:* channels: the memory budget of the viewer on this machine, measured per request. */
export function limitsHandlers(): PartialHandlers {
  return {
    'limits:checkSeries': async (req) => planMemory(req.series, hostMemory(), req.withLabelmap ?? true),
  };
}
