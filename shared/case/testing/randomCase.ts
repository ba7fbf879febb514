import type { Grid, Labelmap } from '../../volume/grid';
import type { MeasureSegment } from '../measureSegment';

/** Deterministic PRNG (mulberry32) so a failing property case can be replayed by its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const IVC_TYPE = { value: '64131007', scheme: 'SCT', meaning: 'Inferior vena cava' };
export const PORTAL_TYPE = { value: '32764006', scheme: 'SCT', meaning: 'Portal vein' };

/**
 * A random case on an anisotropic grid: an ellipsoid liver (label 1), lesion segments painted over
 * it (labels 2..), one of them in two separate parts, a portal vein running inside the liver
 * without reaching its surface (so all of it is given back) and an IVC beside it (never liver).
 */
export function randomCase(seed: number): { labels: Labelmap; segments: MeasureSegment[] } {
  const r = rng(seed);
  const dims: [number, number, number] = [
    28 + Math.floor(r() * 10),
    24 + Math.floor(r() * 10),
    12 + Math.floor(r() * 6),
  ];
  const grid: Grid = {
    dims,
    spacing: [1 + r(), 1 + r(), 2 + 2 * r()],
    origin: [-20 * r(), -20 * r(), 10 * r()],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
  const [nx, ny, nz] = dims;
  const data = new Uint8Array(nx * ny * nz);
  const c = [nx / 2, ny / 2, nz / 2];
  const rad = [nx * (0.3 + 0.1 * r()), ny * (0.3 + 0.1 * r()), nz * (0.3 + 0.1 * r())];
  const ball = (ci: number[], rr: number, label: number, over: (v: number) => boolean) => {
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          const n = i + nx * (j + ny * k);
          if ((i - ci[0]!) ** 2 + (j - ci[1]!) ** 2 + (k - ci[2]!) ** 2 <= rr * rr && over(data[n]!)) data[n] = label;
        }
  };
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++)
        if (((i - c[0]!) / rad[0]!) ** 2 + ((j - c[1]!) / rad[1]!) ** 2 + ((k - c[2]!) / rad[2]!) ** 2 < 1)
          data[i + nx * (j + ny * k)] = 1;
  const segments: MeasureSegment[] = [{ label: 1, name: 'Liver', kind: 'liver' }];
  const lesions = 1 + Math.floor(r() * 3);
  for (let l = 0; l < lesions; l++) {
    const label = 2 + l;
    const at = () => [0, 1, 2].map((a) => c[a]! + (r() - 0.5) * rad[a]!);
    ball(at(), 1 + 2 * r(), label, (v) => v === 1);
    // The first lesion segment holds a second, separate part at the far side of the liver.
    if (l === 0) ball([c[0]! + rad[0]! * 0.7, c[1]!, c[2]!], 1.2, label, (v) => v === 1);
    segments.push({ label, name: `Lesion ${l + 1}`, kind: 'lesion' });
  }
  const vein = 10;
  const ivc = 11;
  for (let k = 0; k < nz; k++)
    for (let i = Math.floor(c[0]! - 0.6 * rad[0]!); i < c[0]! + 0.6 * rad[0]!; i++) {
      const n = i + nx * (Math.floor(c[1]!) + ny * k);
      if (i >= 0 && i < nx && data[n] === 1 && Math.abs(k - c[2]!) < 1.5) data[n] = vein;
    }
  for (let k = 0; k < nz; k++) for (let j = 0; j < 3; j++) data[nx - 2 + nx * (Math.floor(c[1]!) + j + ny * k)] = ivc;
  segments.push({ label: vein, name: 'Portal vein', kind: 'vessel', type: PORTAL_TYPE });
  segments.push({ label: ivc, name: 'IVC', kind: 'vessel', type: IVC_TYPE });
  return { labels: { grid, data }, segments };
}
