import { padBox, type IndexBox } from '../volume/crop';
import type { Grid, ScalarVolume, Vec3 } from '../volume/grid';
import { sameGrid } from '../volume/grid';
import { IntStack } from './intStack';
import { splitConfluent } from './lesionModel';
import { ijk, lesionSizeCap, resolveLesionClick } from './lesionInput';
import { chordAlongDrag } from './dragChord';
import { median, voxelsWithin } from './localMean';
import {
  firstPlateau,
  localMean3,
  localParenchyma,
  noiseSd,
  parenchymaReference,
  ShellProfile,
  shellVoxels,
} from './lesionReference';
import { fillHoles3d, fillHolesPerSlice, keepComponentsAt } from './morphology';
import { refineEdge } from './refineEdge';
import { cropArray, pasteMask } from './workBox';
import { cutTubes } from './cutTubes';
import { lesionByContrast, outlineScore } from './lesionByContrast';
import { lesionByRays } from './lesionByRays';
import { lesionByTexture, type TextureReading } from './lesionByTexture';
import { outerRing } from './lesionOuterRing';
import { smoothLesionOutline } from './smoothLesionOutline';
import { countVoxels } from '../volume/countVoxels';
import { widerOutline } from './widerOutline';

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
  /** Bound (mm from the click) of a lesion clicked outside the liver mask without a drag. */
  outsideLiverRadiusMm: 40,
};

/** Reach (mm) of the wider reading of a clicked lesion (widerOutline): a 90 mm tumour from its centre. */
const WIDER_RADIUS_MM = 50;

/**
 * The shape models split the grow when they gave the clicked lesion less than this share of it:
 * the test phantom's touching pair gave 19%. A closed result then stands against a wider reading
 * without a drag (it could take the pair). Deep clicks in the crop's mottled tumours are split
 * too (2-12%): those keep their patch, a known gap.
 */
const SPLIT_SHARE = 0.75;

/** How far (mm) the liver round a dragged lesion is read for the local reference. */
const LOCAL_REFERENCE_REACH_MM = 40;

export interface LesionFromClickOptions extends Partial<typeof LESION_FROM_CLICK_DEFAULTS> {
  /** Flat voxel index of the click (on the shared grid of all phases); needed unless `line` is given. */
  click?: number;
  /**
   * A drag across the lesion's long axis on one slice: flat voxel indices of its two ends. Its
   * length (mm) is the expected diameter, which bounds the lesion (size prior); its midpoint is
   * the click (and wins over `click`).
   */
  line?: [number, number];
  /**
   * Strongly recommended: keeps the grow inside the liver, tells the lesion's truncation by the
   * capsule from its own outline, and gives the normal-parenchyma reference. A click outside it
   * (a tumour the liver segmentation left out) is segmented without the constraint, bounded by
   * outsideLiverRadiusMm or the drag, and flagged `outsideLiver`.
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
  /** The click lay outside the given liver mask: segmented without it; offer to add it to the liver. */
  outsideLiver: boolean;
  voxelCount: number;
}

