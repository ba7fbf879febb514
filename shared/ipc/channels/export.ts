import { z } from 'zod';
import { targetSchema } from '../../export/target';
import { outcomeSchema, reportModelSchema } from '../../report/model';
import { bytesSchema } from '../binary';
import { defineChannel } from '../define';

/** A saved case of the case store (<userData>/cases/<caseId>); ids are never paths. */
const caseId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

/** What the report needs beyond the case folder: entered in the app, captured from viewports. */
export const reportExtrasSchema = z
  .object({
    indication: z.string().max(4000).optional(),
    procedure: z.string().max(400).optional(),
    outcomes: z.array(outcomeSchema).max(500).optional(),
    y90: reportModelSchema.shape.y90,
    clinical: z
      .array(z.object({ label: z.string().max(100), value: z.string().max(200) }))
      .max(50)
      .optional(),
    /** PNG captures of the viewports with their overlays (base64, no data: prefix needed). */
    keyImages: reportModelSchema.shape.keyImages.optional(),
    /** The reference series' reading window in the viewer, for the key images. */
    window: z.object({ center: z.number(), width: z.number().positive() }).strict().optional(),
    ruleSet: z.string().max(200).optional(),
    preparedBy: z.string().max(200).optional(),
  })
  .strict();

export const queueJobSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Target described without secrets. */
  target: z.string(),
  files: z.array(z.string()),
  state: z.enum(['pending', 'sending', 'done', 'failed']),
  attempts: z.number(),
  lastError: z.string().optional(),
  sentAt: z.string().optional(),
});
export type QueueJobSummaryDto = z.infer<typeof queueJobSummarySchema>;

const deidentifySchema = z
  .object({ patientName: z.string().min(1).max(64), patientId: z.string().min(1).max(64) })
  .strict();

export const exportChannels = {
  /** The report model and its PDF (bytes) for preview; nothing is written. */
  'export:report': defineChannel(
    z.object({ caseId, extras: reportExtrasSchema.optional() }).strict(),
    z.object({ model: reportModelSchema, pdf: bytesSchema(256 * 1024 * 1024, 'The report PDF') }),
  ),
  /** Renders the report PDF to a file. */
  'export:savePdf': defineChannel(
    z.object({ caseId, path: z.string().min(1).max(4096), extras: reportExtrasSchema.optional() }).strict(),
    z.object({ path: z.string(), bytes: z.number() }),
  ),
  /** Builds SEG + SR + Encapsulated PDF and sends them through the persistent queue; events topic 'export-queue'. */
  'export:send': defineChannel(
    z
      .object({
        jobId: z.string().min(1).max(100),
        caseId,
        target: targetSchema,
        deidentify: deidentifySchema.optional(),
        extras: reportExtrasSchema.optional(),
        /** Also send the segments as an RT Structure Set. */
        rtstruct: z.boolean().optional(),
      })
      .strict(),
    queueJobSummarySchema,
    { cancellable: true },
  ),
  /** C-ECHO to a DIMSE target: resolves with the round trip, errors say why. */
  'export:echo': defineChannel(
    z.object({ target: targetSchema }).strict(),
    z.object({ ok: z.literal(true), milliseconds: z.number() }),
  ),
  /** Every queued, failed and sent job, oldest first. */
  'export:queue': defineChannel(z.object({}).strict(), z.array(queueJobSummarySchema)),
  /** Sends a failed or pending job again (one call). */
  'export:retry': defineChannel(
    z.object({ jobId: z.string().min(1).max(100), queueJobId: z.string().min(1).max(100) }).strict(),
    queueJobSummarySchema,
    { cancellable: true },
  ),
  /** Drops a job and its files. */
  'export:remove': defineChannel(
    z.object({ queueJobId: z.string().min(1).max(100) }).strict(),
    z.object({ removed: z.boolean() }),
  ),
};
