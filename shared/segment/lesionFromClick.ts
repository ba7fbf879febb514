import { maskBounds, padBox, type IndexBox } from '../volume/crop';
import type { Grid, ScalarVolume, Vec3 } from '../volume/grid';
import { sameGrid } from '../volume/grid';
import { IntStack } from './intStack';
import { splitConfluent } from './lesionModel';
import { halfSampleMode, median, voxelsWithin } from './localMean';
import { fillHoles3d, fillHolesPerSlice, keepComponentsAt } from './morphology';
import { refineEdge } from './refineEdge';
import { cropArray, pasteMask } from './workBox';

/** Algorithm parameters (not clinical thresholds). */
export const LESION_FROM_CLICK_DEFAULTS = {
  /** The lesion is searched within this distance (mm) of the click (neighbours twice as far). */
  maxRadiusMm: 90,
  /** Radius (mm) of the core around the click whose median is the lesion intensity. */
  coreRadiusMm: 3,
  /** Box-mean radius (mm) the grow tests, against noise. */
  smoothingRadiusMm: 1,
  /** Depth range (mm) under the liver surface whose mode per phase stands for normal parenchyma. */
  parenchymaBandMm: [3, 12] as [number, number],
  /** Split confluent lesions by shape models; false keeps the whole connected region. */
  splitConfluent: true,
};

export interface LesionFromClickOptions extends Partial<typeof LESION_FROM_CLICK_DEFAULTS> {
  /** Flat voxel index of the click (on the shared grid of all phases). */
  click: number;
  /**
   * Strongly recommended: keeps the grow inside the liver, tells the lesion's truncation by the
   * capsule from its own outline, and gives the normal-parenchyma reference.
   */
  liverMask?: Uint8Array;
  onProgress?(fraction: number): void;
}

export interface PhaseConspicuity {
  /** Median intensity of the core around the click. */
  core: number;
  /** Reference intensity of the tissue around the lesion (normal parenchyma). */
  ring: number;
  /** Radius (mm) of the lesion's outer edge along the profile from the click. */
  ringRadiusMm: number;
  /** |lesion - ring| / noise SD (lesion = the enhancing rim for a lesion with a necrotic core). */
  contrastToNoise: number;
  /** First radius (mm) at which the profile leaves the core (the necrosis edge in a necrotic lesion). */
  edgeRadiusMm: number;
}

export interface LesionFromClickResult {
  mask: Uint8Array;
  /** Index into the phases array of the phase segmented. */
  phaseIndex: number;
  conspicuity: PhaseConspicuity[];
  /** Intensity window the (viable) lesion grew in, on the chosen phase. */
  window: [number, number];
  /** The click lay in a non-enhancing core enclosed by lesion tissue of another intensity. */
  necroticCore: boolean;
  voxelCount: number;
}

/**
 * Click-to-segment a lesion on multiphase images sharing one grid.
 *
 * 1. Reference intensities per phase: the core around the click (median), normal parenchyma (the
 *    mode of a band under the liver surface, which is parenchyma for most of its extent even at
 *    a heavy tumour burden; without a liver mask the first plateau of the radial profile) and a
 *    noise SD. The radial profile of shell medians (liver voxels only) then tells the lesion's
 *    make-up: where it leaves the core, and whether what follows is parenchyma (a solid lesion)
 *    or a rim of one other tissue all round (a necrotic or cystic core inside enhancing tumour:
 *    the lesion is core plus rim).
 * 2. The phase where the viable tumour differs most from parenchyma (in noise SDs) is segmented:
 *    box-mean intensities nearer the tumour than the parenchyma (and than the core, for a
 *    necrotic lesion) are grown from the click, or from the rim around the grown core. The grow
 *    follows confluent neighbours up to twice maxRadiusMm: the split needs their outlines.
 * 3. In the grown region's box: holes are filled (necrosis, crossing vessels); the region may hold
 *    several confluent lesions of the same enhancement, so it is split by shape models
 *    (lesionModel.splitConfluent), then the edge is refined to the half-way intensity (never into
 *    a neighbour the split gave away).
 */
