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

/** Key images: one per lesion, liver, territory and applicator, plus captures; bilobar cases fill it. */
export const MAX_KEY_IMAGES = 24;

export const keyImageSchema = z.object({
  caption: z.string().max(400),
  pngBase64: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Size of one image pixel in mm (square pixels), for the scale bar; absent for viewport captures. */
  pixelMm: z.number().positive().optional(),
  /** Patient directions at the image edges (from the direction cosines). */
  orientation: z.object({ top: z.string(), bottom: z.string(), left: z.string(), right: z.string() }).optional(),
});

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
  /** Key images: chosen by content (lesions, liver, territory, applicators), then any captured in the viewer. */
  keyImages: z.array(keyImageSchema).max(MAX_KEY_IMAGES),
  /** The window the key images are shown at, in words ("W 400 / L 60, abdomen preset"). */
  keyImageWindow: z.string().optional(),
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
  /** Which end images of the series the liver touches ("first", "last", "first and last"): a partial liver. */
  volumeCoverage: z.string().optional(),
  /** What the mean intensities are: Hounsfield units on CT, signal (arbitrary units) on MR. */
  intensityUnit: z.enum(['HU', 'signal']).default('HU'),
  burden: z
    .object({ percent: z.number(), bin: z.string(), tumourMl: z.number(), liverIncludingTumourMl: z.number() })
    .optional(),
  lesions: z.array(
    z.object({
      /** Stable id (segment number), as the plan outcomes name the lesion. */
      id: z.string().optional(),
      name: z.string(),
      volumeMl: z.number(),
      /** Longest axial diameter and the one perpendicular to it, on the same slice (mm). */
      axialLongMm: z.number().optional(),
      axialShortMm: z.number().optional(),
      maxDiameterMm: z.number().optional(),
      meanHu: z.number().optional(),
      /** Lobe from the case's lobe split or the plan inputs; absent = not entered. */
      lobe: z.string().optional(),
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
  /** The planned applicators (Ablation workspace) and the analysis of their predicted zones. */
  ablationPlan: z
    .object({
      targetMarginMm: z.number(),
      marginSource: z.string(),
      applicators: z.array(
        z.object({
          name: z.string(),
          device: z.string(),
          setting: z.string(),
          zone: z.string(),
          pathMm: z.number(),
          source: z.string(),
          problem: z.string().optional(),
        }),
      ),
      zoneVolumeMl: z.number().optional(),
      lesions: z.array(
        z.object({
          lesion: z.string(),
          minimumMm: z.number().optional(),
          q25Mm: z.number().optional(),
          medianMm: z.number().optional(),
          percentBelowTarget: z.number().optional(),
          coveragePercent: z.number().optional(),
          heatSink: z.string(),
          note: z.string(),
          /** False when no predicted zone reaches the lesion (no margin then). */
          targeted: z.boolean().default(true),
        }),
      ),
      critical: z.array(
        z.object({
          structure: z.string(),
          distanceMm: z.number().optional(),
          searchedMm: z.number(),
          warning: z.boolean(),
        }),
      ),
      criticalFrom: z.enum(['zone', 'tumours']),
    })
    .optional(),
  /** Ablation confirmation (Confirm workspace): achieved zone on the post-ablation series. */
  confirmation: z
    .object({
      postSeries: z.string(),
      registration: z.string(),
      lesion: z.string().optional(),
      zoneMl: z.number().optional(),
      minimumMm: z.number().optional(),
      q25Mm: z.number().optional(),
      medianMm: z.number().optional(),
      percentBelowZero: z.number().optional(),
      percentBelowTarget: z.number().optional(),
      targetMm: z.number().optional(),
      note: z.string().optional(),
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
