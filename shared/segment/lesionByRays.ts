import type { IndexBox } from '../volume/crop';
import type { ScalarVolume, Vec3 } from '../volume/grid';
import { contrastField } from './lesionByContrast';
import { fillHoles3d, fillHolesPerSlice, keepComponentsAt } from './morphology';

export interface RaysInput {
  image: ScalarVolume;
  /** Voxels the lesion may hold (the liver), or undefined. */
  allowed: Uint8Array | undefined;
  /** Flat voxel index the rays start from (re-centred on the lesion as it is found). */
  click: number;
  /** Normal parenchyma on this image. */
  parenchyma: number;
  /** No lesion voxel lies farther (mm) from the click. */
  radiusMm: number;
  /** Expected radius (mm) from a drag: bounds every ray and stands in where a ray finds nothing. */
  priorRadiusMm?: number | null;
  /** Half-width (mm) of the box mean the rays read (contrastField); default 1. */
  smoothMm?: number;
}

export interface RaysCandidate {
  mask: Uint8Array;
  box: IndexBox;
  dims: Vec3;
  /** Share of rays that found an edge in the image (the rest were filled in from their neighbours or the prior). */
  evidence: number;
}

/** Ray directions: a Fibonacci sphere, even in solid angle. */
const DIRECTIONS = fibonacciSphere(240);
/** Rays whose directions lie within this angle smooth each other (median, then mean). */
const NEIGHBOUR_COS = Math.cos((28 * Math.PI) / 180);
const NEIGHBOURS = DIRECTIONS.map((d) =>
  DIRECTIONS.flatMap((e, m) => (d[0] * e[0] + d[1] * e[1] + d[2] * e[2] >= NEIGHBOUR_COS ? [m] : [])),
);

/**
 * A lesion as the star-shaped region round its centre bounded, along each of a few hundred rays,
 * where the tissue returns to parenchyma for good. Along a ray a necrotic core, its rim, the
 * rings of a target lesion and any texture are one run of tissue that differs from parenchyma;
 * an iso core reads as parenchyma, so a ray that starts in parenchyma looks on for the rim that
 * encloses it. Rays that run on along a vessel or into a confluent neighbour are outvoted by their
 * neighbours (median over directions), and a drag's length bounds every ray. The centre moves to
 * the region's centroid and the rays are cast again: a click on a rim is not the lesion's centre.
 * Hand-written: no library casts rays through a labelled volume for a star-shaped segmentation.
 */
export function lesionByRays(input: RaysInput): RaysCandidate {
  const field = contrastField(input);
  const { dims, within, deviation, box, threshold } = field;
  const spacing = input.image.grid.spacing;
  const [nx, ny] = input.image.grid.dims;
  let centre: Vec3 = [
    (input.click % nx) - box.min[0],
    (Math.floor(input.click / nx) % ny) - box.min[1],
    Math.floor(input.click / (nx * ny)) - box.min[2],
  ];
  const prior = input.priorRadiusMm ?? null;
  const cap = prior ? Math.min(input.radiusMm, 1.3 * prior) : input.radiusMm;
  let result = castAndFill(centre);
  for (let round = 0; round < 3; round++) {
    const c = centroid(result.mask, dims);
    if (!c) break;
    const moved = Math.hypot(...c.map((v, a) => (v - centre[a]!) * spacing[a]!));
    if (moved < 1.5) break;
    centre = c;
    result = castAndFill(centre);
  }
  return { mask: result.mask, box, dims, evidence: result.evidence };

  function castAndFill(c: Vec3): { mask: Uint8Array; evidence: number } {
    const radii = DIRECTIONS.map((d) => castRay(c, d));
    const found = radii.filter((r) => Number.isFinite(r)).length;
    const smoothed = regularise(radii, prior);
    const mask = fillStar(c, smoothed);
    return { mask, evidence: found / radii.length };
  }

  /** Radius (mm) where the ray leaves the lesion for good; NaN when it meets no lesion tissue. */
  function castRay(c: Vec3, d: Vec3): number {
    const step = 0.5 * Math.min(spacing[0], spacing[1], spacing[2]);
    // Parenchyma for this long (mm) ends the lesion; noise seldom makes a run this long.
    const gap = Math.max(3, 1.2 * Math.max(spacing[0], spacing[1], spacing[2]));
    let lastLesion = NaN;
    let lastSign = 0;
    let runPeak = 0;
    const trail: { r: number; v: number }[] = [];
    for (let r = 0; r <= cap; r += step) {
      const p: Vec3 = [c[0] + (r * d[0]) / spacing[0], c[1] + (r * d[1]) / spacing[1], c[2] + (r * d[2]) / spacing[2]];
      const v = sample(deviation, p);
      if (v === null) return Number.isFinite(lastLesion) || r > 0 ? Math.max(r - step / 2, 0) : NaN;
      const a = Math.abs(v);
      const since = r - lastLesion;
      if (a > threshold) {
        const sign = Math.sign(v);
        // Past the gap only tissue of the other sign continues the lesion: a necrotic core's edge
        // crosses the parenchyma level on its way up to the rim (and a target's rings do too).
        if (Number.isFinite(lastLesion) && since >= gap && sign === lastSign) break;
        if (!Number.isFinite(lastLesion) || since > gap) runPeak = 0;
        lastLesion = r;
        lastSign = sign;
        runPeak = Math.max(runPeak, a);
        trail.push({ r, v: a });
        if (trail.length > 8) trail.shift();
      } else if (Number.isFinite(lastLesion) && since >= 2 * gap) break;
    }
    if (!Number.isFinite(lastLesion)) return NaN;
    // The edge half-way between the lesion's own level near its edge and parenchyma.
    const peak = Math.max(...trail.map((t) => t.v));
    const half = Math.max(threshold, 0.5 * Math.min(peak, runPeak || peak));
    for (let m = trail.length - 1; m >= 0; m--) if (trail[m]!.v >= half) return trail[m]!.r + step / 2;
    return lastLesion + step / 2;
  }

  /** Trilinear deviation at a voxel-space point; null outside the box or the allowed voxels. */
  function sample(values: Float32Array, p: Vec3): number | null {
    const [x, y, z] = p;
    if (x < 0 || y < 0 || z < 0 || x > dims[0] - 1 || y > dims[1] - 1 || z > dims[2] - 1) return null;
    const i = Math.min(Math.floor(x), dims[0] - 2 < 0 ? 0 : dims[0] - 2);
    const j = Math.min(Math.floor(y), dims[1] - 2 < 0 ? 0 : dims[1] - 2);
    const k = Math.min(Math.floor(z), dims[2] - 2 < 0 ? 0 : dims[2] - 2);
    const nearest = Math.round(x) + dims[0] * (Math.round(y) + dims[1] * Math.round(z));
    if (within && !within[nearest]) return null;
    const fx = x - i;
    const fy = y - j;
    const fz = z - k;
    const sx = dims[0] > 1 ? 1 : 0;
    const sy = dims[1] > 1 ? dims[0] : 0;
    const sz = dims[2] > 1 ? dims[0] * dims[1] : 0;
    const n = i + dims[0] * (j + dims[1] * k);
    const at = (o: number) => values[n + o]!;
    const c00 = at(0) * (1 - fx) + at(sx) * fx;
    const c10 = at(sy) * (1 - fx) + at(sy + sx) * fx;
    const c01 = at(sz) * (1 - fx) + at(sz + sx) * fx;
    const c11 = at(sz + sy) * (1 - fx) + at(sz + sy + sx) * fx;
    return (c00 * (1 - fy) + c10 * fy) * (1 - fz) + (c01 * (1 - fy) + c11 * fy) * fz;
  }

  /** Voxels within the smoothed radius of their direction, the component at the centre, holes filled. */
  function fillStar(c: Vec3, radii: number[]): Uint8Array {
    const out = new Uint8Array(dims[0] * dims[1] * dims[2]);
    const table = radiusTable(radii);
    const reach = Math.max(...radii);
    for (let k = 0; k < dims[2]; k++)
      for (let j = 0; j < dims[1]; j++)
        for (let i = 0; i < dims[0]; i++) {
          const v: Vec3 = [(i - c[0]) * spacing[0], (j - c[1]) * spacing[1], (k - c[2]) * spacing[2]];
          const d = Math.hypot(v[0], v[1], v[2]);
          const n = i + dims[0] * (j + dims[1] * k);
          if (d > reach || (within && !within[n])) continue;
          if (d < 1e-6 || d <= table(v, d)) out[n] = 1;
        }
    const seed = Math.round(c[0]) + dims[0] * (Math.round(c[1]) + dims[1] * Math.round(c[2]));
    const kept = out[seed] ? keepComponentsAt(out, dims, [seed]) : out;
    return fillHolesPerSlice(fillHoles3d(kept, dims), dims);
  }
}

