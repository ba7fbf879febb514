import { z } from 'zod';
import { defineChannel } from '../define';

export const memoryPlanSchema = z.object({
  decision: z.enum(['ok', 'downsample', 'refuse']),
  estimateBytes: z.number(),
  budgetBytes: z.number(),
  /** What happened and what to do; empty when decision is ok. */
  message: z.string(),
  suggestion: z.object({ inPlaneStep: z.number(), sliceStep: z.number(), estimateBytes: z.number() }).optional(),
});
export type MemoryPlanMessage = z.infer<typeof memoryPlanSchema>;

const dim = z.number().int().min(1).max(1_000_000);

export const limitsChannels = {
  /** Before building volumes: do these series fit the viewer's memory? The first is the labelmap's reference. */
  'limits:checkSeries': defineChannel(
    z
      .object({
        series: z
          .array(
            z.object({
              seriesInstanceUid: z.string().max(128),
              description: z.string().max(200).optional(),
              rows: dim,
              columns: dim,
              slices: dim,
            }),
          )
          .min(1)
          .max(64),
        withLabelmap: z.boolean().default(true),
      })
      .strict(),
    memoryPlanSchema,
  ),
};
