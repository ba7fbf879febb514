import { z } from 'zod';
import { codeSchema, segmentKinds, segmentSchema } from '../../case/model';
import { bytesSchema } from '../binary';
import { defineChannel } from '../define';

const finite = z.number().finite();
const dim = z.number().int().min(1).max(4096);
const positive = finite.positive().max(1000);
/** Larger grids are refused before any work (a byte per voxel, several copies while importing). */
export const MAX_LABEL_GRID_VOXELS = 2 ** 28;

/** The case reference grid (shared/volume/grid Grid) the file is placed on. */
export const referenceGridSchema = z
  .object({
    dims: z.tuple([dim, dim, dim]),
    spacing: z.tuple([positive, positive, positive]),
    origin: z.tuple([finite, finite, finite]),
    direction: z.tuple([finite, finite, finite, finite, finite, finite, finite, finite, finite]),
  })
  .strict()
  .refine((g) => g.dims[0] * g.dims[1] * g.dims[2] <= MAX_LABEL_GRID_VOXELS, 'grid too large')
  .refine(
    (g) => [0, 3, 6].every((a) => Math.abs(Math.hypot(...g.direction.slice(a, a + 3)) - 1) < 1e-3),
    'direction cosines must be unit vectors',
  );

const path = z.string().min(1).max(4096);
const uid = z.string().max(128);
const color = z.tuple([
  z.number().int().min(0).max(255),
  z.number().int().min(0).max(255),
  z.number().int().min(0).max(255),
]);

export const importedSegmentSchema = z.object({
  index: z.number().int().min(1).max(255),
  sourceNumber: z.number().int(),
  name: z.string(),
  kind: z.enum(segmentKinds),
  category: codeSchema,
  type: codeSchema,
  color,
  voxels: z.number(),
  lostVoxels: z.number(),
});

export const labelsImportResultSchema = z.object({
  format: z.enum(['seg', 'nifti', 'rtstruct']),
  fileName: z.string(),
  segments: z.array(importedSegmentSchema),
  /** The file on the reference grid, one label per voxel (values = segment index): gzip NIfTI bytes. */
  labels: bytesSchema(512 * 1024 * 1024, 'The imported labelmap'),
  /** Voxels claimed by more than one segment of the file (the later segment kept them). */
  overlapVoxels: z.number(),
  /** Segments with no voxel inside the image (left out). */
  outside: z.array(z.string()),
  /** Things the user should know about how the file was placed. */
  notes: z.array(z.string()),
});
export type LabelsImportResult = z.infer<typeof labelsImportResultSchema>;

const srRowSchema = z.object({
  group: z.number(),
  trackingId: z.string(),
  trackingUid: z.string(),
  finding: codeSchema.optional(),
  findingSite: codeSchema.optional(),
  name: codeSchema,
  value: z.number().nullable(),
  unit: codeSchema.optional(),
  qualifier: codeSchema.optional(),
  derivation: codeSchema.optional(),
  method: codeSchema.optional(),
});
/** shared/sr/readSrMeasurements SrMeasurementList. */
export const srMeasurementListSchema = z.object({
  title: z.string(),
  template: z.string(),
  groups: z.number(),
  rows: z.array(srRowSchema),
});

export const labelsChannels = {
  /**
   * The measurements of a TID 1500 SR the study index lists (another tool's or
   * ours), for the study browser's "Show measurements"; refused with the
   * reason when the SR is not a measurement report.
   */
  'labels:srMeasurements': defineChannel(z.object({ path }).strict(), srMeasurementListSchema),
  /**
   * Reads a DICOM SEG or NIfTI labelmap the user picked (dialog:pickFile) and
   * places it on the reference grid: SEG of another frame of reference,
   * unreadable files and files outside the image are refused with a reason.
   */
  'labels:import': defineChannel(
    z.object({ path, referenceGrid: referenceGridSchema, frameOfReferenceUid: uid.optional() }).strict(),
    labelsImportResultSchema,
  ),
  /**
   * Writes the case labelmap (label values = segment labels) as .nii.gz to a
   * path picked with dialog:pickSavePath, atomically, plus a sidecar JSON of
   * label -> name, kind, codes, colour and voxel count.
   */
  'labels:exportNifti': defineChannel(
    z
      .object({
        path,
        /** gzip NIfTI of the case labelmap (bytes). */
        labels: bytesSchema(512 * 1024 * 1024, 'The labelmap to export'),
        segments: z.array(segmentSchema).max(255),
        frameOfReferenceUid: uid.optional(),
        referenceSeriesUid: uid.optional(),
      })
      .strict(),
    z.object({ path: z.string(), sidecarPath: z.string(), bytes: z.number(), labels: z.number() }),
  ),
};
