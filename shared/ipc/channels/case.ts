import { z } from 'zod';
import { caseDocumentSchema } from '../../case/model';
import { bytesSchema } from '../binary';
import { defineChannel } from '../define';

const caseId = z.string().min(1).max(64);
/** labels.nii.gz bytes; null when the case has no labelmap. */
const labelsFile = bytesSchema(512 * 1024 * 1024, 'labels.nii.gz').nullable();

/**
 * The labelmap of a save or autosave: the whole labels.nii.gz, or only the slices changed since
 * the write `baseSeq` (shared/case/labelsDelta, compressed). The host applies a delta to its copy
 * of that write and answers `{ resend: 'whole' }` when it has none; the renderer then sends it whole.
 */
export const labelsPayloadSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('full'), bytes: bytesSchema(512 * 1024 * 1024, 'labels.nii.gz') }).strict(),
    z
      .object({
        kind: z.literal('delta'),
        baseSeq: z.number().int().min(0),
        bytes: bytesSchema(512 * 1024 * 1024, 'labels delta'),
      })
      .strict(),
  ])
  .nullable();
export type LabelsPayload = z.infer<typeof labelsPayloadSchema>;

export const newCaseSchema = caseDocumentSchema.omit({
  schemaVersion: true,
  caseId: true,
  createdAt: true,
  updatedAt: true,
});

export const openedCaseSchema = z.object({
  document: caseDocumentSchema,
  labels: labelsFile,
  seq: z.number(),
  savedAt: z.string(),
  /** saved: the last save; autosave: newer unsaved edits restored after a crash; version: an older save (damage). */
  source: z.enum(['saved', 'autosave', 'version']),
  /** Shown to the user when what opened is not simply the last save. */
  recovery: z
    .object({
      kind: z.enum(['autosave', 'interrupted-save', 'damaged']),
      message: z.string(),
      lastSavedAt: z.string().nullable(),
    })
    .nullable(),
});
export type OpenedCaseMessage = z.infer<typeof openedCaseSchema>;

export const caseSummarySchema = z.object({
  caseId: z.string(),
  patientName: z.string(),
  patientId: z.string(),
  studyDescription: z.string(),
  studyDate: z.string(),
  updatedAt: z.string(),
  segmentCount: z.number(),
  hasUnsavedAutosave: z.boolean(),
});

const written = z.object({ seq: z.number(), savedAt: z.string() });
/** A write, or (for a delta whose base the host no longer holds) nothing written: send the labelmap whole. */
const writtenOrResend = z.union([written, z.object({ resend: z.literal('whole'), reason: z.string() })]);

export const caseChannels = {
  /** New case in <userData>/cases/<caseId>; the store fills id and timestamps. */
  'case:create': defineChannel(z.object({ input: newCaseSchema }).strict(), openedCaseSchema),
  /** Opens the newest intact state; a newer autosave is restored and explained in `recovery`. */
  'case:open': defineChannel(z.object({ caseId }).strict(), openedCaseSchema),
  /** Explicit save: case.json + labels.nii.gz replaced atomically; the previous save becomes a version. */
  'case:save': defineChannel(
    z.object({ document: caseDocumentSchema, labels: labelsPayloadSchema }).strict(),
    writtenOrResend,
  ),
  /** Autosave snapshot (journal only); the renderer calls it at a bounded interval while edits are pending. */
  'case:autosave': defineChannel(
    z.object({ document: caseDocumentSchema, labels: labelsPayloadSchema }).strict(),
    writtenOrResend,
  ),
  /** Recent cases, newest first. */
  'case:list': defineChannel(z.object({}).strict(), z.array(caseSummarySchema)),
  /** After a restored autosave: keep it as the save, or discard it and return to the last save. */
  'case:recover': defineChannel(z.object({ caseId, action: z.enum(['keep', 'discard']) }).strict(), openedCaseSchema),
  /** Previous explicit saves, newest first. */
  'case:versions': defineChannel(
    z.object({ caseId }).strict(),
    z.array(z.object({ seq: z.number(), kind: z.enum(['save', 'autosave']), savedAt: z.string() })),
  ),
  /** Brings a previous version back as a new save. */
  'case:restoreVersion': defineChannel(z.object({ caseId, seq: z.number().int().min(1) }).strict(), written),
  'case:delete': defineChannel(z.object({ caseId }).strict(), z.object({ deleted: z.boolean() })),
};
