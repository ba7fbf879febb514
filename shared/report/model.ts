import { z } from 'zod';

/**
 * The one report model (issue 9): everything the PDF, the SR and the PACS
 * export say about a case. Plain data, so it crosses IPC and is rendered
 * identically by the app and the CLI.
 */
/** Mirrors shared/planning Outcome: status eligible | caution | contraindicated | info. */
export const outcomeSchema = z.object({
  modality: z.string().optional(),
  lesionId: z.string().optional(),
  status: z.string(),
  hardWarning: z.boolean().optional(),
  ruleId: z.string(),
  message: z.string(),
  source: z.string(),
});
export type ReportOutcome = z.infer<typeof outcomeSchema>;

export const reportModelSchema = z.object({
  title: z.string(),
  /** ISO time the report was generated; also the PDF's creation date, so bytes are reproducible. */
  generatedAt: z.string(),
  patient: z.object({ name: z.string(), id: z.string(), birthDate: z.string().optional(), sex: z.string().optional() }),
  study: z.object({
    studyInstanceUid: z.string(),
    description: z.string(),
    date: z.string(),
    accessionNumber: z.string().optional(),
    referenceSeries: z.string(),
  }),
  indication: z.string(),
  /** Planned therapy, modality and device (free text from the plan). */
  procedure: z.string().optional(),
  keyImages: z
    .array(
      z.object({
        caption: z.string().max(200),
        pngBase64: z.string(),
        width: z.number().int().positive(),
        height: z.number().int().positive(),
      }),
    )
    .max(12),
  volumetry: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      volumeMl: z.number(),
      voxels: z.number().int(),
      meanHu: z.number().optional(),
      sdHu: z.number().optional(),
    }),
  ),
  volumeMethod: z.string(),
  burden: z
    .object({ percent: z.number(), bin: z.string(), tumourMl: z.number(), liverIncludingTumourMl: z.number() })
    .optional(),
  lesions: z.array(
    z.object({
      name: z.string(),
      volumeMl: z.number(),
      maxDiameterMm: z.number().optional(),
      meanHu: z.number().optional(),
      site: z.string().optional(),
    }),
  ),
  outcomes: z.array(outcomeSchema),
  y90: z
    .object({
      model: z.string(),
      rows: z.array(z.object({ label: z.string(), value: z.string(), unit: z.string() })),
    })
    .optional(),
  ablation: z
    .object({
      targetMarginMm: z.number(),
      margins: z.array(
        z.object({
          lesion: z.string(),
          zone: z.string(),
          /** Absent when the whole tumour surface was excluded as subcapsular. */
          minimumMm: z.number().optional(),
          q25Mm: z.number().optional(),
          medianMm: z.number().optional(),
          percentBelowZero: z.number().optional(),
          percentBelowTarget: z.number().optional(),
        }),
      ),
      flags: z.array(z.string()),
    })
    .optional(),
  /** Y-90 target territories (liver split by planes) and what they hold. */
  territories: z
    .array(
      z.object({
        name: z.string(),
        target: z.boolean(),
        planes: z.string(),
        targetMl: z.number(),
        tumourMl: z.number(),
        normalMl: z.number(),
        tumourKg: z.number(),
        normalKg: z.number(),
        density: z.string(),
      }),
    )
    .default([]),
  /** Plan inputs taken from measurements: measured, or overridden by the user (with the measured value). */
  inputOrigins: z
    .array(z.object({ field: z.string(), value: z.string(), source: z.string(), overridden: z.boolean() }))
    .default([]),
  clinical: z.array(z.object({ label: z.string(), value: z.string() })).default([]),
  versions: z.object({ software: z.string(), ruleSet: z.string().optional() }),
  disclaimer: z.string(),
  signature: z.object({ preparedBy: z.string().optional(), reviewer: z.string().optional() }),
});

export type ReportModel = z.infer<typeof reportModelSchema>;
export type ReportModelInput = z.input<typeof reportModelSchema>;

export const REPORT_DISCLAIMER =
  'LiverPlan is a planning aid, not a medical device. All volumes, margins, activities and rule outcomes are ' +
  'estimates from segmentations that must be reviewed; the treating physician is responsible for every clinical decision.';
