import type { Grid, Labelmap } from '../../volume/grid';
import type { RtstructSegment } from '../writeRtstruct';

/** A liver-like blob with a hole and two diagonal-touching voxels, and a lesion, on `grid`. */
export function sampleLabels(grid: Grid): Labelmap {
  const [nx, ny, nz] = grid.dims;
  const data = new Uint8Array(nx * ny * nz);
  for (let k = 1; k < nz - 1; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const r = Math.hypot((i - nx / 2) / (nx / 2.6), (j - ny / 2) / (ny / 2.4));
        if (r < 1 - 0.05 * k) data[i + nx * (j + ny * k)] = 1;
        if (Math.hypot(i - nx / 2 - 2, j - ny / 2) < 2.2) data[i + nx * (j + ny * k)] = k === 2 ? 0 : 2; // hole on k=2
      }
  // A saddle: two voxels touching by a corner only.
  data[1 + nx * (1 + ny * 1)] = 2;
  data[2 + nx * (2 + ny * 1)] = 2;
  return { grid, data };
}

export const SAMPLE_SEGMENTS: RtstructSegment[] = [
  { label: 1, name: 'Liver', color: [221, 130, 101], interpretedType: 'ORGAN' },
  { label: 2, name: 'Tumour 1', color: [241, 214, 145], interpretedType: 'GTV' },
];

/** Dice overlap of two 0/1 masks. */
export function dice(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let sum = 0;
  for (let v = 0; v < a.length; v++) {
    both += a[v]! & b[v]!;
    sum += a[v]! + b[v]!;
  }
  return (2 * both) / sum;
}
