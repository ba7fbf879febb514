import { z } from 'zod';
import { targetSchema } from '../../export/target';
import { defineChannel } from '../define';
import { queueJobSummarySchema, reportExtrasSchema } from './export';

const targetId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
const caseId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

/** A saved target as the renderer sees it: passwords and tokens never come back once saved. */
export const targetViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('folder'), path: z.string() }),
  z.object({
    kind: z.literal('dicomweb'),
    url: z.string(),
    auth: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('basic'), username: z.string(), secretSaved: z.boolean() }),
        z.object({ type: z.literal('bearer'), secretSaved: z.boolean() }),
      ])
      .optional(),
  }),
  z.object({
    kind: z.literal('dimse'),
    host: z.string(),
    port: z.number(),
    calledAe: z.string(),
    callingAe: z.string(),
  }),
]);
export type TargetView = z.infer<typeof targetViewSchema>;

export const savedTargetViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** One line without secrets. */
  description: z.string(),
  target: targetViewSchema,
  /** Where its password or token is kept: sealed by the OS keyring, this session only, or in the clear (accepted). */
  secretStorage: z.enum(['os', 'session', 'plain']).optional(),
});
export type SavedTargetView = z.infer<typeof savedTargetViewSchema>;

const deidentifySchema = z
  .object({ patientName: z.string().min(1).max(64), patientId: z.string().min(1).max(64) })
  .strict();

export const targetsChannels = {
  /** Saved export targets (folder, DICOMweb, DIMSE), without secrets. */
  'targets:list': defineChannel(z.object({}).strict(), z.array(savedTargetViewSchema)),
  /**
   * Adds (no id) or replaces a target. An empty password or token on an existing
   * DICOMweb target of the same auth type keeps the saved one.
   */
  'targets:save': defineChannel(
    z
      .object({
        id: targetId.optional(),
        name: z.string().trim().min(1).max(100),
        target: targetSchema,
        /** The user accepted keeping the secret unencrypted on disk (only offered without an OS keyring). */
        keepSecretPlain: z.boolean().optional(),
      })
      .strict(),
    savedTargetViewSchema,
  ),
  /** Whether passwords and tokens can be sealed by the OS keyring (Electron safeStorage) on this machine. */
  'targets:secretStorage': defineChannel(z.object({}).strict(), z.object({ available: z.boolean() })),
  'targets:remove': defineChannel(z.object({ id: targetId }).strict(), z.object({ removed: z.boolean() })),
  /** export:send to a saved target: the host adds the secrets the renderer no longer has. */
  'targets:send': defineChannel(
    z
      .object({
        jobId: z.string().min(1).max(100),
        caseId,
        targetId,
        deidentify: deidentifySchema.optional(),
        extras: reportExtrasSchema.optional(),
        /** Also send the segments as an RT Structure Set. */
        rtstruct: z.boolean().optional(),
      })
      .strict(),
    queueJobSummarySchema,
    { cancellable: true },
  ),
  /** C-ECHO ("Test connection") to a saved DIMSE target. */
  'targets:echo': defineChannel(
    z.object({ targetId }).strict(),
    z.object({ ok: z.literal(true), milliseconds: z.number() }),
  ),
};