export function lesionFromClick(phases: ScalarVolume[], options: LesionFromClickOptions): LesionFromClickResult {
  if (phases.length === 0) throw new Error('lesion segmentation needs at least one phase');
  const p = { ...LESION_FROM_CLICK_DEFAULTS, ...options };
  const grid = phases[0]!.grid;
  for (const ph of phases)
    if (!sameGrid(ph.grid, grid)) throw new Error('all phases must share one grid (resample first)');
  const total = grid.dims[0] * grid.dims[1] * grid.dims[2];
  if (!Number.isInteger(p.click) || p.click < 0 || p.click >= total)
    throw new Error('lesion click lies outside the image');
  const liver = p.liverMask;
  if (liver && liver.length !== total) throw new Error('liver mask does not match the image grid');
  if (liver && !liver[p.click]) throw new Error('lesion click lies outside the liver mask');
  const progress = options.onProgress ?? (() => {});

  // 1. References and profile.
  const shells = shellVoxels(grid, p.click, p.maxRadiusMm, liver);
  const coreVoxels = voxelsWithin(grid, p.click, Math.max(p.coreRadiusMm, ...grid.spacing.slice(0, 2)));
  const noise = phases.map((ph) => noiseSd(ph, shells));
  const core = phases.map((ph) => median(coreVoxels, (n) => ph.data[n]!));
  // Shell medians per phase, computed as the walks below reach them.
  const profile = new ShellProfile(phases, shells);
  const banded = liver ? parenchymaReference(phases, liver, p.parenchymaBandMm) : null;
  const paren = banded ?? phases.map((_, q) => firstPlateau(profile, q, shells, core[q]!, noise[q]!));
  const dist = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, v, q) => s + ((v - b[q]!) / noise[q]!) ** 2, 0));
  const at = (r: number) => profile.at(r)!;
  const valid = (r: number) => profile.at(r) !== null;
  const coreToParen = dist(core, paren);
  const start = Math.ceil(p.coreRadiusMm) + 1;
  // Where the profile leaves the core: half-way towards the parenchyma's distance.
  let edge1 = NaN;
  for (let r = start; r < profile.length; r++) {
    if (valid(r) && dist(at(r), core) > 0.5 * coreToParen) {
      edge1 = r + 1;
      break;
    }
  }
  if (!Number.isFinite(edge1)) edge1 = Math.min(p.maxRadiusMm, Math.max(start, p.coreRadiusMm * 2));
  // What lies just beyond that edge: parenchyma (a solid lesion) or a rim of other tissue.
  const beyond = pooledMedians(phases, shells, edge1 + 2, edge1 + 5);
  const rimToParen = beyond ? dist(beyond, paren) : 0;
  // A rim is the lesion's own only if it is one tissue all round: most of its voxels nearer its
  // median than the core or the parenchyma. Next to other lesions a shell can be half tumour and
  // half parenchyma, with a median between that no voxel has.
  const rimIsOneTissue = (rim: number[]) => {
    let own = 0;
    let all = 0;
    for (let r = Math.floor(edge1 + 2); r <= Math.ceil(edge1 + 5) && r < shells.length; r++) {
      for (const v of shells[r]!) {
        const f = phases.map((ph) => localMean3(ph, v));
        const d = dist(f, rim);
        if (d < dist(f, core) && d < dist(f, paren)) own++;
        all++;
      }
    }
    return own >= 0.5 * all;
  };
  const necrotic =
    banded !== null &&
    beyond !== null &&
    rimToParen > 1 &&
    rimToParen > 0.25 * coreToParen &&
    dist(beyond, core) > 0.5 * coreToParen &&
    rimIsOneTissue(beyond);
  const tumour = necrotic ? beyond! : core;
  // The lesion's outer edge along the profile (for a necrotic lesion: where the rim ends).
  let extent = edge1;
  if (necrotic) {
    const rimContrast = dist(tumour, paren);
    extent = NaN;
    for (let r = Math.ceil(edge1) + 2; r < profile.length; r++) {
      if (valid(r) && dist(at(r), tumour) > 0.5 * rimContrast) {
        extent = r + 1;
        break;
      }
    }
    if (!Number.isFinite(extent)) extent = p.maxRadiusMm;
  }
  const conspicuity: PhaseConspicuity[] = phases.map((_, q) => ({
    core: core[q]!,
    ring: paren[q]!,
    ringRadiusMm: extent,
    contrastToNoise: Math.abs(tumour[q]! - paren[q]!) / noise[q]!,
    edgeRadiusMm: edge1,
  }));
  let best = 0;
  conspicuity.forEach((c, n) => {
    if (c.contrastToNoise > conspicuity[best]!.contrastToNoise) best = n;
  });
  progress(0.2);

  // 2. Windows on the chosen phase.
  const L = tumour[best]!;
  const P = paren[best]!;
  const N = core[best]!;
  const h = Math.abs(L - P) / 2;
  const window: [number, number] = [L - h, L + h];
  if (necrotic) {
    const mid = (L + N) / 2;
    if (N < L) window[0] = Math.max(window[0], mid);
    else window[1] = Math.min(window[1], mid);
  }
  const hN = Math.min(Math.abs(N - P), Math.abs(N - L)) / 2;
  const necrosisWindow: [number, number] = N < L ? [N - 3 * hN, N + hN] : [N - hN, N + 3 * hN];

  // 3. Grow on the whole grid (the region may run on into confluent neighbours, whose whole
  // outline the split needs), then fill, split and refine in the region's box.
  const m = segmentRegion(phases[best]!, liver, p, {
    window,
    necrosisWindow: necrotic ? necrosisWindow : null,
    necrosisRadiusMm: edge1 * 1.5 + 5,
    reference: L,
  });
  progress(0.9);
  const mask = pasteMask(m.mask, grid.dims, m.box, new Uint8Array(total));
  let voxelCount = 0;
  for (let n = 0; n < m.mask.length; n++) voxelCount += m.mask[n]!;
  progress(1);
  return { mask, phaseIndex: best, conspicuity, window, necroticCore: necrotic, voxelCount };
}