/**
 * Click-to-segment (or drag-to-segment) a lesion on multiphase images sharing one grid.
 *
 * 0. The click or drag is checked (inside the image, not air or bone: lesionInput); a drag gives
 *    the click (its midpoint) and a size prior (its length) that bounds the lesion. A click
 *    outside the liver mask is segmented without it (bounded) and flagged outsideLiver.
 * 1. Reference intensities per phase: the core around the click (median), normal parenchyma (the
 *    mode of a band under the liver surface, which is parenchyma for most of its extent even at
 *    a heavy tumour burden; without a liver mask the first plateau of the radial profile) and a
 *    noise SD. Where the liver right round the lesion holds a level of its own (a darker region,
 *    lesionReference.localParenchyma), that level is the reference: the lesion ends there. The
 *    radial profile of shell medians (liver voxels only) then tells the lesion's make-up: where
 *    it leaves the core, and whether what follows is parenchyma (a solid lesion) or a rim of one
 *    other tissue all round (a necrotic or cystic core inside enhancing tumour: the lesion is
 *    core plus rim).
 * 2. The phase where the viable tumour differs most from parenchyma (in noise SDs) is segmented:
 *    box-mean intensities nearer the tumour than the parenchyma (and than the core, for a
 *    necrotic lesion) are grown from the click, or from the rim around the grown core. The grow
 *    follows confluent neighbours up to twice maxRadiusMm: the split needs their outlines.
 * 3. In the grown region's box: holes are filled (necrosis, crossing vessels); the region may hold
 *    several confluent lesions of the same enhancement, so it is split by shape models
 *    (lesionModel.splitConfluent); vessels the grow ran along are cut off by a shape prior
 *    (cutTubes), then the edge is refined to the half-way intensity (never into a neighbour the
 *    split gave away).
 * 4. With a drag, the tissue within its reach that differs from parenchyma on either side
 *    (lesionByContrast) replaces that when it outlines the lesion clearly better (necrotic core
 *    with its rim, rim with its iso core) and, on fine voxels, its chord along the drag is not
 *    further from the drag's length (a confluent neighbour it took); the star-shaped region rays
 *    from the lesion's centre outline (lesionByRays) replaces either when its chord along the
 *    drag is clearly nearer the drag's length.
 * 5. Click or drag, in a liver: when the layers right round the result are, all round, tissue on
 *    the other side of parenchyma from its edge that returns to parenchyma within a fraction of
 *    its radius, they are the lesion's outer ring and are added (lesionOuterRing: a target's
 *    enhancing rim round its dark ring, a necrotic rim round the core clicked).
 * 6. When the result is open (the tissue right round it is mostly not liver: one patch of a
 *    mottled tumour) or nothing differed at the click (a patch at liver level), the closed wider
 *    reading of widerOutline that holds it replaces it; so does a closed result that a wider
 *    reading clearly outlines better (a mottled tumour's grow stopped on a patch edge; a higher
 *    bar without a drag's size prior).
 * 7. On fine voxels, a mottled tumour read by its texture (lesionByTexture) replaces a result
 *    under half its size inside it (one patch) or over twice its size holding it (run on into a
 *    darker liver round the tumour).
 * 8. The outline is smoothed at a millimetre or two (smoothLesionOutline): the grow's edge follows
 *    the noise voxel by voxel.
 */
