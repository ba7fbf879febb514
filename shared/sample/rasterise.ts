import { patientToIndex, voxelCount, type Grid, type Vec3 } from '../volume/grid';
import type { Part } from './anatomy';
import { shapeBounds, signedDistance } from './shapes';

export interface Phantom {
  grid: Grid;
  /** Tissue label per voxel (see tissues.ts). */
  labels: Uint8Array;
  /** 1 where the voxel belongs to the whole liver (parenchyma, lesions, intrahepatic vessels). */
  liver: Uint8Array;
  /** 1 where a lesion's enhancing rim is (see Part.rimMm); absent on phantoms built elsewhere. */
  rim?: Uint8Array;
}

/** Block edge (voxels) for the coarse inside/outside pass. */
const B = 4;

/**
 * Paints the parts onto the grid by sampling each shape at voxel centres in
 * patient space, so any spacing or orientation works. Only the voxels inside
 * a part's bounding box (mapped to index space) are visited. With `onto`
 * (same grid), painting starts from a copy of that phantom instead of air:
 * how a later change (an ablation zone) is added without repainting the body.
 */
export function rasterise(grid: Grid, parts: Part[], onto?: Phantom): Phantom {
  const n = voxelCount(grid);
  if (onto && onto.labels.length !== n) throw new Error('rasterise: `onto` is on another grid');
  const labels = onto ? onto.labels.slice() : new Uint8Array(n);
  const liver = onto ? onto.liver.slice() : new Uint8Array(n);
  const rim = onto?.rim ? onto.rim.slice() : new Uint8Array(n);
  const [nx, ny] = grid.dims;
  const d = grid.direction;
  const step = (axis: number): Vec3 => [
    d[axis * 3]! * grid.spacing[axis]!,
    d[axis * 3 + 1]! * grid.spacing[axis]!,
    d[axis * 3 + 2]! * grid.spacing[axis]!,
  ];
  const si = step(0);
  const sj = step(1);
  const sk = step(2);
  const p: Vec3 = [0, 0, 0];
  for (const part of parts) {
    const [lo, hi] = indexBox(grid, shapeBounds(part.shape));
    // allowed[label] = 1 where this part may paint over the current label.
    const allowed = new Uint8Array(256).fill(part.over ? 0 : 1);
    for (const l of part.over ?? []) allowed[l] = 1;
    for (const l of part.notOver ?? []) allowed[l] = 0;
    const onlyInLiver = Boolean(part.onlyInLiver);
    const rimMm = part.rimMm ?? 0;
    // d: signed distance of the voxel (-Infinity when its block lies wholly deeper than the rim).
    const paint = (idx: number, d: number) => {
      labels[idx] = part.label;
      rim[idx] = d > -rimMm ? 1 : 0;
      if (part.liver === 'set') liver[idx] = 1;
      else if (part.liver === 'clear') liver[idx] = 0;
    };
    // Blocks of B^3 voxels: one distance at the block centre decides the whole
    // block when the surface is clearly farther than the block's half-diagonal
    // (with a 2x safety factor for the approximate distances); only blocks the
    // surface may cross are sampled voxel by voxel.
    const halfDiagonal = 0.5 * Math.hypot(B * grid.spacing[0], B * grid.spacing[1], B * grid.spacing[2]);
    for (let bk = lo[2]; bk <= hi[2]; bk += B) {
      for (let bj = lo[1]; bj <= hi[1]; bj += B) {
        for (let bi = lo[0]; bi <= hi[0]; bi += B) {
          const ek = Math.min(hi[2], bk + B - 1);
          const ej = Math.min(hi[1], bj + B - 1);
          const ei = Math.min(hi[0], bi + B - 1);
          const ci = (bi + ei) / 2;
          const cj = (bj + ej) / 2;
          const ck = (bk + ek) / 2;
          p[0] = grid.origin[0] + ci * si[0] + cj * sj[0] + ck * sk[0];
          p[1] = grid.origin[1] + ci * si[1] + cj * sj[1] + ck * sk[1];
          p[2] = grid.origin[2] + ci * si[2] + cj * sj[2] + ck * sk[2];
          const dc = signedDistance(part.shape, p);
          if (dc > 2 * halfDiagonal) continue; // whole block outside
          const whole = dc < -2 * halfDiagonal - rimMm; // whole block inside (and deeper than any rim)
          for (let k = bk; k <= ek; k++) {
            for (let j = bj; j <= ej; j++) {
              for (let i = bi; i <= ei; i++) {
                const idx = i + nx * (j + ny * k);
                if (!allowed[labels[idx]!] || (onlyInLiver && !liver[idx])) continue;
                let d = -Infinity;
                if (!whole) {
                  p[0] = grid.origin[0] + i * si[0] + j * sj[0] + k * sk[0];
                  p[1] = grid.origin[1] + i * si[1] + j * sj[1] + k * sk[1];
                  p[2] = grid.origin[2] + i * si[2] + j * sj[2] + k * sk[2];
                  d = signedDistance(part.shape, p);
                  if (d > 0) continue;
                }
                paint(idx, d);
              }
            }
          }
        }
      }
    }
  }
  return { grid, labels, liver, rim };
}

/** Index-space box (inclusive, clamped) covering a patient-space box on any orientation. */
function indexBox(grid: Grid, [a, b]: [Vec3, Vec3]): [Vec3, Vec3] {
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let c = 0; c < 8; c++) {
    const corner: Vec3 = [c & 1 ? b[0] : a[0], c & 2 ? b[1] : a[1], c & 4 ? b[2] : a[2]];
    const q = patientToIndex(grid, corner);
    for (let n = 0; n < 3; n++) {
      lo[n] = Math.min(lo[n]!, q[n]!);
      hi[n] = Math.max(hi[n]!, q[n]!);
    }
  }
  for (let n = 0; n < 3; n++) {
    const last = grid.dims[n]! - 1;
    lo[n] = Math.max(0, Math.floor(Number.isFinite(lo[n]!) ? lo[n]! : 0));
    hi[n] = Math.min(last, Math.ceil(Number.isFinite(hi[n]!) ? hi[n]! : last));
  }
  return [lo, hi];
}
