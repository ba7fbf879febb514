import { labelComponents } from '../volume/components';
import { cropMask, maskBounds, type IndexBox } from '../volume/crop';
import { distanceTransformMm } from '../volume/distance';
import type { Grid, ScalarVolume, Vec3 } from '../volume/grid';
import { subGrid } from '../volume/crop';
import { indexToPatient, voxelVolumeMm3 } from '../volume/grid';
import { segmentStatistics } from '../volume/stats';
import { slicePositionLabel } from '../viewer/slicePosition';

/**
 * Plausibility checks on a semi-automatic result, in the words a clinician reads beside it.
 * Nothing here changes a mask: each finding says what looks wrong, where (slices), and how to
 * fix it. A result with no finding is not proven right; one with a finding is never passed on
 * silently.
 */

export type PlausibilityCode =
  'empty' | 'bone-or-air' | 'thorax' | 'volume-jump' | 'lesion-size' | 'lesion-outside-liver' | 'unchecked';

export interface PlausibilityFinding {
  code: PlausibilityCode;
  /** What looks wrong, in clinical words. */
  message: string;
  /** How to fix it in the app. */
  fix: string;
  /** Slice indices (k, 0-based along the grid's third axis) where it shows, ascending. */
  slices?: number[];
}

/** The finding that stands in when a check itself failed: the result is shown, never passed as checked. */
export function uncheckedFinding(error: unknown): PlausibilityFinding {
  const why = error instanceof Error ? error.message : String(error);
  return {
    code: 'unchecked',
    message: `The plausibility check could not run (${why}).`,
    fix: 'Scroll through the result on every slice before relying on it',
  };
}

export const LIVER_PLAUSIBILITY_DEFAULTS = {
  /** Above this a voxel reads as bone or contrast-dense calcification, never liver parenchyma. */
  boneHu: 300,
  /** Below this a voxel reads as air, lung or fat-air partial volume, never liver. */
  airHu: -200,
  /** Bone or air voxels are tolerated up to this fraction of the mask (partial volume at the rim)... */
  denseFraction: 0.005,
  /** ...and up to this volume in mL, whichever is larger. */
  denseMl: 1,
  /** Lung and gas: connected voxels below this HU inside the body. */
  lungHu: -500,
  /** An air-filled region counts as lung from this volume (mL)... */
  lungMinMl: 10,
  /**
   * ...when its 10th percentile lies above this HU: lung parenchyma reads -900..-600 HU with
   * vessels in it and hardly any voxel at air density; gas in bowel and stomach (and air
   * outside the body) is mostly air, whatever the scanner calls air (-940..-1000 HU).
   */
  lungLowPercentileHu: -930,
  /** Mask voxels this close to lung (mm) lie above the diaphragm (at least one voxel)... */
  thoraxNearMm: 3,
  /**
   * ...unless lung lies straight above them within this distance (mm): that is the liver dome
   * under the lung base, not an organ beside the lung.
   */
  thoraxCapMm: 20,
  /**
   * Flag the thorax when the mask's voxels next to lung exceed this volume (mL): the liver dome
   * meets lung only through the diaphragm, a few voxels of partial volume.
   */
  thoraxMinMl: 4,
  /** A result from a neighbouring seed that differs by more than this fraction is a jump. */
  volumeJump: 0.1,
};

export type LiverPlausibilityOptions = Partial<typeof LIVER_PLAUSIBILITY_DEFAULTS> & {
  /** Voxel count of the previous liver result (a neighbouring seed), if any. */
  previousVoxelCount?: number;
};

const UNDO_FIX = 'Undo (Ctrl+Z) and click deeper inside the liver';
const EXCLUDE_FIX = 'Paint a "not liver" stroke (Alt+drag with the Liver tool) over the leak, or undo (Ctrl+Z)';

const ml = (voxels: number, grid: Grid) => (voxels * voxelVolumeMm3(grid)) / 1000;
const fmtMl = (v: number) => (v >= 10 ? v.toFixed(0) : v.toFixed(1));

