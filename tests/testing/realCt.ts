import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSeriesVolume } from '../../electron/services/dicom/loadSeries';
import { distanceTransformMm } from '../../shared/volume/distance';
import type { Grid, ScalarVolume } from '../../shared/volume/grid';
import { sameGrid } from '../../shared/volume/grid';
import { decodeNifti, decodeNiftiLabelmap } from '../../shared/volume/nifti';
import { resampleLabelmap } from '../../shared/volume/resample';

/**
 * The real CT and MR with TotalSegmentator labels that sit beside the checkout in
 * ../shared/data/real-ct (see its README: Wasserthal et al., Radiology: AI 2023; CC BY 4.0).
 * Tests and benchmarks read them from there; nothing is copied into the product.
 */
export const REAL_CT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/real-ct');

/** TotalSegmentator "total" label values used here. */
export const TS_LABEL = {
  spleen: 1,
  kidneyRight: 2,
  kidneyLeft: 3,
  gallbladder: 4,
  liver: 5,
  stomach: 6,
  pancreas: 7,
  aorta: 52,
  ivc: 63,
  portalVein: 64,
} as const;

export interface RealCase {
  name: string;
  image: ScalarVolume;
  /** TotalSegmentator label map on the image's grid. */
  labels: Uint8Array;
  /** Liver (label 5) as 0/1. */
  liver: Uint8Array;
  modality: 'CT' | 'MR';
}

export function realCtAvailable(): boolean {
  return existsSync(join(REAL_CT_DIR, 'README.md'));
}

function onGrid(labelsFile: string, grid: Grid): Uint8Array {
  const lm = decodeNiftiLabelmap(readFileSync(labelsFile));
  const data = sameGrid(lm.grid, grid, 0.05) ? lm.data : resampleLabelmap(lm, grid).data;
  return Uint8Array.from(data);
}

function withLiver(name: string, image: ScalarVolume, labels: Uint8Array, modality: 'CT' | 'MR'): RealCase {
  return { name, image, labels, liver: Uint8Array.from(labels, (v) => (v === TS_LABEL.liver ? 1 : 0)), modality };
}

/** Siemens slab: 512x512x20 JPEG 2000 DICOM, loaded as a user would (our DICOM loader). */
export async function loadSiemensSlab(): Promise<RealCase> {
  const dir = join(REAL_CT_DIR, 'abdomen-slab-siemens');
  const { volume } = await loadSeriesVolume(join(dir, 'dicom'));
  return withLiver('siemens-slab', volume, onGrid(join(dir, 'labels-totalsegmentator.nii.gz'), volume.grid), 'CT');
}

/** 3 mm abdominal CT crop (NIfTI), 30 slices, with labels. */
export function loadCrop3mm(): RealCase {
  const dir = join(REAL_CT_DIR, 'abdomen-3mm');
  const image = decodeNifti(readFileSync(join(dir, 'ct-crop.nii.gz')));
  return withLiver('crop-3mm', image, onGrid(join(dir, 'ct-crop-labels-totalsegmentator.nii.gz'), image.grid), 'CT');
}

/** 3 mm abdominal MR (NIfTI), 20 slices, with TotalSegmentator MR labels (liver = 5). */
export function loadMr3mm(): RealCase {
  const dir = join(REAL_CT_DIR, 'abdomen-mr-3mm');
  const image = decodeNifti(readFileSync(join(dir, 'mr.nii.gz')));
  return withLiver('mr-3mm', image, onGrid(join(dir, 'mr-labels-totalsegmentator.nii.gz'), image.grid), 'MR');
}

/** The same patient as the crop, 112 slices at 3 mm, unlabelled (background for insertion). */
export function loadUnlabelled3mm(): ScalarVolume {
  return decodeNifti(readFileSync(join(REAL_CT_DIR, 'abdomen-3mm', 'ct-unlabelled.nii.gz')));
}

/** Seeds spread evenly over the reference liver voxels at least depthMm from its surface. */
export function deepSeeds(liver: Uint8Array, grid: Grid, count: number, depthMm = 15): number[] {
  const outside = Uint8Array.from(liver, (v) => (v ? 0 : 1));
  const depth = distanceTransformMm(outside, grid);
  const deep: number[] = [];
  for (let n = 0; n < liver.length; n++) if (liver[n] && depth[n]! >= depthMm) deep.push(n);
  return Array.from(
    { length: Math.min(count, deep.length) },
    (_, i) => deep[Math.floor(((i + 0.5) * deep.length) / count)]!,
  );
}