export function lesionFromClick(phases: ScalarVolume[], options: LesionFromClickOptions): LesionFromClickResult {
  if (phases.length === 0) throw new Error('lesion segmentation needs at least one phase');
  const grid = phases[0]!.grid;
  for (const ph of phases)
    if (!sameGrid(ph.grid, grid)) throw new Error('all phases must share one grid (resample first)');
  const total = grid.dims[0] * grid.dims[1] * grid.dims[2];
  const { click, diameterMm } = resolveLesionClick(phases, { click: options.click, line: options.line });
  const given = options.liverMask;
  if (given && given.length !== total) throw new Error('liver mask does not match the image grid');
  const outsideLiver = !!given && !given[click];
  const defaults = { ...LESION_FROM_CLICK_DEFAULTS, ...options };
  // Size prior: a drag bounds the lesion to a ball a little wider than half its length; a
  // tumour outside the liver mask has no organ to stop it, so it is bounded too.
  const cap = diameterMm ? lesionSizeCap(diameterMm) : outsideLiver ? defaults.outsideLiverRadiusMm : Infinity;
  const p = { ...defaults, click, maxRadiusMm: Math.min(defaults.maxRadiusMm, cap) };
  // Parenchyma is still read from the liver mask when the click lies outside it.
  const liver = outsideLiver ? undefined : given;
  const progress = options.onProgress ?? (() => {});

  // 1. References and profile.
  const shells = shellVoxels(grid, p.click, p.maxRadiusMm, liver);
  const coreVoxels = voxelsWithin(grid, p.click, Math.max(p.coreRadiusMm, ...grid.spacing.slice(0, 2)));
  const noise = phases.map((ph) => noiseSd(ph, shells));
  const core = phases.map((ph) => median(coreVoxels, (n) => ph.data[n]!));
  // Shell medians per phase, computed as the walks below reach them.
  const profile = new ShellProfile(phases, shells);
  const banded = given ? parenchymaReference(phases, given, p.parenchymaBandMm) : null;
  // The liver round the lesion, where it differs from the whole liver's; read beyond a drag's
  // short reach too (the lesion's own profile ends at its edge there).
  const localReference = (global: number[]) => {
    const reach = Math.min(defaults.maxRadiusMm, Math.max(p.maxRadiusMm, LOCAL_REFERENCE_REACH_MM));
    const wide = reach > p.maxRadiusMm ? shellVoxels(grid, p.click, reach, liver) : shells;
    const wideProfile = wide === shells ? profile : new ShellProfile(phases, wide);
    return localParenchyma(wideProfile, wide, core, global, noise, 12, diameterMm ? diameterMm / 2 : 0);
  };
  const paren = banded
    ? localReference(banded)
    : phases.map((_, q) => firstPlateau(profile, q, shells, core[q]!, noise[q]!));
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
  const necroticProfile =
    banded !== null &&
    beyond !== null &&
    rimToParen > 1 &&
    rimToParen > 0.25 * coreToParen &&
    dist(beyond, core) > 0.5 * coreToParen &&
    rimIsOneTissue(beyond);
  // The lesion's outer edge along the profile (for a necrotic lesion: where the rim ends).
  let extent = edge1;
  if (necroticProfile) {
    const rimContrast = dist(beyond!, paren);
    extent = NaN;
    for (let r = Math.ceil(edge1) + 2; r < profile.length; r++) {
      if (valid(r) && dist(at(r), beyond!) > 0.5 * rimContrast) {
        extent = r + 1;
        break;
      }
    }
  }
  // A rim that never ends, or many times thicker than the core it encloses, is not the lesion's
  // rim but the tissue round it (a darker liver region, a neighbour): the lesion is the core alone.
  // Without a drag the profile reaches far, and a rim not ending within it runs into confluent
  // neighbours (heavy burden): still a rim. Within a drag's short reach it is not.
  if (!Number.isFinite(extent) && !diameterMm) extent = p.maxRadiusMm;
  const necrotic = necroticProfile && Number.isFinite(extent) && (extent <= 3 * edge1 + 5 || extent >= p.maxRadiusMm);
  if (!necrotic) extent = edge1;
  const tumour = necrotic ? beyond! : core;
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
  // Not even the best phase tells the click's tissue from the parenchyma beyond the noise (read
  // only where the profile is long enough to reach parenchyma).
  const noLesion = p.maxRadiusMm >= 10 && !(conspicuity[best]!.contrastToNoise >= 1);
  // A plain click in the liver: a mottled tumour may hold the click in a patch at liver level
  // (nothing to grow) or in one patch of many (the grow stops inside the tumour); a wider
  // reading round the click replaces the grow when the grow is open and the reading is closed.
  let split = false;
  const wider = (current: Uint8Array | null) =>
    liver
      ? widerOutline({
          image: phases[best]!,
          liver,
          click,
          parenchyma: paren[best]!,
          contrast: Math.max(Math.abs(tumour[best]! - paren[best]!), 4 * noise[best]!),
          current,
          radiusMm: Math.min(p.maxRadiusMm, WIDER_RADIUS_MM),
          sizePrior: !!diameterMm,
          // The shape models split the grow from a confluent neighbour: without a drag's size
          // prior a wider reading would take the pair, whose outline is closed.
          closedStands: !diameterMm && split,
        })
      : null;
  if (noLesion) {
    const w = wider(null);
    if (!w)
      throw new Error(
        diameterMm
          ? 'No lesion found along the drag: the tissue there does not differ from the liver around it on any ' +
              'phase. Draw the lesion with the brush instead.'
          : 'No lesion found at the click: the tissue there does not differ from the liver around it on any ' +
              'phase. Drag across the lesion instead, or draw it.',
      );
    const smoothed = smoothLesionOutline(w.mask, grid, liver);
    progress(1);
    return {
      mask: smoothed,
      phaseIndex: best,
      conspicuity,
      window: [paren[best]!, paren[best]!],
      necroticCore: false,
      outsideLiver,
      voxelCount: countVoxels(smoothed),
    };
  }
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
    // The window is narrow against the noise: average at least 3x3 voxels in-plane.
    noisy: h < 2 * noise[best]!,
  });
  progress(0.8);
  split = m.split;
  let mask = pasteMask(m.mask, grid.dims, m.box, new Uint8Array(total));
  // With a drag, two more readings: all tissue within the drag's reach that differs from
  // parenchyma (lesionByContrast), kept when it outlines the lesion clearly better (the window
  // grow took a necrotic core without its rim, a rim without its core, or ran on); and the rays'
  // star-shaped region, kept when its chord along the drag matches the drag clearly better. Not
  // for a plain click: without the size prior both swallow confluent neighbours (which the
  // window grow's split keeps apart) and small lesions' surroundings.
  if (diameterMm) {
    const alt = lesionByContrast({
      image: phases[best]!,
      allowed: liver,
      click,
      parenchyma: P,
      lesionLevel: L,
      radiusMm: p.maxRadiusMm,
    });
    const altSize = alt.dims[0] * alt.dims[1] * alt.dims[2];
    const within = liver ? cropArray(liver, grid.dims, alt.box, new Uint8Array(altSize)) : undefined;
    const current = cropArray(mask, grid.dims, alt.box, new Uint8Array(altSize));
    // Better both with and without the voxel next to the edge (see outlineScore). On coarse
    // voxels (2 mm or more in-plane) the layers that skip it lie 4.5-9 mm from the edge: the
    // centre of a small lesion, or none of it; the layers next to the edge alone decide there.
    const better = (skip: boolean) =>
      outlineScore(alt.mask, alt, within, skip) > outlineScore(current, alt, within, skip) + 0.05;
    const coarse = Math.min(grid.spacing[0], grid.spacing[1]) >= 2;
    let chosen: Uint8Array = current;
    if ((coarse || better(true)) && better(false)) chosen = alt.mask;
    // A third reading: the star-shaped region the rays from the lesion's centre outline, bounded
    // by the drag (a necrotic core with its rim, a rim round an iso core, a target's rings).
    const rays = lesionByRays({
      image: phases[best]!,
      allowed: liver,
      click,
      parenchyma: P,
      radiusMm: p.maxRadiusMm,
      priorRadiusMm: diameterMm / 2,
    });
    // The drag ran from edge to edge: among readings that outline a lesion, the one whose chord
    // along the drag comes nearest its length wins when it is clearly nearer (a tenth of it).
    const ends = options.line!.map((n) => ijk(grid, n)) as [Vec3, Vec3];
    const miss = (m: Uint8Array) =>
      Math.abs(chordAlongDrag(m, alt.dims, alt.box, grid.spacing, ends) - diameterMm) / diameterMm;
    const candidates = [current, alt.mask, rays.mask];
    const errors = candidates.map(miss);
    // Clearly nearer: by a tenth of the drag, and by more than the chord's own rounding (a voxel
    // and a half at either end on coarse voxels).
    const margin = Math.max(0.1, (1.5 * Math.max(grid.spacing[0], grid.spacing[1])) / diameterMm);
    let nearest = -1;
    for (const [m, c] of candidates.entries())
      if (outlineScore(c, alt, within, false) > 1.2 && (nearest < 0 || errors[m]! < errors[nearest]!)) nearest = m;
    // The reading chosen for its outline strays further from the drag's length than the window
    // grow does: it took a confluent neighbour (the contrast reading does not split confluent
    // lesions), the grow's split kept it apart. Told apart only on fine voxels: on coarse ones
    // (2 mm or more) the chord's rounding is as large as the margin.
    if (!coarse && chosen === alt.mask && errors[1]! > errors[0]! + margin / 2) chosen = current;
    if (nearest >= 0 && errors[nearest]! < miss(chosen) - margin) chosen = candidates[nearest]!;
    if (chosen !== current) {
      mask = pasteMask(chosen, grid.dims, alt.box, new Uint8Array(total));
    }
  }
  // A target's enhancing rim round its dark ring, a necrotic rim round the core: the grow took
  // the inner part alone when the layers round it are another tissue all round.
  const ring = liver ? outerRing({ image: phases[best]!, liver, mask, parenchyma: P, noise: noise[best]! }) : null;
  if (ring) mask = ring.mask;
  const w = wider(mask);
  if (w) mask = w.mask;
  // A mottled tumour read by its texture, when the grow took one patch of it or ran on into a
  // darker liver round it (fine voxels only). Its mean lies below both the whole liver and the
  // liver round it (which, next to a darker region, may be read at the tumour's own level).
  const textured = liver
    ? lesionByTexture({
        image: phases[best]!,
        liver,
        click,
        parenchyma: Math.max(P, banded![best]!),
        radiusMm: Math.min(p.maxRadiusMm, WIDER_RADIUS_MM),
      })
    : null;
  if (textured && preferTexture(mask, textured)) mask = textured.mask;
  mask = smoothLesionOutline(mask, grid, liver);
  const voxelCount = countVoxels(mask);
  progress(0.9);
  if (voxelCount <= 1)
    throw new Error(
      diameterMm
        ? 'No lesion found along the drag: the tissue there does not stand apart from its surroundings. ' +
            'Drag again from edge to edge through its centre, or draw it.'
        : 'No lesion found at the click: the tissue there does not stand apart from its surroundings. ' +
            'Click nearer the lesion centre, drag across it, or draw it.',
    );
  progress(1);
  return { mask, phaseIndex: best, conspicuity, window, necroticCore: necrotic, outsideLiver, voxelCount };
}