/** Checks a whole-liver mask on its image (CT in HU). Returns the findings, empty when none. */
export function checkLiverPlausibility(
  image: ScalarVolume,
  mask: Uint8Array,
  options: LiverPlausibilityOptions = {},
): PlausibilityFinding[] {
  const p = { ...LIVER_PLAUSIBILITY_DEFAULTS, ...options };
  const { grid, data } = image;
  if (mask.length !== data.length) throw new Error(`mask has ${mask.length} voxels, image ${data.length}`);
  const plane = grid.dims[0] * grid.dims[1];
  let count = 0;
  let dense = 0;
  let lo = Infinity;
  let hi = -Infinity;
  const denseSlices = new Set<number>();
  for (let n = 0; n < mask.length; n++) {
    if (!mask[n]) continue;
    count++;
    const h = data[n]!;
    if (h < lo) lo = h;
    if (h > hi) hi = h;
    if (h > p.boneHu || h < p.airHu) {
      dense++;
      denseSlices.add(Math.floor(n / plane));
    }
  }
  if (count === 0)
    return [
      {
        code: 'empty',
        message: 'The liver result is empty.',
        fix: 'Click inside the liver parenchyma, away from vessels and the edge',
      },
    ];
  const findings: PlausibilityFinding[] = [];
  if (dense > Math.max(p.denseFraction * count, (p.denseMl * 1000) / voxelVolumeMm3(grid))) {
    findings.push({
      code: 'bone-or-air',
      message:
        `The liver outline holds ${fmtMl(ml(dense, grid))} mL of bone or air ` +
        `(outside ${p.airHu}..${p.boneHu} HU; it spans ${Math.round(lo)}..${Math.round(hi)} HU) on ${denseSlices.size} slice${denseSlices.size === 1 ? '' : 's'}.`,
      fix: EXCLUDE_FIX,
      slices: [...denseSlices].sort((a, b) => a - b),
    });
  }
  const thorax = thoraxVoxels(image, mask, p);
  if (thorax.voxels > 0 && ml(thorax.voxels, grid) > p.thoraxMinMl) {
    const n = thorax.slices.length;
    findings.push({
      code: 'thorax',
      message: `The liver outline reaches into the chest above the diaphragm (next to lung) on ${n} slice${n === 1 ? '' : 's'}, ${fmtMl(ml(thorax.voxels, grid))} mL.`,
      fix: EXCLUDE_FIX,
      slices: thorax.slices,
    });
  }
  if (p.previousVoxelCount && p.previousVoxelCount > 0) {
    const change = (count - p.previousVoxelCount) / p.previousVoxelCount;
    if (Math.abs(change) > p.volumeJump) {
      findings.push({
        code: 'volume-jump',
        message:
          `The liver volume ${change > 0 ? 'rose' : 'fell'} by ${Math.round(Math.abs(change) * 100)}% against the previous seed ` +
          `(${fmtMl(ml(p.previousVoxelCount, grid))} → ${fmtMl(ml(count, grid))} mL): the result depends on where you clicked.`,
        fix: `${UNDO_FIX}; or correct the larger result with "not liver" strokes (Alt+drag)`,
      });
    }
  }
  return findings;
}

/**
 * Mask voxels next to lung. Lung is found in the image alone: per slice, voxels below lungHu that
 * are not connected to the slice border (air outside the body) form candidate regions; a 3D
 * region is lung when it is large, not mostly air (that is bowel or stomach gas) and lies,
 * on average, cranial to the mask (lung sits above the liver; gas in the colon mostly beside or
 * below it). Work is cropped to the mask's box padded by 30 mm.
 */
