import { stackGeometry, type SlicePlane } from '../dicom/stackGeometry';
import type { Vec3 } from '../volume/grid';

/** The planes a viewer series knows before loading (VolumeOpenInfo's shape). */
export interface PlanesInfo {
  rows: number;
  columns: number;
  orientation: [number, number, number, number, number, number];
  pixelSpacing: [number, number];
  positions: Vec3[];
}

/** Which grid the viewport shows: the stored slices as stacked, or the regular resampled grid. */
export type ShownGrid = 'acquired' | 'resampled';

const mm = (v: number) => `${Number(v.toFixed(v < 1 ? 2 : 1))} mm`;

/**
 * One line for the viewport overlay when the stack is not a regular orthogonal grid (gantry
 * tilt, uneven slice steps): what the resampled grid is and which grid this view shows, so a
 * reading or measurement is never taken on the wrong one unknowingly. Null for regular stacks.
 */
export function gridNote(info: PlanesInfo, shown: ShownGrid): string | null {
  if (info.positions.length < 2) return null;
  const planes: SlicePlane[] = info.positions.map((position) => ({
    position,
    orientation: info.orientation,
    pixelSpacing: info.pixelSpacing,
    rows: info.rows,
    columns: info.columns,
  }));
  const g = stackGeometry(planes);
  if (!g.resample.shear && !g.resample.spacing) return null;
  const dz = g.grid.spacing[2];
  const span = g.offsets[g.offsets.length - 1]!;
  const last = g.shear[g.shear.length - 1]!;
  const tiltDeg = span > 0 ? (Math.atan(Math.hypot(last[0], last[1]) / span) * 180) / Math.PI : 0;
  const steps = [...new Set(g.offsets.slice(1).map((z, n) => Number((z - g.offsets[n]!).toFixed(1))))]
    .filter((s) => s > 0)
    .sort((a, b) => a - b);
  const why = [
    g.resample.shear ? `gantry tilt ${Number(tiltDeg.toFixed(1))}°` : null,
    g.resample.spacing ? `slice steps ${steps.map((s) => `${s}`).join('/')} mm` : null,
  ]
    .filter(Boolean)
    .join(', ');
  if (shown === 'resampled')
    return g.resample.spacing && !g.resample.shear
      ? `Non-uniform slices (${why}) resampled to ${mm(dz)}`
      : `Resampled to ${mm(dz)} slices (${why})`;
  return `Acquired slices as stored (${why}), not resampled: measure on the ${mm(dz)} resampled grid (CLI)`;
}