interface GrowPlan {
  window: [number, number];
  necrosisWindow: [number, number] | null;
  necrosisRadiusMm: number;
  reference: number;
}

function segmentRegion(
  image: ScalarVolume,
  liver: Uint8Array | undefined,
  p: typeof LESION_FROM_CLICK_DEFAULTS & { click: number },
  plan: GrowPlan,
): { mask: Uint8Array; box: IndexBox } {
  const { grid } = image;
  const sample = createBoxMean(image, p.smoothingRadiusMm);
  // Confluent neighbours are followed twice as far as the lesion itself may reach.
  const context = 2 * p.maxRadiusMm;
  const grow = (seeds: number[], w: [number, number], capMm: number) =>
    flood(sample, grid, seeds, w, p.click, capMm, liver);
  let region: Grown;
  if (plan.necrosisWindow) {
    const core = grow([p.click], plan.necrosisWindow, Math.min(p.maxRadiusMm, plan.necrosisRadiusMm));
    // Rim seeds: voxels of tumour intensity in the few layers round the grown core.
    const seeds: number[] = [];
    forEachNearby(core.mask, grid.dims, core.box, 3, (m) => {
      const v = sample(m);
      if (v >= plan.window[0] && v <= plan.window[1] && (!liver || liver[m])) seeds.push(m);
    });
    region = core;
    if (seeds.length) {
      const rim = grow(seeds, plan.window, context);
      const [nx, ny] = grid.dims;
      const b = core.box;
      for (let k = b.min[2]; k <= b.max[2]; k++)
        for (let j = b.min[1]; j <= b.max[1]; j++)
          for (let i = b.min[0]; i <= b.max[0]; i++) {
            const n = i + nx * (j + ny * k);
            rim.mask[n] = rim.mask[n]! | core.mask[n]!;
          }
      region = { mask: rim.mask, box: unionBox(rim.box, core.box) };
    }
  } else {
    region = grow([p.click], plan.window, context);
  }
  const box = padBox(region.box, 2, grid.dims);
  const dims = [0, 1, 2].map((a) => box.max[a]! - box.min[a]! + 1) as Vec3;
  const size = dims[0] * dims[1] * dims[2];
  let u: Uint8Array = cropArray(region.mask, grid.dims, box, new Uint8Array(size));
  const allowed = liver ? cropArray(liver, grid.dims, box, new Uint8Array(size)) : undefined;
  const raw = cropArray(image.data, grid.dims, box, new Float32Array(size));
  const [nx, ny] = grid.dims;
  const click =
    (p.click % nx) -
    box.min[0] +
    dims[0] * ((Math.floor(p.click / nx) % ny) - box.min[1] + dims[1] * (Math.floor(p.click / (nx * ny)) - box.min[2]));
  u = fillHolesPerSlice(fillHoles3d(u, dims), dims);
  if (allowed) for (let n = 0; n < size; n++) u[n] = u[n]! & allowed[n]!;
  const spacing = grid.spacing;
  let m: Uint8Array = u;
  if (p.splitConfluent) {
    m = splitConfluent(u, dims, spacing, click, { within: allowed, maxMm: 2 * context }).mask;
    if (m[click]) m = keepComponentsAt(m, dims, [click]);
  }
  // The lesion itself stays within maxRadiusMm of the click.
  clipToBall(m, dims, spacing, click, p.maxRadiusMm);
  // Refine into the partial-volume rim, never into a neighbouring lesion the split gave away.
  const refineAllowed = new Uint8Array(size);
  for (let n = 0; n < size; n++) refineAllowed[n] = (!allowed || allowed[n] ? 1 : 0) & ((u[n]! & (m[n]! ^ 1)) ^ 1);
  const localGrid: Grid = { ...grid, dims };
  m = refineEdge(m, { grid: localGrid, data: raw }, plan.reference, 1, refineAllowed);
  return { mask: m, box };
}