/** Median over each ray's neighbours (outliers: vessels, neighbours), gaps from neighbours or the prior, then a mean. */
function regularise(radii: number[], prior: number | null): number[] {
  const med = radii.map((_, m) => {
    const v = NEIGHBOURS[m]!.map((o) => radii[o]!).filter((r) => Number.isFinite(r));
    if (v.length === 0) return NaN;
    v.sort((a, b) => a - b);
    return v[v.length >> 1]!;
  });
  const all = med.filter((r) => Number.isFinite(r)).sort((a, b) => a - b);
  const typical = all.length ? all[all.length >> 1]! : (prior ?? 0);
  // A lesion is round-ish: no ray runs more than twice the typical radius.
  const bounded = med.map((r) => Math.min(Number.isFinite(r) ? r : (prior ?? typical), 2 * typical));
  return bounded.map((_, m) => {
    const v = NEIGHBOURS[m]!.map((o) => bounded[o]!);
    return v.reduce((s, r) => s + r, 0) / v.length;
  });
}

/** Radius of a direction, interpolated between the nearest rays (inverse angular distance). */
function radiusTable(radii: number[]): (v: Vec3, length: number) => number {
  return (v, length) => {
    let w = 0;
    let sum = 0;
    let best = -2;
    let bestR = radii[0]!;
    for (let m = 0; m < DIRECTIONS.length; m++) {
      const d = DIRECTIONS[m]!;
      const cos = (v[0] * d[0] + v[1] * d[1] + v[2] * d[2]) / length;
      if (cos > best) {
        best = cos;
        bestR = radii[m]!;
      }
      if (cos > NEIGHBOUR_COS) {
        const weight = (cos - NEIGHBOUR_COS) ** 2;
        w += weight;
        sum += weight * radii[m]!;
      }
    }
    return w > 0 ? sum / w : bestR;
  };
}

function centroid(mask: Uint8Array, dims: Vec3): Vec3 | null {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let c = 0;
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++)
        if (mask[i + dims[0] * (j + dims[1] * k)]) {
          s0 += i;
          s1 += j;
          s2 += k;
          c++;
        }
  return c ? [s0 / c, s1 / c, s2 / c] : null;
}

function fibonacciSphere(n: number): Vec3[] {
  const out: Vec3[] = [];
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let m = 0; m < n; m++) {
    const z = 1 - (2 * (m + 0.5)) / n;
    const r = Math.sqrt(1 - z * z);
    out.push([r * Math.cos(golden * m), r * Math.sin(golden * m), z]);
  }
  return out;
}
