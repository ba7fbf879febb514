import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  CASE_LAYOUT,
  generateCaseTo,
  listSampleCases,
  type CaseSize,
  type CaseTruth,
} from '../../../shared/sample/index';

/**
 * Bumped whenever the generator's output changes, so caches written by an
 * older build are regenerated instead of served stale.
 */
export const SAMPLE_GENERATOR_VERSION = 4;

export interface SampleSummary {
  name: string;
  title: string;
  description: string;
  difficulty: string;
  modality: string;
}

export interface MaterialisedSample {
  /** The case folder: dicom/ and truth/ inside. */
  caseDir: string;
  /** The DICOM study to import (what "Open sample case" opens). */
  folder: string;
  /** truth/truth.json: volumes, lesion count, burden, lesion centres. */
  truthFile: string;
  /** truth/seg.dcm: the ground-truth DICOM SEG. */
  segFile: string;
  /** False when the cache already held the case. */
  generated: boolean;
}

export interface MaterialiseOptions {
  /** Parent of the per-case cache folders (e.g. <userData>/samples). */
  cacheDir: string;
  size?: CaseSize;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number; what: string }) => void;
}

export function listSamples(): SampleSummary[] {
  return listSampleCases().map(({ name, title, description, difficulty, modality }) => ({
    name,
    title,
    description,
    difficulty,
    modality,
  }));
}

const inFlight = new Map<string, Promise<MaterialisedSample>>();

/**
 * Returns the folder of a sample case, generating it on first use. Files go
 * to a temporary sibling folder that is renamed into place only when
 * complete, so a crash or cancel never leaves a half-written case behind,
 * and two concurrent requests share one generation.
 */
export function materialiseSample(name: string, options: MaterialiseOptions): Promise<MaterialisedSample> {
  if (!listSampleCases().some((c) => c.name === name)) {
    return Promise.reject(new Error(`Unknown sample case '${name}'`));
  }
  const size = options.size ?? 'normal';
  const caseDir = join(options.cacheDir, `${name}${size === 'normal' ? '' : `-${size}`}-v${SAMPLE_GENERATOR_VERSION}`);
  const pending = inFlight.get(caseDir);
  if (pending) return pending;
  const job = materialise(name, caseDir, size, options).finally(() => inFlight.delete(caseDir));
  inFlight.set(caseDir, job);
  return job;
}

async function materialise(
  name: string,
  caseDir: string,
  size: CaseSize,
  options: MaterialiseOptions,
): Promise<MaterialisedSample> {
  const result = (generated: boolean): MaterialisedSample => ({ ...caseFiles(caseDir), generated });
  if (await exists(join(caseDir, CASE_LAYOUT.truthFile))) return result(false);
  try {
    await writeSample(name, caseDir, {
      size,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } catch (e) {
    // Another process finished first: keep its copy (identical bytes anyway).
    if (e instanceof TargetExistsError && (await exists(join(caseDir, CASE_LAYOUT.truthFile)))) return result(false);
    throw e;
  }
  return result(true);
}

/** Paths of the parts of a case folder. */
export function caseFiles(caseDir: string): Omit<MaterialisedSample, 'generated'> {
  return {
    caseDir,
    folder: join(caseDir, CASE_LAYOUT.dicomDir),
    truthFile: join(caseDir, CASE_LAYOUT.truthFile),
    segFile: join(caseDir, CASE_LAYOUT.segFile),
  };
}

export class TargetExistsError extends Error {}

/**
 * Generates a case into `targetDir`, which must not exist yet: files go to a
 * temporary sibling that is renamed into place when complete (atomic on one
 * file system); on failure or cancel the temporary folder is removed.
 */
export async function writeSample(
  name: string,
  targetDir: string,
  options: Omit<MaterialiseOptions, 'cacheDir'> = {},
): Promise<CaseTruth> {
  if ((await readdir(targetDir).catch(() => [])).length > 0) throw new TargetExistsError(`${targetDir} already exists`);
  const parent = dirname(targetDir);
  await mkdir(parent, { recursive: true });
  const tmp = join(parent, `.tmp-${basename(targetDir)}-${process.pid}-${randomUUID()}`);
  const made = new Set<string>();
  try {
    const truth = await generateCaseTo(
      name,
      async (path, bytes) => {
        const file = join(tmp, ...path.split('/'));
        const dir = dirname(file);
        if (!made.has(dir)) {
          await mkdir(dir, { recursive: true });
          made.add(dir);
        }
        await writeFile(file, bytes);
      },
      {
        size: options.size ?? 'normal',
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (done, total, what) => options.onProgress?.({ done, total, what }),
      },
    );
    try {
      await rename(tmp, targetDir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'EISDIR' || code === 'EPERM') {
        throw new TargetExistsError(`${targetDir} already exists`);
      }
      throw e;
    }
    return truth;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