interface Grown {
  mask: Uint8Array;
  box: IndexBox;
}

function unionBox(a: IndexBox, b: IndexBox): IndexBox {
  return {
    min: [0, 1, 2].map((n) => Math.min(a.min[n]!, b.min[n]!)) as Vec3,
    max: [0, 1, 2].map((n) => Math.max(a.max[n]!, b.max[n]!)) as Vec3,
  };
}

function clipToBall(mask: Uint8Array, dims: Vec3, spacing: Vec3, centre: number, radiusMm: number): void {
  const [nx, ny] = dims;
  const ci = centre % nx;
  const cj = Math.floor(centre / nx) % ny;
  const ck = Math.floor(centre / (nx * ny));
  const r2 = radiusMm * radiusMm + 1e-6;
  for (let n = 0; n < mask.length; n++) {
    if (!mask[n]) continue;
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / (nx * ny));
    if (((i - ci) * spacing[0]) ** 2 + ((j - cj) * spacing[1]) ** 2 + ((k - ck) * spacing[2]) ** 2 > r2) mask[n] = 0;
  }
}

/** On-demand box mean with half-widths of the nearest whole number of voxels to radiusMm. */
function createBoxMean(volume: ScalarVolume, radiusMm: number): (n: number) => number {
  const { data, grid } = volume;
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  const [rx, ry, rz] = grid.spacing.map((s) => Math.round(radiusMm / s)) as Vec3;
  if (rx + ry + rz === 0) return (n) => data[n]!;
  return (n) => {
    const i = n % nx;
    const j = ((n - i) / nx) % ny;
    const k = Math.floor(n / plane);
    const i0 = i > rx ? i - rx : 0;
    const i1 = i + rx < nx ? i + rx : nx - 1;
    const j0 = j > ry ? j - ry : 0;
    const j1 = j + ry < ny ? j + ry : ny - 1;
    const k0 = k > rz ? k - rz : 0;
    const k1 = k + rz < nz ? k + rz : nz - 1;
    let sum = 0;
    for (let kk = k0; kk <= k1; kk++)
      for (let jj = j0; jj <= j1; jj++) {
        const row = jj * nx + kk * plane;
        for (let ii = i0; ii <= i1; ii++) sum += data[row + ii]!;
      }
    return sum / ((i1 - i0 + 1) * (j1 - j0 + 1) * (k1 - k0 + 1));
  };
}

