import { looksLikeCt } from '../volume/looksLikeCt';
import type { Grid, ScalarVolume } from '../volume/grid';

/** CT values no lesion has: air below, bone (or metal) above. */
export const CLICK_HU_LIMITS = { air: -500, bone: 400 } as const;

export interface LesionClick {
  /** Flat voxel index the lesion is grown from (the drag's midpoint for a drag). */
  click: number;
  /** Expected diameter (mm): the drag's length; null for a plain click. */
  diameterMm: number | null;
}

/**
 * Checks a click or a drag across a lesion and turns it into one start voxel and a size prior.
 * A drag wins over a click (its midpoint is the click). Throws a message a clinician can act on
 * when the point lies outside the image or on air or bone on every phase (CT only: MR has no HU).
 */
export function resolveLesionClick(
  phases: ScalarVolume[],
  input: { click?: number; line?: [number, number] },
): LesionClick {
  const grid = phases[0]!.grid;
  const total = grid.dims[0] * grid.dims[1] * grid.dims[2];
  const inside = (n: number | undefined): n is number => Number.isInteger(n) && n! >= 0 && n! < total;
  let click: number;
  let diameterMm: number | null = null;
  if (input.line) {
    const [a, b] = input.line;
    if (!inside(a) || !inside(b)) throw new Error('The drag across the lesion runs outside the image: drag within it.');
    const pa = ijk(grid, a);
    const pb = ijk(grid, b);
    diameterMm = Math.hypot(...pa.map((v, t) => (v - pb[t]!) * grid.spacing[t]!));
    if (diameterMm < 2 * Math.min(...grid.spacing))
      throw new Error('The drag across the lesion is too short: drag from edge to edge along its long axis.');
    const mid = pa.map((v, t) => Math.round((v + pb[t]!) / 2));
    click = mid[0]! + grid.dims[0] * (mid[1]! + grid.dims[1] * mid[2]!);
  } else {
    if (!inside(input.click)) throw new Error('The lesion click lies outside the image: click inside the lesion.');
    click = input.click;
  }
  const values = phases.map((ph) => centreMedian(ph, click));
  const shown = values.map((v) => Math.round(v)).join(' / ');
  // Values this negative exist only in CT.
  if (values.every((v) => v < CLICK_HU_LIMITS.air))
    throw new Error(`The lesion click lies on air (${shown} HU), not in tissue: click inside the lesion.`);
  if (phases.some(looksLikeCt)) {
    if (values.every((v) => v > CLICK_HU_LIMITS.bone))
      throw new Error(`The lesion click lies on bone or metal (${shown} HU): click inside the lesion.`);
  }
  return { click, diameterMm };
}

/** Radius (mm) a dragged lesion may reach from the drag's midpoint: the long axis plus a margin. */
export function lesionSizeCap(diameterMm: number): number {
  return Math.max(0.6 * diameterMm + 2, diameterMm / 2 + 3);
}

export function ijk(grid: Grid, n: number): [number, number, number] {
  const [nx, ny] = grid.dims;
  return [n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny))];
}

/** Median of the click voxel and its in-plane 3x3 neighbours: one noisy voxel is not the tissue. */
function centreMedian(ph: ScalarVolume, n: number): number {
  const [nx, ny] = ph.grid.dims;
  const [i, j] = ijk(ph.grid, n);
  const v: number[] = [];
  for (let dj = -1; dj <= 1; dj++)
    for (let di = -1; di <= 1; di++) {
      const ii = i + di;
      const jj = j + dj;
      if (ii >= 0 && jj >= 0 && ii < nx && jj < ny) v.push(ph.data[n + di + nx * dj]!);
    }
  v.sort((a, b) => a - b);
  return v[v.length >> 1]!;
}
