import { measureCase } from '../../../shared/case/measureCase';
import { lesionFromClick } from '../../../shared/segment/lesionFromClick';
import { liverFromSeed, type LiverGrowCache } from '../../../shared/segment/liverFromSeed';
import {
  checkLesionPlausibility,
  checkLiverPlausibility,
  uncheckedFinding,
  type PlausibilityFinding,
} from '../../../shared/segment/liverPlausibility';
import { interpolateSlices } from '../../../shared/segment/interpolate';
import { liverBridgeToLesion } from '../../../shared/segment/joinToLiver';
import {
  fillHoles3d,
  fillHolesPerSlice,
  growMm,
  keepLargestComponent,
  shrinkMm,
  smoothMask,
} from '../../../shared/segment/morphology';
import { pasteMask } from '../../../shared/segment/workBox';
import { cropMask, maskBounds, padBox, subGrid } from '../../../shared/volume/crop';
import { regionGrow } from '../../../shared/segment/regionGrow';
import { sameGrid, voxelVolumeMm3, type Grid, type ScalarVolume } from '../../../shared/volume/grid';
import { resampleScalar } from '../../../shared/volume/resample';
import type { CaseStatistics, MaskResult, SegmentJob, SegmentJobResult } from './segmentJobs';

/**
 * In the persistent liver worker: the last volume (by key) and the grow cache of its last click.
 * Reusing the volume object itself is what lets the cache recognise it across messages.
 */
const liverMemo: { key?: string; volume?: ScalarVolume; cache: LiverGrowCache } = { cache: {} };

function liverVolume(job: Extract<SegmentJob, { op: 'liver' }>): ScalarVolume {
  if (job.volumeKey && liverMemo.key === job.volumeKey && liverMemo.volume) return liverMemo.volume;
  Object.assign(liverMemo, { key: job.volumeKey, volume: job.volume, cache: {} });
  return job.volume;
}

const hu = (w: [number, number]) => `${Math.round(w[0])} to ${Math.round(w[1])}`;

/** Runs one job (in the segment worker; plain function so tests call it directly). */
export function runSegmentJob(job: SegmentJob, onProgress: (fraction: number) => void = () => {}): SegmentJobResult {
  switch (job.op) {
    case 'liver': {
      const volume = liverVolume(job);
      const r = liverFromSeed(volume, {
        cache: liverMemo.cache,
        seed: job.seed,
        include: job.include,
        exclude: job.exclude,
        onProgress: (f) => onProgress(0.9 * f),
      });
      // Every liver result is checked before it is shown; findings travel with it.
      const findings = checked(() =>
        checkLiverPlausibility(volume, r.mask, { previousVoxelCount: job.previousVoxelCount }),
      );
      onProgress(1);
      return { mask: r.mask, note: `Liver grown in ${hu(r.window)} HU`, findings } satisfies MaskResult;
    }
    case 'lesion': {
      // Outside a phase reads -1000 (air): never lesion-like, so the grow cannot leak there.
      const phases = job.phases.map((p) =>
        sameGrid(p.volume.grid, job.grid) ? p.volume : resampleScalar(p.volume, job.grid, -1000),
      );
      // Holes in the liver segment (a deleted lesion, an unpainted vessel) are still inside the liver.
      const liverMask = job.liverMask && withSliceHolesFilled(job.liverMask, job.grid);
      const r = lesionFromClick(phases, { click: job.click, line: job.line, liverMask, onProgress });
      const phase = job.phases[r.phaseIndex]?.name ?? `phase ${r.phaseIndex + 1}`;
      // Outside the liver the lesion is the point of the offer ('Add to liver'), not a finding.
      const findings = checked(() =>
        checkLesionPlausibility(job.grid, r.mask, {
          dragLengthMm: job.dragLengthMm,
          liverMask: r.outsideLiver ? undefined : liverMask,
        }),
      );
      return {
        mask: r.mask,
        note: `Lesion segmented on the ${phase} phase, ${hu(r.window)} HU${r.outsideLiver ? ', outside the liver segment' : ''}`,
        findings,
        phase,
        outsideLiver: r.outsideLiver,
      } satisfies MaskResult;
    }
    case 'grow': {
      const r = regionGrow(job.volume, { seeds: job.seeds, smoothingRadiusMm: 1, onProgress });
      return { mask: r.mask, note: `Grown in ${hu(r.window)} HU` } satisfies MaskResult;
    }
    case 'join-liver': {
      const r = liverBridgeToLesion(job.grid, job.liver, job.lesion);
      const ml = (r.count * voxelVolumeMm3(job.grid)) / 1000;
      return {
        mask: r.mask,
        note: `Lesion added to the liver (${ml.toFixed(1)} mL of outline joined)`,
      } satisfies MaskResult;
    }
    case 'mask':
      return { mask: maskOp(job), note: job.action } satisfies MaskResult;
    case 'stats':
      return caseStatistics(job);
  }
}

/** Runs a plausibility check; if the check itself fails, that is said beside the result too. */
function checked(check: () => PlausibilityFinding[]): PlausibilityFinding[] {
  try {
    return check();
  } catch (e) {
    return [uncheckedFinding(e)];
  }
}

/** A mask with its enclosed holes filled slice by slice, worked in the mask's box. */
function withSliceHolesFilled(mask: Uint8Array, grid: Grid): Uint8Array {
  const bounds = maskBounds([mask], grid.dims);
  if (!bounds) return mask;
  const box = padBox(bounds, 1, grid.dims);
  const g = subGrid(grid, box);
  const filled = fillHolesPerSlice(cropMask(mask, grid.dims, box), g.dims);
  return pasteMask(filled, grid.dims, box, mask.slice());
}

function maskOp(job: Extract<SegmentJob, { op: 'mask' }>): Uint8Array {
  const { mask, grid, mm } = job;
  switch (job.action) {
    case 'fill-holes':
      return fillHoles3d(mask, grid.dims);
    case 'remove-islands':
      return keepLargestComponent(mask, grid.dims);
    case 'smooth':
      return smoothMask(mask, grid, mm);
    case 'grow':
      return growMm(mask, grid, mm);
    case 'shrink':
      return shrinkMm(mask, grid, mm);
    case 'interpolate':
      return interpolateSlices(mask, grid);
  }
}

/** The Segment panel's figures: the one case measurement (shared/case/measureCase). */
export function caseStatistics(job: Extract<SegmentJob, { op: 'stats' }>): CaseStatistics {
  return measureCase({
    labels: job.labelmap,
    segments: job.segments,
    phases: job.phases,
    territories: job.territories ?? [],
  });
}