/** 6-connected flood from seeds over sampled values in the window, within capMm of the centre voxel. */
function flood(
  sample: (n: number) => number,
  grid: Grid,
  seeds: number[],
  window: [number, number],
  centre: number,
  capMm: number,
  allowed?: Uint8Array,
): Grown {
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  const [sx, sy, sz] = grid.spacing;
  const ci = centre % nx;
  const cj = Math.floor(centre / nx) % ny;
  const ck = Math.floor(centre / plane);
  const cap2 = capMm * capMm;
  const out = new Uint8Array(nx * ny * nz);
  const min: Vec3 = [nx, ny, nz];
  const max: Vec3 = [-1, -1, -1];
  const stack = new IntStack();
  const add = (m: number) => {
    out[m] = 1;
    stack.push(m);
  };
  for (const s of seeds) if (!out[s] && (!allowed || allowed[s])) add(s);
  const [lo, hi] = window;
  const test = (m: number, i: number, j: number, k: number) => {
    if (out[m] || (allowed && !allowed[m])) return;
    if (((i - ci) * sx) ** 2 + ((j - cj) * sy) ** 2 + ((k - ck) * sz) ** 2 > cap2) return;
    const v = sample(m);
    if (v >= lo && v <= hi) add(m);
  };
  while (stack.length > 0) {
    const n = stack.pop();
    const i = n % nx;
    const j = ((n - i) / nx) % ny;
    const k = Math.floor(n / plane);
    if (i < min[0]) min[0] = i;
    if (i > max[0]) max[0] = i;
    if (j < min[1]) min[1] = j;
    if (j > max[1]) max[1] = j;
    if (k < min[2]) min[2] = k;
    if (k > max[2]) max[2] = k;
    if (i > 0) test(n - 1, i - 1, j, k);
    if (i < nx - 1) test(n + 1, i + 1, j, k);
    if (j > 0) test(n - nx, i, j - 1, k);
    if (j < ny - 1) test(n + nx, i, j + 1, k);
    if (k > 0) test(n - plane, i, j, k - 1);
    if (k < nz - 1) test(n + plane, i, j, k + 1);
  }
  if (max[0] < 0) {
    // Nothing grew (the click lies outside the liver mask): the click voxel alone.
    const c: Vec3 = [ci, cj, ck];
    return { mask: out, box: { min: [...c], max: [...c] } };
  }
  return { mask: out, box: { min, max } };
}

/**
 * Calls fn once for every voxel outside the mask within `depth` 6-connected steps of it: the
 * layers just outside a grown core (the box-mean straddles the core's edge for a voxel or two).
 */
function forEachNearby(mask: Uint8Array, dims: Vec3, box: IndexBox, depth: number, fn: (m: number) => void): void {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const seen = new Set<number>();
  let front: number[] = [];
  for (let k = box.min[2]; k <= box.max[2]; k++)
    for (let j = box.min[1]; j <= box.max[1]; j++)
      for (let i = box.min[0]; i <= box.max[0]; i++) {
        const n = i + nx * (j + ny * k);
        if (mask[n]) front.push(n);
      }
  for (let step = 0; step < depth; step++) {
    const next: number[] = [];
    const visit = (m: number) => {
      if (mask[m] || seen.has(m)) return;
      seen.add(m);
      next.push(m);
      fn(m);
    };
    for (const n of front) {
      const i = n % nx;
      const j = Math.floor(n / nx) % ny;
      const k = Math.floor(n / plane);
      if (i > 0) visit(n - 1);
      if (i < nx - 1) visit(n + 1);
      if (j > 0) visit(n - nx);
      if (j < ny - 1) visit(n + nx);
      if (k > 0) visit(n - plane);
      if (k < nz - 1) visit(n + plane);
    }
    front = next;
  }
}

