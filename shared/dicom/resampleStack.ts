import type { ScalarVolume } from '../volume/grid';
import type { StackGeometry } from './stackGeometry';

/**
 * Puts stored slices (possibly sheared by a gantry tilt or unevenly spaced) onto the regular
 * grid of `stack.grid`: bilinear in plane at each source slice's own shift, linear between the
 * two source slices around each target plane. Outside the data: `fill`.
 *
 * `stored` holds the slices either in sorted order (the CLI's loader sorts them first) or in the
 * order they were given to stackGeometry (`storedIn: 'input'`: a viewer's volume, whose slice
 * order is its own); stack.order maps one to the other. Hand-written: Cornerstone stacks stored
 * planes as they come (no shear, one step), and the CLI and the app must share one resampling.
 */
export function resampleStack(
  stored: ArrayLike<number>,
  stack: StackGeometry,
  fill: number,
  storedIn: 'sorted' | 'input' = 'sorted',
): ScalarVolume {
  const g = stack.grid;
  const [nx, ny, nz] = g.dims;
  const plane = nx * ny;
  if (stored.length !== plane * stack.order.length)
    throw new Error(`resampleStack: ${stored.length} stored values for ${stack.order.length} slices of ${nx} x ${ny}`);
  const slot = storedIn === 'input' ? (a: number) => stack.order[a]! : (a: number) => a;
  const out = new Float32Array(plane * nz);
  const sample = (k: number, x: number, y: number): number => {
    if (x < 0 || y < 0 || x > nx - 1 || y > ny - 1) return fill;
    const x0 = Math.min(Math.floor(x), nx - 2 < 0 ? 0 : nx - 2);
    const y0 = Math.min(Math.floor(y), ny - 2 < 0 ? 0 : ny - 2);
    const fx = nx > 1 ? x - x0 : 0;
    const fy = ny > 1 ? y - y0 : 0;
    const b = slot(k) * plane + y0 * nx + x0;
    const x1 = nx > 1 ? 1 : 0;
    const y1 = ny > 1 ? nx : 0;
    const top = stored[b]! * (1 - fx) + stored[b + x1]! * fx;
    const bottom = stored[b + y1]! * (1 - fx) + stored[b + y1 + x1]! * fx;
    return top * (1 - fy) + bottom * fy;
  };
  const last = stack.offsets.length - 1;
  let a = 0;
  for (let k = 0; k < nz; k++) {
    const z = k * g.spacing[2];
    while (a < last - 1 && stack.offsets[a + 1]! <= z) a++;
    const b = Math.min(a + 1, last);
    const za = stack.offsets[a]!;
    const zb = stack.offsets[b]!;
    const t = zb > za ? Math.min(1, Math.max(0, (z - za) / (zb - za))) : 0;
    const [sxa, sya] = stack.shear[a]!;
    const [sxb, syb] = stack.shear[b]!;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const va = sample(a, i - sxa / g.spacing[0], j - sya / g.spacing[1]);
        const vb = t > 0 ? sample(b, i - sxb / g.spacing[0], j - syb / g.spacing[1]) : 0;
        out[k * plane + j * nx + i] = va * (1 - t) + vb * t;
      }
    }
  }
  return { grid: g, data: out };
}