/**
 * The texture reading replaces the current one when they are the same lesion at very different
 * sizes: the current is under half the texture reading and lies mostly in it (the window took
 * one patch), or over twice it and holds most of it while the click itself is textured (the
 * grow ran on into the liver round a mottled tumour; a smooth necrotic core clicked has only its
 * edge textured, and the current, core and rim, is right).
 */
function preferTexture(current: Uint8Array, texture: TextureReading): boolean {
  const currentCount = countVoxels(current);
  let shared = 0;
  for (let n = 0; n < current.length; n++) if (current[n] && texture.mask[n]) shared++;
  if (currentCount < 0.5 * texture.voxelCount) return shared >= 0.8 * currentCount;
  if (currentCount > 2 * texture.voxelCount) return texture.atClick && shared >= 0.8 * texture.voxelCount;
  return false;
}

interface GrowPlan {
  window: [number, number];
  noisy: boolean;
  necrosisWindow: [number, number] | null;
  necrosisRadiusMm: number;
  reference: number;
}

function segmentRegion(
  image: ScalarVolume,
  liver: Uint8Array | undefined,
  p: typeof LESION_FROM_CLICK_DEFAULTS & { click: number; maxRadiusMm: number },
  plan: GrowPlan,
): { mask: Uint8Array; box: IndexBox; split: boolean } {
  const { grid } = image;
  const sample = createBoxMean(image, p.smoothingRadiusMm, plan.noisy);
  // Confluent neighbours are followed twice as far as the lesion itself may reach.
  const context = 2 * p.maxRadiusMm;
  // The core of a necrotic or target lesion grows in a wide window (three half-gaps on its far
  // side): the in-plane box a narrow window needs would blur a small core away on coarse voxels.
  const fine = plan.noisy ? createBoxMean(image, p.smoothingRadiusMm, false) : sample;
  const grow = (seeds: number[], w: [number, number], capMm: number, f = sample) =>
    flood(f, grid, seeds, w, p.click, capMm, liver);
  let region: Grown;
  if (plan.necrosisWindow) {
    const core = grow([p.click], plan.necrosisWindow, Math.min(p.maxRadiusMm, plan.necrosisRadiusMm), fine);
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
  let split = false;
  if (p.splitConfluent) {
    m = splitConfluent(u, dims, spacing, click, { within: allowed, maxMm: 2 * context }).mask;
    if (m[click]) m = keepComponentsAt(m, dims, [click]);
    let all = 0;
    let own = 0;
    for (let n = 0; n < size; n++) {
      all += u[n]!;
      own += m[n]!;
    }
    split = own < SPLIT_SHARE * all;
  }
  // Vessels the grow ran along (the lesion's own brightness, or darker ones beside a hypo lesion).
  m = cutTubes(m, dims, spacing, { near: click });
  // The lesion itself stays within maxRadiusMm of the click.
  clipToBall(m, dims, spacing, click, p.maxRadiusMm);
  // Refine into the partial-volume rim, never into a neighbouring lesion the split gave away.
  const refineAllowed = new Uint8Array(size);
  for (let n = 0; n < size; n++) refineAllowed[n] = (!allowed || allowed[n] ? 1 : 0) & ((u[n]! & (m[n]! ^ 1)) ^ 1);
  const localGrid: Grid = { ...grid, dims };
  m = refineEdge(m, { grid: localGrid, data: raw }, plan.reference, 1, refineAllowed);
  return { mask: m, box, split };
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

/**
 * On-demand box mean with half-widths of the nearest whole number of voxels to radiusMm; with
 * `atLeastOneInPlane`, at least one voxel in-plane: on 3 mm voxels a 1 mm radius rounds to none,
 * and a noisy grow then tests raw noise against a window narrower than it.
 */
function createBoxMean(volume: ScalarVolume, radiusMm: number, atLeastOneInPlane: boolean): (n: number) => number {
  const { data, grid } = volume;
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  const [rx, ry, rz] = grid.spacing.map((s, a) =>
    Math.max(atLeastOneInPlane && a < 2 && radiusMm > 0 ? 1 : 0, Math.round(radiusMm / s)),
  ) as Vec3;
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

/** Per-phase medians of the shells from r0 to r1 mm pooled; null when too few voxels. */
function pooledMedians(phases: ScalarVolume[], shells: number[][], r0: number, r1: number): number[] | null {
  const voxels: number[] = [];
  for (let r = Math.floor(r0); r <= Math.ceil(r1) && r < shells.length; r++) voxels.push(...shells[r]!);
  if (voxels.length < 8) return null;
  return phases.map((ph) => median(voxels, (n) => ph.data[n]!));
}
