import { z } from 'zod';
import { planInputSchema } from './inputSchema';

/** JSON Schema (draft 2020-12) of the plan input, as a caller may write it (defaults optional). */
export function planInputJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(planInputSchema, { io: 'input' }) as Record<string, unknown>;
}
