import { z } from 'zod';

/** Where an export goes. Persisted with queued jobs, so it is a zod schema. */
export const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('folder'), path: z.string().min(1) }),
  z.object({
    kind: z.literal('dicomweb'),
    url: z.string().url(),
    auth: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('basic'), username: z.string(), password: z.string() }),
        z.object({ type: z.literal('bearer'), token: z.string() }),
      ])
      .optional(),
  }),
  z.object({
    kind: z.literal('dimse'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    calledAe: z.string().min(1).max(16),
    callingAe: z.string().min(1).max(16),
  }),
]);
export type Target = z.infer<typeof targetSchema>;

/** A one-line description without secrets, for job lists and logs. */
export function describeTarget(t: Target): string {
  if (t.kind === 'folder') return `folder ${t.path}`;
  if (t.kind === 'dicomweb') return `DICOMweb ${t.url}`;
  return `DIMSE ${t.calledAe}@${t.host}:${t.port} (as ${t.callingAe})`;
}
