import { patientToIndex, type Grid, type Vec3 } from './grid';

/** One applicator placement with its zone size (from a device entry). */
export interface Applicator {
  /** Skin entry point and tip, LPS mm. */
  entry: Vec3;
  tip: Vec3;
  longAxisMm: number;
  shortAxisMm: number;
  /** How far the zone reaches beyond the tip along the applicator (mm). */
  tipOffsetMm: number;
}

/** Centre (LPS mm) and unit axis of an applicator's ellipsoidal zone. */
export function zoneCentre(a: Applicator): { centre: Vec3; axis: Vec3 } {
  const d: Vec3 = [a.tip[0] - a.entry[0], a.tip[1] - a.entry[1], a.tip[2] - a.entry[2]];
  const len = Math.hypot(...d);
  if (!(len > 0)) throw new Error('applicator entry and tip coincide');
  const axis: Vec3 = [d[0] / len, d[1] / len, d[2] / len];
  const back = a.longAxisMm / 2 - a.tipOffsetMm;
  return { centre: [a.tip[0] - axis[0] * back, a.tip[1] - axis[1] * back, a.tip[2] - axis[2] * back], axis };
}

/**
 * Rasterises the union of the applicators' ellipsoidal zones (prolate about the applicator
 * axis) onto any grid: a voxel is in when its centre is inside one ellipsoid. Only the index
 * box around each ellipsoid is visited.
 */
export function rasteriseAblationZones(applicators: Applicator[], grid: Grid): Uint8Array {
  const [nx, ny, nz] = grid.dims;
  const out = new Uint8Array(nx * ny * nz);
  const d = grid.direction;
  const [sx, sy, sz] = grid.spacing;
  for (const a of applicators) {
    if (!(a.longAxisMm > 0 && a.shortAxisMm > 0)) throw new Error('zone axes must be positive');
    const { centre, axis } = zoneCentre(a);
    const L = a.longAxisMm / 2;
    const S = a.shortAxisMm / 2;
    const lo: Vec3 = [Infinity, Infinity, Infinity];
    const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
    for (let c = 0; c < 8; c++) {
      const corner: Vec3 = [centre[0] + (c & 1 ? L : -L), centre[1] + (c & 2 ? L : -L), centre[2] + (c & 4 ? L : -L)];
      const ijk = patientToIndex(grid, corner);
      for (let n = 0; n < 3; n++) {
        lo[n] = Math.min(lo[n]!, ijk[n]!);
        hi[n] = Math.max(hi[n]!, ijk[n]!);
      }
    }
    const i0 = Math.max(0, Math.floor(lo[0]));
    const i1 = Math.min(nx - 1, Math.ceil(hi[0]));
    const j0 = Math.max(0, Math.floor(lo[1]));
    const j1 = Math.min(ny - 1, Math.ceil(hi[1]));
    const k0 = Math.max(0, Math.floor(lo[2]));
    const k1 = Math.min(nz - 1, Math.ceil(hi[2]));
    for (let k = k0; k <= k1; k++) {
      for (let j = j0; j <= j1; j++) {
        for (let i = i0; i <= i1; i++) {
          const x = i * sx;
          const y = j * sy;
          const z = k * sz;
          const px = grid.origin[0] + x * d[0] + y * d[3] + z * d[6] - centre[0];
          const py = grid.origin[1] + x * d[1] + y * d[4] + z * d[7] - centre[1];
          const pz = grid.origin[2] + x * d[2] + y * d[5] + z * d[8] - centre[2];
          const along = px * axis[0] + py * axis[1] + pz * axis[2];
          const across2 = px * px + py * py + pz * pz - along * along;
          if ((along * along) / (L * L) + across2 / (S * S) <= 1) out[i + nx * (j + ny * k)] = 1;
        }
      }
    }
  }
  return out;
}
