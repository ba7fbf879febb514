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

const mm = (v: number) => `${Number(v.toFixed(v < 1 ? 2 : 1))} mm`;

/**
 * One line for the viewport overlay when the stack is not a regular orthogonal grid (gantry
 * tilt, uneven slice steps): which grid this view shows and the figures are measured on, so a
 * reading is never taken on the wrong one unknowingly. The viewer shows what the CLI measures:
 * the resampled grid (shared/dicom/regularVolume), unless missing slices refuse the stack, which
 * is then shown as stored. Null for regular stacks.
 */
export function gridNote(info: PlanesInfo): string | null {
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
  if (g.measurable)
    return g.resample.spacing && !g.resample.shear
      ? `Non-uniform slices (${why}) resampled to ${mm(dz)}: shown and measured on this grid`
      : `Resampled to ${mm(dz)} slices (${why}): shown and measured on this grid`;
  return `Acquired slices as stored (${why}), not resampled: slices are missing`;
}
