import { z } from 'zod';
import type { PracticeScores, PracticeTask, ProgressSeries } from '../../practice/index';
import { bytesSchema } from '../binary';
import { defineChannel } from '../define';

const vec3 = z.tuple([z.number(), z.number(), z.number()]);
export const gridSchema = z.object({
  dims: z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]),
  spacing: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
  origin: vec3,
  direction: z.tuple([
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
  ]),
});

const sample = z.string().min(1).max(64);
const isObject = (v: unknown) => typeof v === 'object' && v !== null;
/** Compressed masks are far smaller; this only bounds what a broken sender could make the other side hold. */
const MASK_MAX_BYTES = 256 * 1024 * 1024;

/** The trainee's labelmap: zlib-compressed (fflate) voxel bytes, plus the segment kinds. */
export const practiceAttemptSchema = z.object({
  grid: gridSchema,
  /** 1: Uint8 labels; 2: Uint16 little-endian. */
  bytesPerVoxel: z.union([z.literal(1), z.literal(2)]),
  labelsZlib: bytesSchema(MASK_MAX_BYTES, 'The attempt labelmap'),
  segments: z.array(z.object({ label: z.number().int().min(1).max(65535), kind: z.string().max(32) })).max(1000),
});
export type PracticeAttemptMessage = z.infer<typeof practiceAttemptSchema>;

export const practiceRecordSchema = z.object({
  attemptId: z.string(),
  submittedAt: z.string(),
  sample: z.string(),
  taskId: z.string(),
  taskTitle: z.string(),
  headline: z.object({
    label: z.string(),
    value: z.number().nullable(),
    unit: z.string(),
    higherIsBetter: z.boolean(),
  }),
  scores: z.custom<PracticeScores>(isObject),
});
export type PracticeRecord = z.infer<typeof practiceRecordSchema>;

/** A scored attempt with its feedback masks (null when the task has none, e.g. dosimetry). */
export const practiceSubmitResultSchema = practiceRecordSchema.extend({
  errorMapZlib: bytesSchema(MASK_MAX_BYTES, 'The error map').nullable(),
  referenceZlib: bytesSchema(MASK_MAX_BYTES, 'The reference mask').nullable(),
});
export type PracticeSubmitResult = z.infer<typeof practiceSubmitResultSchema>;

export const practiceChannels = {
  /** The tasks of a sample case (the case is materialised on first use; no reference data). */
  'practice:tasks': defineChannel(
    z.object({ jobId: z.string().min(1).max(100), sample }).strict(),
    z.object({ sample: z.string(), tasks: z.array(z.custom<PracticeTask>(isObject)) }),
    { cancellable: true },
  ),
  /**
   * Scores an attempt against the reference the host keeps; only now does the reference leave
   * the host: the FP/FN map and the task's reference mask (zlib-compressed bytes, Uint8 on the attempt grid).
   */
  'practice:submit': defineChannel(
    z
      .object({
        jobId: z.string().min(1).max(100),
        sample,
        taskId: z.string().min(1).max(100),
        attempt: practiceAttemptSchema.optional(),
        activityGBq: z.number().min(0).max(100).optional(),
      })
      .strict(),
    practiceSubmitResultSchema,
    { cancellable: true },
  ),
  /** Stored attempts (newest first) and the progress series per sample and task. */
  'practice:history': defineChannel(
    z.object({}).strict(),
    z.object({ attempts: z.array(practiceRecordSchema), series: z.array(z.custom<ProgressSeries>(isObject)) }),
  ),
};
