import { z } from 'zod';
import { territorySchema } from './territory';

/**
 * A planning case as stored on disk: <caseDir>/case.json (this document) plus
 * <caseDir>/labels.nii.gz (the one labelmap of the case, in the grid of the
 * reference series). Everything a user entered lives here so reopening a case
 * restores it exactly.
 */
export const codeSchema = z.object({
  value: z.string(),
  scheme: z.string(),
  meaning: z.string(),
});
export type Code = z.infer<typeof codeSchema>;

export const segmentKinds = ['liver', 'lesion', 'vessel', 'critical', 'ablation', 'target', 'other'] as const;

export const segmentSchema = z.object({
  /** Value of this segment in the labelmap (1..65535). */
  label: z.number().int().min(1).max(65535),
  name: z.string().min(1).max(64),
  kind: z.enum(segmentKinds),
  category: codeSchema,
  type: codeSchema,
  color: z.tuple([
    z.number().int().min(0).max(255),
    z.number().int().min(0).max(255),
    z.number().int().min(0).max(255),
  ]),
  visible: z.boolean(),
  locked: z.boolean(),
  /** Stable identity (a DICOM UID) kept through renames; absent in cases saved before it existed. */
  uid: z.string().max(64).optional(),
});
export type Segment = z.infer<typeof segmentSchema>;

export const caseSeriesSchema = z.object({
  seriesInstanceUid: z.string(),
  phase: z.string(),
  description: z.string(),
  files: z.array(z.string()),
});

const point = z.tuple([z.number(), z.number(), z.number()]);

export const confirmationSchema = z.object({
  postSeriesUid: z.string(),
  /** The same anatomical point on the pre-procedure (fixed) and post-ablation (moving) series, LPS mm. */
  pairs: z.array(z.object({ pre: point.nullable(), post: point.nullable() })).max(64),
  /** Row-major 4x4 post -> pre after automatic refinement; null = the landmark transform. */
  refinedMatrix: z.array(z.number()).length(16).nullable(),
  tumourLabel: z.number().int().min(1).nullable(),
  /** The zone segmented on the post series: gzip NIfTI (its grid), base64. */
  zoneBase64: z.string().max(64_000_000).nullable(),
});
export type Confirmation = z.infer<typeof confirmationSchema>;

export const caseDocumentSchema = z.object({
  schemaVersion: z.literal(1),
  caseId: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  patient: z.object({ name: z.string(), id: z.string(), birthDate: z.string().optional(), sex: z.string().optional() }),
  study: z.object({
    studyInstanceUid: z.string(),
    description: z.string(),
    date: z.string(),
    accessionNumber: z.string().optional(),
  }),
  series: z.array(caseSeriesSchema),
  /** Series whose grid the labelmap lives in. */
  referenceSeriesUid: z.string(),
  segments: z.array(segmentSchema),
  /** Plan form inputs (shared/planning input schema), kept opaque here. */
  planInput: z.record(z.string(), z.unknown()).optional(),
  /** Ablation applicators: entry/tip in LPS mm and the device setting chosen. */
  applicators: z
    .array(
      z.object({
        id: z.string(),
        entry: z.tuple([z.number(), z.number(), z.number()]),
        tip: z.tuple([z.number(), z.number(), z.number()]),
        deviceId: z.string(),
        settingId: z.string(),
      }),
    )
    .default([]),
  /** Ablation confirmation: the post-ablation series, landmark pairs, refined transform, zone. */
  confirmation: confirmationSchema.optional(),
  /** Y-90 target territories (liver split by planes), in treatment order; absent in older cases. */
  territories: z.array(territorySchema).max(32).optional(),
  /** The territory the plan's Y-90 figures are measured in. */
  targetTerritoryId: z.string().optional(),
  /**
   * Per lesion segment (by label): the phase it was segmented on and whether it lay outside the
   * liver, so the panel still says so after reopening; absent in older cases.
   */
  lesionOrigins: z
    .record(
      z.string().regex(/^\d+$/),
      z.object({ phase: z.string().max(64), outsideLiver: z.boolean(), addedToLiver: z.boolean().optional() }),
    )
    .optional(),
  notes: z.string().default(''),
});
export type CaseDocument = z.infer<typeof caseDocumentSchema>;

export const CASE_FILE = 'case.json';
export const LABELS_FILE = 'labels.nii.gz';
