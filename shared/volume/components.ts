import type { Vec3 } from './grid';

export interface Components {
  /** Component id per voxel (1..count), 0 outside the mask. */
  labels: Int32Array;
  count: number;
  /** Voxel count of component id c at sizes[c - 1]. */
  sizes: number[];
}

/** Connected components of the nonzero voxels of mask, 6- or 26-connected (flood fill). */
export function labelComponents(mask: ArrayLike<number>, dims: Vec3, connectivity: 6 | 26 = 6): Components {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const labels = new Int32Array(nx * ny * nz);
  const steps: Vec3[] = [];
  for (let dk = -1; dk <= 1; dk++)
    for (let dj = -1; dj <= 1; dj++)
      for (let di = -1; di <= 1; di++) {
        const manhattan = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
        if (manhattan === 0 || (connectivity === 6 && manhattan > 1)) continue;
        steps.push([di, dj, dk]);
      }
  const flat = Int32Array.from(steps, ([di, dj, dk]) => di + nx * dj + plane * dk);
  // Growable stack: a full-grid queue would cost 4 bytes per voxel up front.
  let stack = new Int32Array(1024);
  const sizes: number[] = [];
  let count = 0;
  for (let seed = 0; seed < labels.length; seed++) {
    if (!mask[seed] || labels[seed]) continue;
    count++;
    labels[seed] = count;
    let top = 0;
    let size = 1;
    stack[top++] = seed;
    while (top > 0) {
      const n = stack[--top]!;
      const i = n % nx;
      const j = ((n - i) / nx) % ny;
      const k = (n - i - nx * j) / plane;
      const interior = i > 0 && j > 0 && k > 0 && i < nx - 1 && j < ny - 1 && k < nz - 1;
      for (let s = 0; s < flat.length; s++) {
        if (!interior) {
          const [di, dj, dk] = steps[s]!;
          const a = i + di;
          const b = j + dj;
          const c = k + dk;
          if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
        }
        const m = n + flat[s]!;
        if (mask[m] && !labels[m]) {
          labels[m] = count;
          size++;
          if (top === stack.length) {
            const grown = new Int32Array(stack.length * 2);
            grown.set(stack);
            stack = grown;
          }
          stack[top++] = m;
        }
      }
    }
    sizes.push(size);
  }
  return { labels, count, sizes };
}