/**
 * Voxels around the click grouped by whole millimetres of distance (liver voxels only if masked).
 * Large shells are thinned on a regular lattice to a few thousand voxels: plenty for a median.
 */
function shellVoxels(grid: Grid, click: number, maxRadiusMm: number, liver?: Uint8Array): number[][] {
  const bins = Math.ceil(maxRadiusMm) + 1;
  const shells: number[][] = Array.from({ length: bins }, () => []);
  const [nx, ny, nz] = grid.dims;
  const [sx, sy, sz] = grid.spacing;
  const voxelMm3 = sx * sy * sz;
  const stride = Array.from({ length: bins }, (_, r) =>
    Math.max(1, Math.ceil(Math.cbrt((4 * Math.PI * (r + 0.5) ** 2) / voxelMm3 / 2000) - 1e-9)),
  );
  const i = click % nx;
  const j = Math.floor(click / nx) % ny;
  const k = Math.floor(click / (nx * ny));
  const rx = Math.floor(maxRadiusMm / sx);
  const ry = Math.floor(maxRadiusMm / sy);
  const rz = Math.floor(maxRadiusMm / sz);
  for (let kk = Math.max(0, k - rz); kk <= Math.min(nz - 1, k + rz); kk++) {
    const dk = Math.abs(kk - k);
    for (let jj = Math.max(0, j - ry); jj <= Math.min(ny - 1, j + ry); jj++) {
      const dj = Math.abs(jj - j);
      for (let ii = Math.max(0, i - rx); ii <= Math.min(nx - 1, i + rx); ii++) {
        const d = Math.hypot((ii - i) * sx, dj * sy, dk * sz);
        if (d > maxRadiusMm) continue;
        const b = Math.floor(d);
        const s = stride[b]!;
        if (s > 1 && (Math.abs(ii - i) % s !== 0 || dj % s !== 0 || dk % s !== 0)) continue;
        const n = ii + nx * (jj + ny * kk);
        if (liver && !liver[n]) continue;
        shells[b]!.push(n);
      }
    }
  }
  return shells;
}

/** Median of each 2 mm shell (bins r and r + 1) per phase, computed on first use; null where fewer than 8 voxels. */
class ShellProfile {
  private readonly cache = new Map<number, number[] | null>();
  readonly length: number;

  constructor(
    private readonly phases: ScalarVolume[],
    private readonly shells: number[][],
  ) {
    this.length = shells.length - 1;
  }

  at(r: number): number[] | null {
    if (r < 0 || r >= this.length) return null;
    let v = this.cache.get(r);
    if (v === undefined) {
      const voxels = this.shells[r]!.concat(this.shells[r + 1]!);
      v = voxels.length >= 8 ? this.phases.map((ph) => median(voxels, (n) => ph.data[n]!)) : null;
      this.cache.set(r, v);
    }
    return v;
  }
}

/** Per-phase medians of the shells from r0 to r1 mm pooled; null when too few voxels. */
function pooledMedians(phases: ScalarVolume[], shells: number[][], r0: number, r1: number): number[] | null {
  const voxels: number[] = [];
  for (let r = Math.floor(r0); r <= Math.ceil(r1) && r < shells.length; r++) voxels.push(...shells[r]!);
  if (voxels.length < 8) return null;
  return phases.map((ph) => median(voxels, (n) => ph.data[n]!));
}

/**
 * Without a liver mask, the tissue around the lesion is the first plateau of the profile: the
 * first shell median that has left the core and stopped changing (fat or air beyond the organ
 * would differ more, so "differs most" would pick them).
 */
function firstPlateau(profile: ShellProfile, q: number, shells: number[][], core: number, noise: number): number {
  let ring = core;
  let previous = NaN;
  for (let r = 0; r < profile.length; r++) {
    const at = profile.at(r);
    if (!at) continue;
    const m = at[q]!;
    const count = shells[r]!.length + shells[r + 1]!.length;
    const se = (1.25 * noise) / Math.sqrt(count);
    const away = Math.abs(m - core);
    const flat = Math.abs(m - previous) < Math.max(2 * se, 0.1 * away);
    previous = m;
    if (away > 4 * se && flat && r > 3) return m;
    if (away > Math.abs(ring - core)) ring = m;
  }
  return ring;
}

