import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { unzlibSync, zlibSync } from 'fflate';
import type {
  PracticeAttemptMessage,
  PracticeRecord,
  PracticeSubmitResult,
} from '../../../shared/ipc/channels/practice';
import {
  findPracticeTask,
  practiceTasksFor,
  progressSeries,
  scoreAttempt,
  type AttemptLabels,
  type ReferenceMasks,
} from '../../../shared/practice/index';
import { voxelCount, type Grid } from '../../../shared/volume/grid';
import { ServiceError } from '../handlerTypes';
import { listSamples } from '../samples/materialiseSample';
import { createAttemptHistory } from './attemptHistory';
import { loadReference, loadSampleTruth, type SampleTruth } from './loadReference';

export interface SubmitRequest {
  sample: string;
  taskId: string;
  attempt?: PracticeAttemptMessage;
  activityGBq?: number;
}

/**
 * Practice mode on the host: tasks from the sample's truth, scoring against the reference (which
 * never leaves this process before a submission), and the attempt history in <userData>/practice.
 * Samples share the samples handlers' cache (<userData>/samples).
 */
export function createPracticeService(userDataDir: string, now: () => Date = () => new Date()) {
  const cacheDir = join(userDataDir, 'samples');
  const history = createAttemptHistory(join(userDataDir, 'practice'));
  const truths = new Map<string, Promise<SampleTruth>>();
  /** The last reference read (SEG resampling costs about a second on a sample case): key sample + grid. */
  let lastReference: { key: string; masks: Promise<ReferenceMasks> } | null = null;

  function referenceOn(sample: string, source: SampleTruth, grid: Grid): Promise<ReferenceMasks> {
    const key = `${sample}|${JSON.stringify(grid)}`;
    if (lastReference?.key !== key) {
      const masks = loadReference(source, grid);
      lastReference = { key, masks };
      masks.catch(() => {
        if (lastReference?.masks === masks) lastReference = null;
      });
    }
    return lastReference.masks;
  }

  function truthOf(sample: string, signal?: AbortSignal): Promise<SampleTruth> {
    if (!listSamples().some((s) => s.name === sample)) {
      throw new ServiceError('unknown-sample', `There is no sample case called '${sample}'.`);
    }
    let t = truths.get(sample);
    if (!t) {
      t = loadSampleTruth(sample, cacheDir, signal);
      truths.set(sample, t);
      t.catch(() => truths.delete(sample));
    }
    return t;
  }

  async function tasks(sample: string, signal?: AbortSignal) {
    const { truth } = await truthOf(sample, signal);
    return { sample, tasks: practiceTasksFor(truth) };
  }

  async function submit(req: SubmitRequest, signal?: AbortSignal): Promise<PracticeSubmitResult> {
    const source = await truthOf(req.sample, signal);
    const task = findPracticeTask(source.truth, req.taskId);
    if (!task) throw new ServiceError('unknown-task', `Sample '${req.sample}' has no practice task '${req.taskId}'.`);
    if (task.kind !== 'y90-activity' && !req.attempt) {
      throw new ServiceError('no-attempt', 'There is no segmentation to score: segment the case first, then submit.');
    }
    if (task.kind === 'y90-activity' && req.activityGBq === undefined) {
      throw new ServiceError('no-activity', 'Enter the activity you computed (GBq) before submitting.');
    }
    const attempt = req.attempt ? decodeAttempt(req.attempt) : undefined;
    const grid = attempt?.grid ?? source.truth.grid;
    const reference = await referenceOn(req.sample, source, grid);
    signal?.throwIfAborted();
    const outcome = scoreAttempt({
      task,
      reference,
      truth: {
        liverMl: source.truth.liverVolumeMl,
        tumourMl: source.truth.tumourVolumeMl,
        lesions: source.truth.lesions.map((l) => ({
          id: l.id,
          centreLps: l.centreLps,
          diameterMm: l.diameterMm,
          lobe: l.lobe,
        })),
      },
      ...(attempt ? { attempt } : {}),
      ...(req.activityGBq !== undefined ? { activityGBq: req.activityGBq } : {}),
    });
    const record: PracticeRecord = {
      attemptId: randomUUID(),
      submittedAt: now().toISOString(),
      sample: req.sample,
      taskId: task.id,
      taskTitle: task.title,
      headline: outcome.scores.headline,
      scores: outcome.scores,
    };
    await history.add(record);
    return {
      ...record,
      errorMapZlib: outcome.errorMap ? encodeMask(outcome.errorMap) : null,
      referenceZlib: outcome.reference ? encodeMask(outcome.reference) : null,
    };
  }

  async function attempts() {
    const all = await history.list();
    return { attempts: [...all].reverse(), series: progressSeries(all) };
  }

  return { tasks, submit, attempts, historyFile: history.file };
}

/** A feedback mask for the renderer: zlib keeps a whole-grid Uint8 mask to a few kB on the wire. */
export function encodeMask(mask: Uint8Array): Uint8Array {
  return zlibSync(mask, { level: 6 });
}

/** The attempt message back to labels on its grid; size mismatches are the renderer's bug, said plainly. */
export function decodeAttempt(msg: PracticeAttemptMessage): AttemptLabels {
  let raw: Uint8Array;
  try {
    raw = unzlibSync(msg.labelsZlib);
  } catch {
    throw new ServiceError(
      'invalid-attempt',
      'The segmentation arrived damaged and could not be scored; submit again.',
    );
  }
  const n = voxelCount(msg.grid);
  if (raw.byteLength !== n * msg.bytesPerVoxel) {
    throw new ServiceError(
      'invalid-attempt',
      `The segmentation has ${raw.byteLength} bytes but its grid needs ${n * msg.bytesPerVoxel}; submit again.`,
    );
  }
  const labels =
    msg.bytesPerVoxel === 1 ? raw : Uint16Array.from({ length: n }, (_, v) => raw[2 * v]! | (raw[2 * v + 1]! << 8));
  return { grid: msg.grid, labels, segments: msg.segments };
}