function thoraxVoxels(
  image: ScalarVolume,
  mask: Uint8Array,
  p: typeof LIVER_PLAUSIBILITY_DEFAULTS,
): { voxels: number; slices: number[] } {
  const { grid, data } = image;
  const [nx, ny, nz] = grid.dims;
  const bounds = maskBounds([mask], grid.dims);
  if (!bounds) return { voxels: 0, slices: [] };
  const padMm = 30;
  const box: IndexBox = {
    min: [0, 0, Math.max(0, bounds.min[2] - Math.ceil(padMm / grid.spacing[2]))],
    max: [nx - 1, ny - 1, Math.min(nz - 1, bounds.max[2] + Math.ceil(padMm / grid.spacing[2]))],
  };
  // The 3D work is cropped in-plane to the mask's box padded by padMm.
  const padI = Math.ceil(padMm / grid.spacing[0]);
  const padJ = Math.ceil(padMm / grid.spacing[1]);
  const i0 = Math.max(0, bounds.min[0] - padI);
  const i1 = Math.min(nx - 1, bounds.max[0] + padI);
  const j0 = Math.max(0, bounds.min[1] - padJ);
  const j1 = Math.min(ny - 1, bounds.max[1] + padJ);
  const cx = i1 - i0 + 1;
  const cy = j1 - j0 + 1;
  const cz = box.max[2] - box.min[2] + 1;
  // In-body low-density voxels: below lungHu and between body voxels both along their row and
  // along their column of the whole slice (air outside the body, and between the arms and the
  // trunk, is open to the image edge one way or the other).
  const plane = nx * ny;
  const airBox = new Uint8Array(cx * cy * cz);
  const rowFirst = new Int32Array(ny);
  const rowLast = new Int32Array(ny);
  const colFirst = new Int32Array(nx);
  const colLast = new Int32Array(nx);
  for (let kk = 0; kk < cz; kk++) {
    const base = plane * (box.min[2] + kk);
    const body = (n: number) => data[base + n]! >= p.lungHu;
    for (let j = j0; j <= j1; j++) {
      let a = 0;
      while (a < nx && !body(a + nx * j)) a++;
      let b = nx - 1;
      while (b > a && !body(b + nx * j)) b--;
      rowFirst[j] = a;
      rowLast[j] = b;
    }
    for (let i = i0; i <= i1; i++) {
      let a = 0;
      while (a < ny && !body(i + nx * a)) a++;
      let b = ny - 1;
      while (b > a && !body(i + nx * b)) b--;
      colFirst[i] = a;
      colLast[i] = b;
    }
    for (let j = j0; j <= j1; j++) {
      const row = cx * (j - j0 + cy * kk);
      for (let i = i0; i <= i1; i++) {
        if (body(i + nx * j)) continue;
        if (i > rowFirst[j]! && i < rowLast[j]! && j > colFirst[i]! && j < colLast[i]!) airBox[row + i - i0] = 1;
      }
    }
  }
  const fullBox: IndexBox = { min: [i0, j0, box.min[2]], max: [i1, j1, box.max[2]] };
  const g = subGrid(grid, fullBox);
  const maskBox = cropMask(mask, grid.dims, fullBox);
  const [bx, by] = g.dims;
  const bplane = bx * by;
  const comps = labelComponents(airBox, g.dims, 6);
  if (!comps.count) return { voxels: 0, slices: [] };
  // Height along the patient's head direction (LPS: +S) of a voxel of the box.
  const d = g.direction;
  const height = (i: number, j: number, k: number) =>
    g.origin[2] + i * g.spacing[0] * d[2] + j * g.spacing[1] * d[5] + k * g.spacing[2] * d[8];
  let maskHeight = 0;
  let maskCount = 0;
  // Per region, how many voxels lie at or below the lung's low percentile (air-like).
  const airLike = new Float64Array(comps.count + 1);
  const sumHeight = new Float64Array(comps.count + 1);
  for (let n = 0; n < maskBox.length; n++) {
    const c = comps.labels[n]!;
    if (!maskBox[n] && !c) continue;
    const i = n % bx;
    const j = ((n - i) / bx) % by;
    const k = Math.floor(n / bplane);
    const h = height(i, j, k);
    if (maskBox[n]) {
      maskHeight += h;
      maskCount++;
    }
    if (c) {
      sumHeight[c] += h;
      const src = fullBox.min[0] + i + nx * (fullBox.min[1] + j + ny * (fullBox.min[2] + k));
      if (data[src]! <= p.lungLowPercentileHu) airLike[c]++;
    }
  }
  maskHeight /= Math.max(1, maskCount);
  const minVoxels = (p.lungMinMl * 1000) / voxelVolumeMm3(g);
  const isLung = new Uint8Array(comps.count + 1);
  let any = false;
  for (let c = 1; c <= comps.count; c++) {
    const size = comps.sizes[c - 1]!;
    if (size < minVoxels) continue;
    if (airLike[c]! / size > 0.1) continue;
    if (sumHeight[c]! / size < maskHeight) continue;
    isLung[c] = 1;
    any = true;
  }
  if (!any) return { voxels: 0, slices: [] };
  const lung = Uint8Array.from(comps.labels, (c) => isLung[c]!);
  const dist = distanceTransformMm(lung, g);
  const near = Math.max(p.thoraxNearMm, Math.min(...grid.spacing) * 1.01);
  // The liver dome meets lung from below: lung caps it (through the diaphragm) in its own column.
  // Heart, mediastinum and chest wall meet lung from the side. Only uncapped contact counts.
  const up = d[8] >= 0 ? 1 : -1;
  const capSteps = Math.max(1, Math.round(p.thoraxCapMm / g.spacing[2]));
  const capped = (n: number) => {
    const k = Math.floor(n / bplane);
    for (let s = 1; s <= capSteps; s++) {
      const kk = k + up * s;
      // Beyond the image nothing is known: a scan cut at the dome is not evidence of a leak.
      if (kk < 0 || kk >= g.dims[2]) return true;
      if (lung[n + up * s * bplane]) return true;
    }
    return false;
  };
  let voxels = 0;
  const slices = new Set<number>();
  for (let n = 0; n < maskBox.length; n++) {
    if (!maskBox[n] || dist[n]! > near) continue;
    if (!lung[n] && capped(n)) continue;
    voxels++;
    slices.add(fullBox.min[2] + Math.floor(n / bplane));
  }
  return { voxels, slices: [...slices].sort((a, b) => a - b) };
}

