import { readFile } from 'node:fs/promises';
import type { ReferenceMasks } from '../../../shared/practice/index';
import type { CaseTruth } from '../../../shared/sample/index';
import { readSeg } from '../../../shared/seg/readSeg';
import { decodeSegFrames } from '../dicom/decodeSegFrames';
import type { Grid } from '../../../shared/volume/grid';
import { materialiseSample } from '../samples/materialiseSample';

export interface SampleTruth {
  truth: CaseTruth;
  segFile: string;
}

/** The truth of a sample case (materialised into cacheDir on first use): host side only. */
export async function loadSampleTruth(sample: string, cacheDir: string, signal?: AbortSignal): Promise<SampleTruth> {
  const m = await materialiseSample(sample, { cacheDir, ...(signal ? { signal } : {}) });
  const truth = JSON.parse(await readFile(m.truthFile, 'utf8')) as CaseTruth;
  return { truth, segFile: m.segFile };
}

/**
 * The reference masks on the attempt grid: the truth SEG resampled through patient space
 * (readSeg), so an attempt drawn on any series of the frame of reference is compared in place.
 * Frames compressed with an image codec are decoded first, as the app's import does.
 */
export async function loadReference(source: SampleTruth, grid: Grid): Promise<ReferenceMasks> {
  const bytes = new Uint8Array(await readFile(source.segFile));
  const seg = readSeg(bytes, grid, await decodeSegFrames(bytes));
  const liverNumber = source.truth.segments.find((s) => s.name === 'Liver')?.label;
  const liverAt = seg.segments.findIndex((s) => s.number === liverNumber);
  if (liverAt < 0) throw new Error('the truth SEG has no liver segment');
  const lesions = source.truth.lesions.map((l) => {
    const at = seg.segments.findIndex((s) => s.number === l.segmentNumber);
    if (at < 0) throw new Error(`the truth SEG has no segment for lesion ${l.id}`);
    return { id: l.id, mask: seg.masks[at]!.data as Uint8Array };
  });
  return { grid: seg.grid, liver: seg.masks[liverAt]!.data as Uint8Array, lesions };
}
