import {
  indexToPatient,
  patientToIndex,
  voxelCount,
  type Grid,
  type Labelmap,
  type ScalarVolume,
  type Vec3,
} from './grid';

/**
 * Resampling between grids through patient space (any spacing, origin, orientation). Target
 * index -> source index is affine, so each row is walked with constant increments: no per-voxel
 * allocation. Samples more than half a voxel outside the source read as background/fill.
 */

/** Nearest-neighbour labelmap resampling onto target. */
export function resampleLabelmap(source: Labelmap, target: Grid): Labelmap {
  const out =
    source.data instanceof Uint16Array ? new Uint16Array(voxelCount(target)) : new Uint8Array(voxelCount(target));
  const [sx, sy, sz] = source.grid.dims;
  const src = source.data;
  walk(source.grid, target, (n, x, y, z) => {
    const i = Math.round(x);
    const j = Math.round(y);
    const k = Math.round(z);
    if (i < 0 || j < 0 || k < 0 || i >= sx || j >= sy || k >= sz) return;
    out[n] = src[i + sx * (j + sy * k)]!;
  });
  return { grid: target, data: out };
}

/** Trilinear scalar resampling onto target; outside the source reads fill (default 0). */
export function resampleScalar(source: ScalarVolume, target: Grid, fill = 0): ScalarVolume {
  const out = new Float32Array(voxelCount(target));
  const [sx, sy, sz] = source.grid.dims;
  const sxy = sx * sy;
  const src = source.data;
  walk(source.grid, target, (n, x, y, z) => {
    if (x < -0.5 || y < -0.5 || z < -0.5 || x > sx - 0.5 || y > sy - 0.5 || z > sz - 0.5) {
      out[n] = fill;
      return;
    }
    x = Math.min(Math.max(x, 0), sx - 1);
    y = Math.min(Math.max(y, 0), sy - 1);
    z = Math.min(Math.max(z, 0), sz - 1);
    const i0 = Math.min(Math.floor(x), sx - 2 < 0 ? 0 : sx - 2);
    const j0 = Math.min(Math.floor(y), sy - 2 < 0 ? 0 : sy - 2);
    const k0 = Math.min(Math.floor(z), sz - 2 < 0 ? 0 : sz - 2);
    const fx = x - i0;
    const fy = y - j0;
    const fz = z - k0;
    const di = sx > 1 ? 1 : 0;
    const dj = sy > 1 ? sx : 0;
    const dk = sz > 1 ? sxy : 0;
    const b = i0 + sx * j0 + sxy * k0;
    const c00 = src[b]! * (1 - fx) + src[b + di]! * fx;
    const c10 = src[b + dj]! * (1 - fx) + src[b + dj + di]! * fx;
    const c01 = src[b + dk]! * (1 - fx) + src[b + dk + di]! * fx;
    const c11 = src[b + dk + dj]! * (1 - fx) + src[b + dk + dj + di]! * fx;
    out[n] = (c00 * (1 - fy) + c10 * fy) * (1 - fz) + (c01 * (1 - fy) + c11 * fy) * fz;
  });
  return { grid: target, data: out };
}

/** Calls visit(targetIndex, sourceI, sourceJ, sourceK) for every target voxel. */
function walk(source: Grid, target: Grid, visit: (n: number, x: number, y: number, z: number) => void) {
  const o = patientToIndex(source, indexToPatient(target, 0, 0, 0));
  const step = (i: number, j: number, k: number): Vec3 => {
    const p = patientToIndex(source, indexToPatient(target, i, j, k));
    return [p[0] - o[0], p[1] - o[1], p[2] - o[2]];
  };
  const di = step(1, 0, 0);
  const dj = step(0, 1, 0);
  const dk = step(0, 0, 1);
  const [nx, ny, nz] = target.dims;
  let n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      let x = o[0] + j * dj[0] + k * dk[0];
      let y = o[1] + j * dj[1] + k * dk[1];
      let z = o[2] + j * dj[2] + k * dk[2];
      for (let i = 0; i < nx; i++, n++) {
        visit(n, x, y, z);
        x += di[0];
        y += di[1];
        z += di[2];
      }
    }
  }
}