/**
 * Normal-parenchyma intensity per phase: the half-sample mode over liver voxels lying bandMm[0]
 * to bandMm[1] under the liver surface (depth along the axes, sampled on a ~3 mm lattice).
 * Lesions and vessels reach the surface too, but parenchyma holds most of it even with heavy
 * burden; unlike the neighbourhood of the click, which a large or confluent lesion may fill.
 * Null when the mask is too small for a band.
 */
function parenchymaReference(phases: ScalarVolume[], liver: Uint8Array, bandMm: [number, number]): number[] | null {
  const { grid } = phases[0]!;
  const [nx, ny, nz] = grid.dims;
  const b = maskBounds([liver], grid.dims);
  if (!b) return null;
  const step = grid.spacing.map((s) => Math.max(1, Math.round(3 / s)));
  const inner = grid.spacing.map((s) => Math.max(1, Math.round(bandMm[0] / s)));
  const outer = grid.spacing.map((s) => Math.max(1, Math.round(bandMm[1] / s)));
  const samples: number[] = [];
  const inLiver = (i: number, j: number, k: number) =>
    // Beyond the grid counts as liver: a field of view cutting the organ is not its surface.
    i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz || liver[i + nx * (j + ny * k)] === 1;
  for (let k = b.min[2]; k <= b.max[2]; k += step[2]!)
    for (let j = b.min[1]; j <= b.max[1]; j += step[1]!)
      for (let i = b.min[0]; i <= b.max[0]; i += step[0]!) {
        const n = i + nx * (j + ny * k);
        if (!liver[n]) continue;
        const ijk = [i, j, k];
        let deep = true;
        let near = false;
        for (let a = 0; a < 3 && deep; a++) {
          for (const sgn of [-1, 1]) {
            const q = [...ijk];
            q[a] = q[a]! + sgn * inner[a]!;
            if (!inLiver(q[0]!, q[1]!, q[2]!)) {
              deep = false;
              break;
            }
            q[a] = ijk[a]! + sgn * outer[a]!;
            if (!inLiver(q[0]!, q[1]!, q[2]!)) near = true;
          }
        }
        if (deep && near) samples.push(n);
      }
  if (samples.length < 50) return null;
  // The mode, not the median: lesions reaching the surface pull a median towards them.
  return phases.map((ph) => halfSampleMode(Float64Array.from(samples, (n) => localMean3(ph, n)).sort()));
}

/** Mean of the voxel and its four in-plane neighbours (the voxel itself stands in past an edge). */
function localMean3(image: ScalarVolume, n: number): number {
  const { data, grid } = image;
  const nx = grid.dims[0];
  const i = n % nx;
  const j = Math.floor(n / nx) % grid.dims[1];
  const around = [n, i > 0 ? n - 1 : n, i < nx - 1 ? n + 1 : n, j > 0 ? n - nx : n, j < grid.dims[1] - 1 ? n + nx : n];
  let s = 0;
  for (const m of around) s += data[m]!;
  return s / around.length;
}

/** Noise SD from the MAD of differences between i-neighbours (robust to the edges in the region). */
function noiseSd(image: ScalarVolume, shells: number[][]): number {
  const diffs: number[] = [];
  const nx = image.grid.dims[0];
  // The inner shells first: the neighbourhood the lesion is read in; some thousands of pairs suffice.
  for (const shell of shells) {
    for (const n of shell) if (n % nx < nx - 1) diffs.push(Math.abs(image.data[n + 1]! - image.data[n]!));
    if (diffs.length > 20000) break;
  }
  if (diffs.length === 0) return 1;
  const mad = median(
    diffs.map((_, n) => n),
    (n) => diffs[n]!,
  );
  // |X1 - X2| for Gaussian noise: median = 0.6745 * sqrt(2) * sigma.
  return Math.max(1e-6, mad / (0.6745 * Math.SQRT2));
}
