import type { Grid } from '../volume/grid';
import type { Phantom } from './rasterise';
import { lesionOfLabel, TISSUE_ID } from './tissues';

/** Structures whose distance to each lesion the truth records (heat sink, critical structures). */
export const PROXIMITY_STRUCTURES = {
  hepaticVein: [TISSUE_ID.hepaticVein],
  portalVein: [TISSUE_ID.portalVein],
  inferiorVenaCava: [TISSUE_ID.ivc],
  gallbladder: [TISSUE_ID.gallbladder],
} as const;
export type ProximityStructure = keyof typeof PROXIMITY_STRUCTURES;

/** Distances are exact up to this reach; beyond it they are reported as null. */
export const PROXIMITY_REACH_MM = 20;

/**
 * For each lesion, the smallest distance (mm) between the centre of one of its
 * voxels and the centre of a voxel of each structure: about one voxel when
 * they abut, 0 never (they do not share voxels). Exact Euclidean distance
 * transform (Felzenszwalb-Huttenlocher, separable, honouring anisotropic
 * spacing) on the liver's bounding box grown by the reach, so any structure
 * voxel outside that box is farther than the reach from every lesion.
 */
export function lesionProximities(phantom: Phantom, lesionCount: number): Record<ProximityStructure, number | null>[] {
  const { grid, labels, liver } = phantom;
  const [nx, ny, nz] = grid.dims;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  for (let k = 0, v = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, v++) {
        if (!liver[v]) continue;
        const q = [i, j, k];
        for (let n = 0; n < 3; n++) {
          lo[n] = Math.min(lo[n]!, q[n]!);
          hi[n] = Math.max(hi[n]!, q[n]!);
        }
      }
  const out = Array.from({ length: lesionCount }, () => ({}) as Record<ProximityStructure, number | null>);
  if (hi[0]! < 0) return out;
  for (let n = 0; n < 3; n++) {
    const grow = Math.ceil(PROXIMITY_REACH_MM / grid.spacing[n]!) + 1;
    lo[n] = Math.max(0, lo[n]! - grow);
    hi[n] = Math.min(grid.dims[n]! - 1, hi[n]! + grow);
  }
  const box = { lo, dims: [hi[0]! - lo[0]! + 1, hi[1]! - lo[1]! + 1, hi[2]! - lo[2]! + 1] as const };
  for (const [name, tissues] of Object.entries(PROXIMITY_STRUCTURES) as [ProximityStructure, readonly number[]][]) {
    const d2 = squaredDistanceMap(labels, grid, box, new Set(tissues));
    const best = new Float64Array(lesionCount).fill(Infinity);
    const [bx, by, bz] = box.dims;
    for (let k = 0; k < bz; k++)
      for (let j = 0; j < by; j++)
        for (let i = 0; i < bx; i++) {
          const lesion = lesionOfLabel(labels[lo[0]! + i + nx * (lo[1]! + j + ny * (lo[2]! + k))]!);
          if (lesion < 0 || lesion >= lesionCount) continue;
          const v = d2[i + bx * (j + by * k)]!;
          if (v < best[lesion]!) best[lesion] = v;
        }
    best.forEach((v, l) => {
      const mm = Math.sqrt(v);
      out[l]![name] = mm <= PROXIMITY_REACH_MM ? Math.round(mm * 100) / 100 : null;
    });
  }
  return out;
}

function squaredDistanceMap(
  labels: Uint8Array,
  grid: Grid,
  box: { lo: number[]; dims: readonly [number, number, number] },
  structure: Set<number>,
): Float64Array {
  const [bx, by, bz] = box.dims;
  const [nx, ny] = grid.dims;
  const d = new Float64Array(bx * by * bz);
  for (let k = 0; k < bz; k++)
    for (let j = 0; j < by; j++)
      for (let i = 0; i < bx; i++) {
        const label = labels[box.lo[0]! + i + nx * (box.lo[1]! + j + ny * (box.lo[2]! + k))]!;
        d[i + bx * (j + by * k)] = structure.has(label) ? 0 : Infinity;
      }
  const maxLen = Math.max(bx, by, bz);
  const f = new Float64Array(maxLen);
  const r = new Float64Array(maxLen);
  const v = new Int32Array(maxLen);
  const z = new Float64Array(maxLen + 1);
  const strides = [1, bx, bx * by];
  for (let axis = 0; axis < 3; axis++) {
    const len = box.dims[axis]!;
    const stride = strides[axis]!;
    const s = grid.spacing[axis]!;
    const others = (bx * by * bz) / len;
    for (let l = 0; l < others; l++) {
      const start = axis === 0 ? l * bx : axis === 1 ? (l % bx) + Math.floor(l / bx) * bx * by : l;
      for (let t = 0; t < len; t++) f[t] = d[start + t * stride]!;
      lowerEnvelope(f, len, s, r, v, z);
      for (let t = 0; t < len; t++) d[start + t * stride] = r[t]!;
    }
  }
  return d;
}

/** 1D squared distance transform of f (0 or Infinity, or partial sums) with sample spacing s. */
function lowerEnvelope(f: Float64Array, n: number, s: number, out: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = -1;
  for (let q = 0; q < n; q++) {
    const fq = f[q]!;
    if (fq === Infinity) continue;
    const xq = q * s;
    let cut = -Infinity;
    while (k >= 0) {
      const p = v[k]!;
      const xp = p * s;
      cut = (fq + xq * xq - (f[p]! + xp * xp)) / (2 * (xq - xp));
      if (cut <= z[k]!) k--;
      else break;
    }
    k++;
    v[k] = q;
    z[k] = k === 0 ? -Infinity : cut;
    z[k + 1] = Infinity;
  }
  if (k < 0) {
    out.fill(Infinity, 0, n);
    return;
  }
  let j = 0;
  for (let q = 0; q < n; q++) {
    const x = q * s;
    while (z[j + 1]! < x) j++;
    const p = v[j]!;
    out[q] = (x - p * s) ** 2 + f[p]!;
  }
}