export interface LesionPlausibilityOptions {
  /** Length (mm) of the drag across the lesion's long axis, when the user dragged. */
  dragLengthMm?: number;
  /** The liver segment (0/1 on the lesion's grid), when one exists. */
  liverMask?: Uint8Array;
  /** The lesion's diameter may exceed the drag by this factor before it is flagged. */
  diameterFactor?: number;
  /** Fraction of the lesion outside the liver tolerated (partial volume at the capsule). */
  outsideFraction?: number;
}

/** Checks a lesion result against the drag that asked for it and the liver segment. */
export function checkLesionPlausibility(
  grid: Grid,
  lesion: Uint8Array,
  options: LesionPlausibilityOptions = {},
): PlausibilityFinding[] {
  const factor = options.diameterFactor ?? 1.5;
  const outsideTolerated = options.outsideFraction ?? 0.1;
  let count = 0;
  let outside = 0;
  const outsideSlices = new Set<number>();
  const plane = grid.dims[0] * grid.dims[1];
  for (let n = 0; n < lesion.length; n++) {
    if (!lesion[n]) continue;
    count++;
    if (options.liverMask && !options.liverMask[n]) {
      outside++;
      outsideSlices.add(Math.floor(n / plane));
    }
  }
  if (count === 0)
    return [
      {
        code: 'empty',
        message: 'Nothing was segmented as lesion.',
        fix: 'Click the lesion centre, or drag across its longest axis',
      },
    ];
  const findings: PlausibilityFinding[] = [];
  const drag = options.dragLengthMm;
  if (drag && drag > 0) {
    const [stats] = segmentStatistics({ grid, data: lesion }, [], [1]);
    const diameter = stats?.maxDiameter3dMm ?? 0;
    const volumeMl = ml(count, grid);
    // A sphere of the drag length, inflated by the same factor, bounds a plausible volume.
    const sphereMl = ((Math.PI / 6) * (factor * drag) ** 3) / 1000;
    if (diameter > factor * drag + 2 * Math.max(...grid.spacing) || volumeMl > sphereMl) {
      findings.push({
        code: 'lesion-size',
        message: `The lesion came out ${diameter.toFixed(0)} mm across (${fmtMl(volumeMl)} mL) for a ${drag.toFixed(0)} mm drag: it has probably spread into vessels or neighbouring tissue.`,
        fix: 'Undo (Ctrl+Z) and drag again across the lesion, edge to edge; or trim it with the eraser',
      });
    }
  }
  if (options.liverMask && options.liverMask.some(Boolean) && outside > outsideTolerated * count) {
    const n = outsideSlices.size;
    findings.push({
      code: 'lesion-outside-liver',
      message: `${Math.round((100 * outside) / count)}% of the lesion (${fmtMl(ml(outside, grid))} mL) lies outside the liver segment, on ${n} slice${n === 1 ? '' : 's'}.`,
      fix: 'If it is a liver tumour the liver outline left out, press "Add to liver"; otherwise undo (Ctrl+Z)',
      slices: [...outsideSlices].sort((a, b) => a - b),
    });
  }
  return findings;
}

/**
 * Where flagged slices lie, as runs of consecutive slices in the viewer's position words
 * ('S 94.3 mm – S 120.3 mm'), so the reader can scroll there by the overlay's readout.
 */
export function sliceRuns(grid: Grid, slices: readonly number[]): string[] {
  const sorted = [...new Set(slices)].sort((a, b) => a - b);
  const normal = grid.direction.slice(6, 9) as Vec3;
  const at = (k: number) =>
    slicePositionLabel(indexToPatient(grid, (grid.dims[0] - 1) / 2, (grid.dims[1] - 1) / 2, k), normal);
  const runs: string[] = [];
  for (let s = 0; s < sorted.length;) {
    let e = s;
    while (e + 1 < sorted.length && sorted[e + 1] === sorted[e]! + 1) e++;
    runs.push(s === e ? at(sorted[s]!) : `${at(sorted[s]!)} – ${at(sorted[e]!)}`);
    s = e + 1;
  }
  return runs;
}
