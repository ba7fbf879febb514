import { z } from 'zod';
import { defineChannel } from '../define';

const vec3 = z.tuple([z.number(), z.number(), z.number()]);

export const findingSchema = z.object({
  code: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});

const volumeOpenInfoSchema = z.object({
  modality: z.string(),
  sopClassUid: z.string(),
  rows: z.number().int().positive(),
  columns: z.number().int().positive(),
  orientation: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number()]),
  pixelSpacing: z.tuple([z.number(), z.number()]),
  positions: z.array(vec3),
  bitsAllocated: z.number().int(),
  bitsStored: z.number().int(),
  pixelRepresentation: z.number().int(),
  samplesPerPixel: z.number().int(),
  photometricInterpretation: z.string(),
  rescaleSlope: z.number(),
  rescaleIntercept: z.number(),
  window: z.tuple([z.number(), z.number()]).nullable().optional(),
});

export const phaseSchema = z.object({ label: z.string(), confidence: z.number(), reason: z.string() });

/** One series of the study browser (the `liverplan scan` JSON plus what the app needs to fetch it). */
export const seriesSummarySchema = z.object({
  seriesInstanceUid: z.string(),
  frameOfReferenceUid: z.string(),
  modality: z.string(),
  description: z.string(),
  seriesNumber: z.number(),
  imageCount: z.number(),
  rows: z.number(),
  columns: z.number(),
  spacing: vec3,
  origin: vec3,
  direction: z.array(z.number()).length(9),
  isVolume: z.boolean(),
  phase: phaseSchema,
  /** The user's phase override, when one was made (kept in the study index). */
  phaseOverride: z.string().optional(),
  findings: z.array(findingSchema),
  /** Opaque ids for /files/<id>, one per instance, sorted along the normal. */
  fileIds: z.array(z.string()),
  /** Plane positions and the shared pixel format (shared/dicom/volumeOpenInfo); absent: read each header. */
  openInfo: volumeOpenInfoSchema.nullable().optional(),
});

/** A SEG, SR, RTSTRUCT, KO, PR, PDF or RT object of a study (shared/dicom/derivedObject). */
export const derivedSummarySchema = z.object({
  path: z.string(),
  kind: z.enum(['SEG', 'SR', 'RTSTRUCT', 'KO', 'PR', 'PDF', 'RT', 'REG', 'DOC']),
  sopClassUid: z.string(),
  sopInstanceUid: z.string(),
  seriesInstanceUid: z.string(),
  frameOfReferenceUid: z.string(),
  modality: z.string(),
  seriesNumber: z.number(),
  description: z.string(),
  referencedSeriesUids: z.array(z.string()),
  summary: z.string(),
  /** Why LiverPlan cannot use it (one line for the import summary); absent when it can. */
  unusable: z.string().optional(),
});

export const studySummarySchema = z.object({
  studyInstanceUid: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  studyDate: z.string(),
  description: z.string(),
  series: z.array(seriesSummarySchema),
  /** Absent in study indexes written before derived objects were listed. */
  derived: z.array(derivedSummarySchema).optional(),
});

export const scanResultSchema = z.object({
  studies: z.array(studySummarySchema),
  unreadable: z.array(z.object({ path: z.string(), reason: z.string() })),
  /** Extra copies of an instance (same SOP Instance UID) and which file was kept instead. */
  duplicates: z.array(
    z.object({ path: z.string(), keptPath: z.string(), sopInstanceUid: z.string(), difference: z.string().nullable() }),
  ),
  /** Every file given, once: images + duplicates + derived + unreadable = total. */
  accounted: z.object({
    images: z.number(),
    duplicates: z.number(),
    derived: z.number(),
    unreadable: z.number(),
    total: z.number(),
  }),
  filesScanned: z.number(),
  seconds: z.number(),
});
export type DerivedSummary = z.infer<typeof derivedSummarySchema>;
export type SeriesSummary = z.infer<typeof seriesSummarySchema>;
export type StudySummary = z.infer<typeof studySummarySchema>;
export type ScanResult = z.infer<typeof scanResultSchema>;

const pathList = z.array(z.string().min(1).max(4096)).min(1).max(100_000);

export const dicomChannels = {
  /** Scans folders/files (recursive, DICOMDIR aware); progress events topic 'scan-progress' {done, total}. */
  'dicom:scan': defineChannel(
    z.object({ jobId: z.string().min(1).max(100), paths: pathList }).strict(),
    scanResultSchema,
    {
      cancellable: true,
    },
  ),
  /** The persisted study index: what was imported before, without a rescan; missing files flagged. */
  'dicom:index': defineChannel(
    z.object({}).strict(),
    z.object({ studies: z.array(studySummarySchema), missingFiles: z.number() }),
  ),
  /** Keeps the user's phase label for a series across restarts. */
  'dicom:setPhase': defineChannel(
    z.object({ seriesInstanceUid: z.string().min(1).max(128), label: z.string().min(1).max(40) }).strict(),
    z.object({ saved: z.boolean() }),
  ),
};
