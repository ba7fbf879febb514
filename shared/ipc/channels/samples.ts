import { z } from 'zod';
import { defineChannel } from '../define';

export const sampleInfoSchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  difficulty: z.string(),
  modality: z.string(),
});
export type SampleInfo = z.infer<typeof sampleInfoSchema>;

export const samplesChannels = {
  /** The bundled sample cases with a one-line description each. */
  'samples:list': defineChannel(z.object({}).strict(), z.array(sampleInfoSchema)),
  /** Materialises a sample case (generated on first use, cached) and returns its folder. */
  'samples:open': defineChannel(
    z.object({ jobId: z.string().min(1).max(100), name: z.string().min(1).max(64) }).strict(),
    z.object({ folder: z.string(), truthFile: z.string().optional() }),
    { cancellable: true },
  ),
};
