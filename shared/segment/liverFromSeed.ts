import type { IndexBox } from '../volume/crop';
import { indexToPatient, type Grid, type ScalarVolume, type Vec3 } from '../volume/grid';
import { competitiveGrow } from './competitiveGrow';
import { cutThinLeaks } from './cutThinLeaks';
import { lesionRim } from './liverLesionClick';
import { fillLesionBites } from './liverLesionFill';
import { boxMeanArray, forEachWithin, voxelsWithin } from './localMean';
import {
  closeMm,
  fillHoles3d,
  fillHolesPerSlice,
  growMm,
  keepComponentsAt,
  keepLargestComponent,
  labelComponents,
  openMm,
  shrinkMm,
} from './morphology';
import { looksLikeCt } from '../volume/looksLikeCt';
import { refineEdge, refineEdgeAt } from './refineEdge';
import { blockFactors, downsampleMean, upsampleMask, type Downsampled } from './resampleBlocks';
import { cropArray, paddedBox, pasteMask } from './workBox';

/** Smoothed CT values (HU) the filling may not take in: fat below, bone above. */
const CT_FAT_BELOW = -30;
const CT_BONE_ABOVE = 250;
/** A bright tumour's rim must read as parenchyma over this share of it (not fat, bowel or bone). */
const ENCLOSED_RIM_SHARE = 0.6;

/** Algorithm parameters (not clinical thresholds): tuned on the synthetic sample cases. */
export const LIVER_FROM_SEED_DEFAULTS = {
  /**
   * Voxel size (mm) the region work runs at: a finer series is block-averaged down to about this
   * first (a liver outline needs no sub-millimetre voxels, and the averaging is the first noise
   * filter); the result is interpolated back to the series' grid.
   */
  workingMm: 2,
  /** Box-mean radius (mm) used to test voxels: takes CT noise (~12 HU) down to a few HU. */
  smoothingRadiusMm: 1.5,
  /** Radius (mm) around the click the parenchyma statistics come from. */
  statsRadiusMm: 10,
  /** Window half-width above the median, in robust standard deviations of the smoothed parenchyma. */
  k: 3,
  /**
   * Half-width below the median: wider, so lesions that are only mildly hypoattenuating in the
   * portal venous phase (and the bulk of a heavily replaced liver) join the grow directly.
   */
  kBelow: 6,
  /**
   * On CT whose histogram has no muscle valley (unenhanced, or a 3 mm series where liver, spleen,
   * muscle and bowel wall blur together): the window reaches this many of the parenchyma mode's
   * SDs below the mode, whatever the click's own spread. Bounding it by the click's spread made the
   * result depend on where one clicked (a dome seed in the 3 mm crop lost 23 % of the liver; from
   * the mode every seed gives Dice 0.892-0.897). 1.5 SD gained 0.01 on the crop but left out part
   * of necrotic and confluent lesions. A click in a dark tumour no longer lowers it either (it
   * reached 15 HU from a click in a 21 HU hypo lesion of the crop and took in the body wall,
   * +26 % volume): such a click starts from the parenchyma round the tumour (offModeSd).
   */
  kBelowNoValley: 2,
  /**
   * Without a muscle valley the window is read again from a first grow's liver, kBelowGrown of its
   * mode's SDs below its median, and the liver grown again in it. Least Dice between six seeds:
   * 3 mm crop 0.950 -> 0.981, whole abdomen 0.947 -> 0.974 (whole liver 1102-1197 -> 1149-1202
   * mL); Dice on the crop 0.897-0.910 -> 0.901-0.911. At 1.75 or 1.5 SD the liver lost 2-10 %
   * and the seeds agreed less. The first grow doubles the time of a click's first grow on such
   * series; a stroke's re-grow reuses the window.
   */
  windowFromGrow: true,
  kBelowGrown: 2,
  /**
   * The CT parenchyma's mode is looked for from 15 HU below the click's median up to this far
   * above it: from a click in a hypo tumour (42 HU in a 99 HU slab liver) a search to +40 found
   * the tumour's and muscle's mode, and the grow stayed in the tumour (nothing, or 39 % of it).
   */
  modeSearchAbove: 100,
  /**
   * A click whose 10 mm median lies more than this many mode SDs from the mode (or outside the
   * window) is in a tumour, not in parenchyma. Clicks in parenchyma lie within 1.1 SD of it on the
   * 3 mm crop and whole abdomen and within 2 SD on the slab but for one seed beside a vessel
   * (-3.9 SD, which then starts from the parenchyma round it, with the same result); clicks in
   * the hybrids' hypo, target and mottled tumours lie 3.7-6.7 SD away on the slab, 2.2-3.7 SD
   * and below the window on the crop (a mid-rim click on a necrotic one 0.6-0.8: it grows as
   * parenchyma and the tumour is a hole).
   */
  offModeSd: 3,
  /**
   * ...then the grow starts from the voxels round the tumour that read as parenchyma (within
   * rimBelowSd below and rimAboveSd above the mode), found by a flood through the tumour (values
   * outside that band, above fat and below bone) up to lesionClickRadiusMm from the click: the
   * hybrids' tumours are up to 56 mm across. From clicks at the centre of each tumour of 25 mm or
   * more the slab gives Dice 0.957-0.958 (was 0 for three of six: the grow stayed in the tumour)
   * and the crop 0.85-0.90 (was 0.84-0.91 at +7 to +34 % volume). A click in a bright tumour
   * finds the tumour's own mode (the search runs from 15 HU below the click up): a taller mode
   * below it is taken instead when the tumour is closed round by that parenchyma within this
   * radius (lesionRim with enclosedShare). A click in a tumour too small for the window to reach round it
   * starts from its rim as well. Centre clicks in the hybrids' hyper tumours (8-21 mm) gave
   * 0.000-0.023; now 0.897-0.958, 99-100 % of the tumour inside, as from a parenchyma click.
   */
  lesionClickRadiusMm: 40,
  rimBelowSd: 1.5,
  rimAboveSd: 2,
  /**
   * Tumours at the capsule (fillLesionBites): regions outside the outline, inside its per-slice
   * convex hull, with smoothed values from lesionFloorHu (above fat; necrosis reads ~0-20 HU) to
   * the window's top, opened by lesionOpenMm, that touch the liver over at least lesionContact of
   * their faces. A 45 mm hypo tumour against the slab's capsule was 27-33 % inside (Dice 0.938);
   * now 98 % (0.958). Without the opening the strips of intercostal muscle between the liver and
   * the ribs touch it over up to 0.57 (at 0.5 they added +2 % volume to the plain slab) and a
   * tumour 0.68; opened by 5 mm (2-3 working voxels: the strips are 2-4 mm thick) they are gone
   * and 0.5 keeps the plain cases unchanged; an 18 mm tumour half out of a synthetic liver
   * touches it over 0.52-0.57. The opening also parts tumours from the muscle and bowel they touch
   * through a blurred fat plane (a mottled tumour of the crop: 62 % → 83 % inside, worst seed).
   */
  lesionFloorHu: -10,
  lesionContact: 0.5,
  lesionOpenMm: 5,
  /** On MR: the window around the parenchyma's intensity mode, in the mode's SDs below and above. */
  kBelowMr: 2,
  kAboveMr: 1,
  /** Lower bound of the window half-width, so a very uniform seed area does not starve the grow. */
  minHalfWidth: 6,
  /**
   * Opening radius (mm) against one-voxel bridges and shells: partial-volume shells (round a rib,
   * along a fat plane) have liver-like intensity and would otherwise let the grow reach tissue
   * beyond the abdominal wall, and the filling then take in the rib. The rim it shaves off the
   * liver comes back with the edge refinement.
   */
  fineLeakCutMm: 1.5,
  /**
   * Bright cavities head-wards of the click wider than 2 x cavityRadiusMm (heart chambers; the
   * IVC and portal vein are narrower) are walls, with cavityMarginMm round them (the myocardium,
   * ~10 mm).
   */
  cavityRadiusMm: 14,
  cavityMarginMm: 12,
  /** Opening radius (mm) that separates thin sheets (muscle, diaphragm) from the liver body. */
  thinLeakMm: 8,
  /** Pieces the opening removed that end within this distance (mm) of the body stay (lobe tips). */
  thinLeakExtentMm: 25,
  /** A kept piece touches the body over at least this times its volume^(2/3) voxels (not a bridge). */
  thinLeakContact: 0.4,
  /** Closing radius (mm) that takes in vessels and lesions notching the surface. */
  closingMm: 6,
  /** On CT, voxels the closing adds within this distance (mm) of bone are left out (rib gaps). */
  ribGapMm: 5,
  /**
   * On CT, no liver within this distance (mm) of bone outside it. TotalSegmentator's liver lies
   * 5.5 mm (slab) and 7.3 mm (3 mm crop) or more from bone at its 1st percentile. Slab Dice
   * 0.957-0.958 -> 0.962-0.963 (volume +4.8 to +5.5 % -> +3.7 to +3.9 %); crop Dice +0.003 to
   * +0.006, volume 1.5 % less: the muscle strip between the liver and the ribs.
   */
  boneMarginMm: 5,
  /** Leave out enhancing vessels wider than wideVesselMm that the filling took in (the IVC). */
  excludeWideVessels: true,
  /**
   * Radius (mm) beyond which an enhancing tube inside the outline is taken for the inferior vena
   * cava rather than an intrahepatic vessel: the IVC is 20-30 mm across, the portal trunk and the
   * hepatic veins at their confluence about 15 mm or less.
   */
  wideVesselMm: 8,
  /**
   * Window from the image's histogram rather than the click's neighbourhood alone (see
   * histogramWindow): the same window wherever the click lands, and parts of the liver darker or
   * brighter than the click are taken in.
   */
  histogramWindow: true,
  /**
   * The parenchyma's mode is read from the histogram within this distance of the click; the
   * muscle valley from the whole image's. On a whole unenhanced abdomen (3 mm, 112 slices) the
   * image's tallest mode is bowel and muscle at ~17 HU, the liver at 40-50 only a shoulder on it:
   * five of six seeds took in the abdomen (4.5-6.6 L). Within 100 mm each gave 1.06-1.20 L; at
   * 100 mm the mode still followed the click's part of the 3 mm crop's liver (46-51 HU: lower
   * bound 29-37, Dice 0.871-0.905, seeds agreeing 0.909); within 130 mm 0.896-0.909, agreeing
   * 0.950 (whole abdomen 1.10-1.20 L, agreeing 0.947). 160 mm agreed more (0.962) but put every
   * crop seed at +10 % volume and cost a mottled-tumour hybrid 0.01; 70 mm agreed 0.877.
   */
  modeRadiusMm: 130,
  /** Voxel layers the boundary may move out to the half-way intensity (partial-volume rim). */
  edgeLayers: 2,
  /**
   * ...but no further than this (mm, in-plane): the partial-volume rim is as wide as the scanner's
   * blur, not a voxel count. Two 3 mm layers took the body wall's muscle into the 3 mm CT's liver
   * (+9-16 % volume; one layer +2-10 %, Dice +0.003).
   */
  edgeReachMm: 4,
  /**
   * How far (in SDs of the noise) a voxel joining the rim may read past the parenchyma, on the
   * side away from what lies beyond: noise, not tissue (muscle between liver and rib is darker
   * than the liver, with bone beyond: it is no partial-volume mix of the two).
   */
  edgeSlackSd: 2,
  /**
   * Edge layers on the working grid when the series is finer by a factor of two (three or more
   * get one). None: the one layer after upsampling places the edge; a layer on the working grid
   * as well put the Siemens slab's outline ~1 mm outside TotalSegmentator's all round (+7-9%
   * volume; without it +5-6%, Dice +0.003).
   */
  coarseEdgeLayers: 0,
};

export interface LiverFromSeedOptions extends Partial<typeof LIVER_FROM_SEED_DEFAULTS> {
  /** The click (flat voxel index) in liver parenchyma of a portal venous phase. */
  seed: number;
  /** Voxels the user painted as liver. */
  include?: number[];
  /** Voxels the user painted as not liver. */
  exclude?: number[];
  onProgress?(fraction: number): void;
  /**
   * Kept by the caller between re-grows of one click on one volume (include / exclude strokes):
   * the working grid, its smoothing, the window and the walls are computed once.
   */
  cache?: LiverGrowCache;
}

/** Opaque to callers: pass the same object (initially {}) to each re-grow of one click. */
export interface LiverGrowCache {
  data?: ScalarVolume['data'];
  grid?: Grid;
  seed?: number;
  prepared?: PreparedGrow;
}

export interface LiverFromSeedResult {
  mask: Uint8Array;
  /** Intensity window the parenchyma grew in. */
  window: [number, number];
  voxelCount: number;
}

/**
 * Whole liver from one click, refined by include/exclude strokes.
 *
 * 0. Series finer than workingMm are block-averaged down to it; everything up to step 5 runs on
 *    that grid, the morphology in the grown region's box. Step 0 and 1 depend on the click alone
 *    and are reused from options.cache by a stroke's re-grow.
 * 1. Window: median and MAD of the box-smoothed intensity within statsRadiusMm of the click,
 *    widened from the image histogram (histogramWindow): down to the valley between muscle and
 *    parenchyma where there is one (where there is none, on CT: read again from a first grow's
 *    liver, windowFromGrow), up past the parenchyma's mode, so the window is the same
 *    wherever the click lands and darker or brighter parts of the liver join (on MR: a band round
 *    the mode of intensities scaled to the click). A CT click far from the parenchyma's mode (in
 *    a tumour; in a bright one, where the parenchyma's is a taller mode below the click that
 *    closes round it) starts the grow from the parenchyma round the tumour (lesionRim). Heart chambers
 *    head-wards of the click and their wall are walls (cavityWalls).
 * 2. Competitive seeded region growing (see competitiveGrow): click + include strokes against
 *    exclude strokes; everything outside the window is background automatically (fat, air, bone,
 *    bright vessels, dark lesions are walls). Include strokes also grow in a window of their own.
 * 3. Leak cuts: an opening by fineLeakCutMm removes one-voxel bridges and shells; cutThinLeaks
 *    keeps the body round the click's cores at thinLeakMm and, of what that opening removed, the
 *    short pieces joined broadly (lobe tips), not the long sheets (muscle, diaphragm) or the
 *    blobs hanging on by a bridge.
 * 4. Whole-liver filling for volumetry: 3D and per-slice hole fill (enclosed lesions, necrosis,
 *    intrahepatic vessels; done before step 3 too), edge refinement into the partial-volume rim,
 *    closing by closingMm (surface lesions, vessels at the hilum), fill again; then the enhancing
 *    tubes wider than wideVesselMm that leave the outline (the IVC) are taken out again. On CT,
 *    tumours bulging the capsule join last (fillLesionBites: lesion-like regions inside the
 *    outline's per-slice convex hull that the liver bounds over most of their surface).
 * 5. Back on the series grid: the working mask interpolated (trilinear, threshold one half) and
 *    its edge refined by one voxel at the series' own resolution.
 */
export function liverFromSeed(volume: ScalarVolume, options: LiverFromSeedOptions): LiverFromSeedResult {
  const p = { ...LIVER_FROM_SEED_DEFAULTS, ...options };
  const { grid } = volume;
  const total = grid.dims[0] * grid.dims[1] * grid.dims[2];
  if (!Number.isInteger(p.seed) || p.seed < 0 || p.seed >= total) throw new Error('liver seed lies outside the image');
  const progress = options.onProgress ?? (() => {});
  const cached = options.cache;
  const reuse = cached?.prepared && cached.data === volume.data && cached.seed === p.seed && cached.grid === grid;
  let prep = reuse ? cached.prepared! : prepareGrow(volume, p);
  // No muscle valley (unenhanced or 3 mm CT): the parenchyma's mode and width read within
  // modeRadiusMm of the click depend on how much muscle, spleen and bowel that ball holds, so the
  // window moved with the click (lower bound 29-35 HU over six seeds of the 3 mm crop, least Dice
  // between two seeds 0.950). Read again from a first grow's liver, which is much the same from
  // every seed, the window is the same for every seed; a stroke's re-grow reuses it.
  if (!reuse && prep.isCt && p.histogramWindow && p.windowFromGrow && prep.floor === -Infinity) {
    const first = growLiver(volume, p, prep, (f) => progress(0.5 * f));
    prep = { ...prep, window: windowFromLiver(prep, first.workMask, first.workBox, p) };
    if (cached) Object.assign(cached, { data: volume.data, seed: p.seed, grid, prepared: prep });
    return growLiver(volume, p, prep, (f) => progress(0.5 + 0.5 * f)).result;
  }
  if (cached) Object.assign(cached, { data: volume.data, seed: p.seed, grid, prepared: prep });
  return growLiver(volume, p, prep, progress).result;
}

/** The window from the histogram of a grown liver (mask on the working grid's box). */
function windowFromLiver(
  prep: PreparedGrow,
  mask: Uint8Array,
  box: IndexBox,
  p: typeof LIVER_FROM_SEED_DEFAULTS,
): [number, number] {
  const [nx, ny] = prep.work.volume.grid.dims;
  const bx = box.max[0] - box.min[0] + 1;
  const by = box.max[1] - box.min[1] + 1;
  const inLiver = (visit: (n: number) => void) => {
    for (let n = 0; n < mask.length; n++) {
      if (!mask[n]) continue;
      const i = (n % bx) + box.min[0];
      const j = (Math.floor(n / bx) % by) + box.min[1];
      const k = Math.floor(n / (bx * by)) + box.min[2];
      visit(i + nx * (j + ny * k));
    }
  };
  const h = histogramWindow(prep.smooth, prep.med, prep.sdFloor, 1, inLiver, p.modeSearchAbove);
  // Centred on the median of every voxel rather than the histogram's mode, which moves in whole
  // 2-unit bins: it split six seeds of the whole abdomen into two windows 5 units apart. (The
  // spread read from percentiles instead of the mode's half-width was narrower on synthetic
  // livers, which then left out necrotic lesions and stopped short of the dome.)
  const values: number[] = [];
  inLiver((n) => values.push(prep.smooth[n]!));
  const median = quantile(Float64Array.from(values).sort(), 0.5);
  return [median - p.kBelowGrown * h.modeSd, h.upper];
}

/** Steps 2-5 of liverFromSeed on a prepared click. */
function growLiver(
  volume: ScalarVolume,
  p: typeof LIVER_FROM_SEED_DEFAULTS & LiverFromSeedOptions,
  prep: PreparedGrow,
  progress: (fraction: number) => void,
): { result: LiverFromSeedResult; workMask: Uint8Array; workBox: IndexBox } {
  const { grid } = volume;
  const total = grid.dims[0] * grid.dims[1] * grid.dims[2];
  const { work, smooth, med, window, floor, cavity, seed, sdFloor, isCt } = prep;
  const wg = work.volume.grid;
  const wTotal = wg.dims[0] * wg.dims[1] * wg.dims[2];
  const toWork = work.toWork;
  progress(0.15);
  const sample = cavity ? (n: number) => (cavity[n] ? -Infinity : smooth[n]!) : (n: number) => smooth[n]!;
  // Seeds: the click plus the in-window voxels right around it (the click may sit on a vessel).
  const include = (p.include ?? []).filter((v) => v >= 0 && v < total).map(toWork);
  const seeds = [...startSeeds(wg, seed, prep.rimSeeds, sample, window, p), ...include];
  const exclude = (p.exclude ?? []).filter((v) => v >= 0 && v < total).map(toWork);
  const labels = competitiveGrow(work.volume, {
    objectSeeds: seeds,
    backgroundSeeds: exclude,
    window,
    sample,
    objectMean: med,
  });
  // Include strokes may lie in parenchyma that looks unlike the click (a darker dependent part,
  // a steatotic region): they also grow in a window of their own, never below the muscle valley.
  if (include.length > 0) {
    const strokeValues = Float64Array.from(include, sample).sort();
    const sMed = quantile(strokeValues, 0.5);
    const sDev = Float64Array.from(strokeValues, (v) => Math.abs(v - sMed)).sort();
    const sSd = Math.max(sdFloor, 1.4826 * quantile(sDev, 0.5));
    const more = competitiveGrow(work.volume, {
      objectSeeds: include,
      backgroundSeeds: exclude,
      window: [Math.max(floor, sMed - p.kBelow * sSd), sMed + p.k * sSd],
      sample,
      objectMean: sMed,
    });
    for (let n = 0; n < wTotal; n++) if (more[n] === 1 && labels[n] !== 2) labels[n] = 1;
  }
  progress(0.4);
  const objectOnly = new Uint8Array(wTotal);
  for (let n = 0; n < wTotal; n++) objectOnly[n] = labels[n] === 1 ? 1 : 0;
  const wb = paddedBox(objectOnly, wg, p.closingMm + 2);
  if (!wb) throw new Error('liver grow found nothing at the seed');
  const dims = wb.grid.dims;
  const size = dims[0] * dims[1] * dims[2];
  // What the exclude strokes won stays out whatever the filling below would add.
  const background = cropArray(labels, wg.dims, wb.box, new Uint8Array(size));
  const local = (n: number): number => {
    const i = n % wg.dims[0];
    const j = Math.floor(n / wg.dims[0]) % wg.dims[1];
    const k = Math.floor(n / (wg.dims[0] * wg.dims[1]));
    return i - wb.box.min[0] + dims[0] * (j - wb.box.min[1] + dims[1] * (k - wb.box.min[2]));
  };
  let m: Uint8Array = cropArray(objectOnly, wg.dims, wb.box, new Uint8Array(size));
  const seedLocal = local(seed);
  const anchors = seeds.map(local);
  // Fill first: noise specks, vessels and lesions left out by the window would otherwise let the
  // leak-cut opening eat the liver from the inside.
  // The fine opening comes before the per-slice fill, which would close the gap between the liver
  // and tissue wrapped round a wall (the wall would become an in-slice hole).
  m = fillHoles3d(m, dims);
  // (Below the working grid's smallest spacing the opening changes nothing: skip it and the pick.)
  if (p.fineLeakCutMm >= Math.min(...wb.grid.spacing))
    m = pickComponent(openMm(m, wb.grid, p.fineLeakCutMm), dims, anchors) ?? m;
  m = fillHolesPerSlice(m, dims);
  if (p.thinLeakMm > 0)
    m =
      pickComponent(
        cutThinLeaks(m, wb.grid, p.thinLeakMm, p.thinLeakExtentMm, anchors, p.thinLeakContact),
        dims,
        anchors,
      ) ?? m;
  progress(0.6);
  const localImage = { grid: wb.grid, data: cropArray(work.volume.data, wg.dims, wb.box, new Float32Array(size)) };
  // The rim is refined once, on the finest grid: a series finer than the working grid gets its
  // one layer after upsampling (below); refining on both grids moved the slab's outline ~1 mm out.
  // A working voxel of three or more series voxels across is more than the one fine layer can
  // make up: one layer on the working grid first.
  const inPlane = Math.max(wb.grid.spacing[0], wb.grid.spacing[1]);
  const layers = work.identity
    ? Math.max(1, Math.min(p.edgeLayers, Math.floor(p.edgeReachMm / inPlane)))
    : Math.max(...work.factors) >= 3
      ? 1
      : p.coarseEdgeLayers;
  m = refineEdge(m, localImage, med, layers, undefined, undefined, 1, p.edgeSlackSd * prep.workNoise);
  const grown = m;
  if (p.closingMm > 0) m = closeMm(m, wb.grid, p.closingMm);
  m = fillHolesPerSlice(fillHoles3d(m, dims), dims);
  const localSmooth = cropArray(smooth, wg.dims, wb.box, new Float32Array(size));
  // On CT, what the filling and closing took in at fat or bone HU is the hilar fat, the fissures
  // and the ribs the outline closed round, never liver (lesions and necrosis lie above fat HU).
  // The closing also bridges the intercostal spaces where the outline runs along the ribs: what
  // it added within ribGapMm of bone goes too.
  if (isCt) {
    // Few voxels are added: a ball look-up round each is cheaper than dilating all the bone.
    const nearBone = ballProbe(wb.grid, p.ribGapMm, (n) => localImage.data[n]! > CT_BONE_ABOVE);
    for (let n = 0; n < size; n++) if (m[n] && !grown[n] && (localSmooth[n]! < CT_FAT_BELOW || nearBone(n))) m[n] = 0;
    // Nor does the liver lie within boneMarginMm of the ribs or spine: diaphragm and intercostal
    // muscle lie between, at liver HU on unenhanced CT. (Bone outside the outline only: contrast
    // in the vessels the outline holds may read as bright.)
    if (p.boneMarginMm > 0) {
      const bone = new Uint8Array(size);
      let any = false;
      for (let n = 0; n < size; n++)
        if (!m[n] && localImage.data[n]! > CT_BONE_ABOVE) {
          bone[n] = 1;
          any = true;
        }
      if (any) {
        const near = growMm(bone, wb.grid, p.boneMarginMm);
        for (let n = 0; n < size; n++) if (near[n]) m[n] = 0;
      }
    }
  }
  if (p.excludeWideVessels) {
    removeWideVessels(m, localSmooth, wb.grid, med, window[1], p.wideVesselMm);
  }
  for (let n = 0; n < size; n++) if (background[n] === 2) m[n] = 0;
  // Tumours at the capsule bulge the surface rather than leave a hole: regions the outline wraps
  // round with lesion-like values join (fillLesionBites).
  if (isCt && p.lesionContact > 0) {
    const blocked = new Uint8Array(size);
    for (let n = 0; n < size; n++) if (background[n] === 2) blocked[n] = 1;
    if (cavity) {
      const walls = cropArray(cavity, wg.dims, wb.box, new Uint8Array(size));
      for (let n = 0; n < size; n++) blocked[n] |= walls[n]!;
    }
    const band: [number, number] = [p.lesionFloorHu, window[1]];
    if (
      fillLesionBites(m, localSmooth, wb.grid, { band, minContact: p.lesionContact, openMm: p.lesionOpenMm, blocked }) >
      0
    )
      m = fillHolesPerSlice(m, dims);
  }
  m = pickComponent(m, dims, [seedLocal, ...anchors]) ?? m;
  progress(0.85);
  const mask: Uint8Array = new Uint8Array(total);
  // Counted in the box the mask was written to: a pass over the whole series (78 MB at
  // 512x512x300) cost a re-grow more than the grow's last steps.
  let voxelCount: number;
  if (work.identity) {
    pasteMask(m, grid.dims, wb.box, mask);
    voxelCount = countInBox(mask, grid.dims, wb.box.min, wb.box.max);
  } else {
    const shell: number[] = [];
    upsampleMask(m, wb.box, dims, work, grid, mask, shell);
    const f = work.factors;
    const lo = wb.box.min.map((v, a) => v * f[a]!) as Vec3;
    const hi = wb.box.max.map((v, a) => Math.min(grid.dims[a]! - 1, (v + 1) * f[a]! - 1)) as Vec3;
    voxelCount = countInBox(mask, grid.dims, lo, hi);
    // One layer of edge refinement at the series' own resolution, against the voxel one working
    // voxel further out (the next fine voxel is still inside the image blur); only the shell the
    // interpolation left mixed can hold the outline.
    voxelCount += refineEdgeAt(mask, volume, med, shell, Math.max(...work.factors), p.edgeSlackSd * prep.rawNoise);
  }
  progress(1);
  return { result: { mask, window, voxelCount }, workMask: m, workBox: wb.box };
}

/** Set voxels of mask within the index box lo..hi (inclusive). */
function countInBox(mask: Uint8Array, dims: readonly number[], lo: readonly number[], hi: readonly number[]): number {
  const [nx, ny] = dims as [number, number];
  let count = 0;
  for (let k = lo[2]!; k <= hi[2]!; k++)
    for (let j = lo[1]!; j <= hi[1]!; j++) {
      const row = nx * (j + ny * k);
      for (let i = row + lo[0]!, end = row + hi[0]!; i <= end; i++) count += mask[i]!;
    }
  return count;
}

/** Whether any voxel within radiusMm of n (in the grid) passes the test. */
function ballProbe(grid: Grid, radiusMm: number, test: (n: number) => boolean): (n: number) => boolean {
  const [nx, ny, nz] = grid.dims;
  const r = grid.spacing.map((sp) => Math.floor(radiusMm / sp)) as Vec3;
  const offsets: [number, number, number][] = [];
  for (let k = -r[2]; k <= r[2]; k++)
    for (let j = -r[1]; j <= r[1]; j++)
      for (let i = -r[0]; i <= r[0]; i++)
        if ((i * grid.spacing[0]) ** 2 + (j * grid.spacing[1]) ** 2 + (k * grid.spacing[2]) ** 2 <= radiusMm ** 2)
          offsets.push([i, j, k]);
  return (n) => {
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / (nx * ny));
    for (const [a, b, c] of offsets) {
      const x = i + a;
      const y = j + b;
      const z = k + c;
      if (x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz && test(x + nx * (y + ny * z))) return true;
    }
    return false;
  };
}

/** What a re-grow from the same click on the same volume can reuse (see LiverGrowCache). */
interface PreparedGrow {
  work: Downsampled;
  smooth: Float32Array;
  /** The click on the working grid. */
  seed: number;
  med: number;
  sdFloor: number;
  window: [number, number];
  /** Lowest intensity any stroke may grow into (the muscle valley; -Infinity without one). */
  floor: number;
  cavity: Uint8Array | null;
  /** HU have their fixed meaning (looksLikeCt). */
  isCt: boolean;
  /** Parenchyma round a click in a tumour (lesionRim), where the grow starts; usually empty. */
  rimSeeds: number[];
  /** Robust SD of the unsmoothed values round the click, on the working and the series grid. */
  workNoise: number;
  rawNoise: number;
}

/** Working grid, smoothing, window and walls: everything that depends on the click alone. */
function prepareGrow(volume: ScalarVolume, p: typeof LIVER_FROM_SEED_DEFAULTS & { seed: number }): PreparedGrow {
  const { grid } = volume;
  const factors = blockFactors(grid.spacing, p.workingMm);
  const work: Downsampled = downsampleMean(volume, factors);
  const wg = work.volume.grid;
  const r = wg.spacing.map((s) => Math.round(p.smoothingRadiusMm / s)) as Vec3;
  const smooth = boxMeanArray(work.volume.data, wg.dims, r);
  const seed = work.toWork(p.seed);
  const around = voxelsWithin(wg, seed, p.statsRadiusMm);
  const values = Float64Array.from(around, (n) => smooth[n]!).sort();
  const med = quantile(values, 0.5);
  const isCt = looksLikeCt(volume);
  if (isCt) checkSeedTissue(med);
  const sd = robustSd(values);
  const sdFloor = p.minHalfWidth / p.k;
  const window: [number, number] = [med - p.kBelow * Math.max(sd, sdFloor), med + p.k * Math.max(sd, sdFloor)];
  let floor = -Infinity;
  // MR has no muscle valley nor HU: the parenchyma's mode (on intensities scaled so the click
  // reads 100) bounds the window on both sides. The CT window took in the body wall and bowel of
  // TotalSegmentator's T1 abdomen (Dice 0.63-0.65, +90-116 % volume) and the click's own spread
  // made it depend on the click (0.54-0.88 over 8 seeds); the mode gives 0.87-0.89 from each.
  if (p.histogramWindow && !isCt && med > 0) {
    const scale = 100 / med;
    // The whole image's mode (the MR series at hand: 20 slices, mostly liver); within modeRadiusMm
    // the seeds agreed less (0.89 against 0.96).
    const h = histogramWindow(smooth, 100, Math.max(sd, sdFloor) * scale, scale);
    window[0] = (h.mode - p.kBelowMr * h.modeSd) / scale;
    window[1] = (h.mode + p.kAboveMr * h.modeSd) / scale;
  }
  // A click far from the parenchyma's mode (in a tumour): the grow starts from the parenchyma
  // round it, and the parenchyma's mode stands for the click's median.
  let rimSeeds: number[] = [];
  let parenchyma = med;
  if (p.histogramWindow && isCt) {
    const near =
      p.modeRadiusMm > 0 ? (visit: (n: number) => void) => forEachWithin(wg, seed, p.modeRadiusMm, visit) : undefined;
    const tissue = (v: number) => v >= CT_FAT_BELOW && v <= CT_BONE_ABOVE;
    const rimFor = (m: { mode: number; modeSd: number }, enclosedShare?: number) => {
      const lo = m.mode - p.rimBelowSd * m.modeSd;
      const hi = m.mode + p.rimAboveSd * m.modeSd;
      return lesionRim(
        smooth,
        wg,
        seed,
        (v) => tissue(v) && (v < lo || v > hi),
        p.lesionClickRadiusMm,
        (v) => v >= lo && v <= hi,
        enclosedShare,
      );
    };
    let h = histogramWindow(smooth, med, Math.max(sd, sdFloor), 1, near, p.modeSearchAbove);
    // A click in a bright tumour finds the tumour's own mode from 15 HU below the click up. A
    // taller mode further down is the parenchyma when the tissue round the click is closed round
    // by it within lesionClickRadiusMm (a click in parenchyma floods on to the radius).
    const down = histogramWindow(smooth, med, Math.max(sd, sdFloor), 1, near, p.modeSearchAbove, true);
    if (down.height > h.height) {
      const rim = rimFor(down, ENCLOSED_RIM_SHARE);
      if (rim.length > 0) {
        // Read as from a click in that parenchyma (the bins start 120 below the click, the valley
        // is looked for from 2 SD below the mode, and the click's SD is the tumour's).
        h = histogramWindow(smooth, down.mode, Math.max(down.modeSd, sdFloor), 1, near, p.modeSearchAbove);
        rimSeeds = rim;
        parenchyma = h.mode;
      }
    }
    if (h.lower !== null) window[0] = floor = h.lower;
    // No valley: the liver's mode, not the click, bounds how far below the window reaches (a
    // wider window takes in spleen, bowel and muscle; a click-bound one varies with the click).
    else window[0] = h.mode - p.kBelowNoValley * h.modeSd;
    // Above: the histogram alone. The click's own spread (med + k SD) reached 141 HU beside a
    // mottled tumour on the slab and took in vessels (+8.6 % volume; from the histogram +5.6 %).
    window[1] = h.upper;
    const offMode = Math.abs(med - h.mode) > p.offModeSd * h.modeSd || med < window[0] || med > window[1];
    // A click in a small tumour may have a parenchyma-like median round it but nothing in the
    // window where the grow starts (an 8 mm hyper lesion: the grow was the click alone).
    const inWindow = (n: number) => smooth[n]! >= window[0] && smooth[n]! <= window[1];
    const startsEmpty = !voxelsWithin(wg, seed, seedRadiusMm(p)).some(inWindow);
    if (rimSeeds.length === 0 && (offMode || startsEmpty)) {
      rimSeeds = rimFor(h);
      if (rimSeeds.length > 0) parenchyma = h.mode;
    }
  }
  // Heart chambers (and other large bright cavities) with the wall round them are walls: the
  // myocardium is liver-bright in the portal venous phase and touches the dome.
  const cavity =
    p.cavityMarginMm > 0 ? cavityWalls(smooth, wg, window[1], p.cavityRadiusMm, p.cavityMarginMm, seed) : null;
  if (cavity?.[seed]) throw new Error('The liver click lies on the heart or a large vessel; click inside the liver.');
  // The flood through a tumour may cross the diaphragm: no start on the heart's wall.
  if (cavity) rimSeeds = rimSeeds.filter((n) => !cavity[n]);
  const workNoise = robustSd(Float64Array.from(around, (n) => work.volume.data[n]!));
  const rawNoise = robustSd(Float64Array.from(voxelsWithin(grid, p.seed, p.statsRadiusMm), (n) => volume.data[n]!));
  return { work, smooth, seed, med: parenchyma, sdFloor, window, floor, cavity, isCt, workNoise, rawNoise, rimSeeds };
}

/** The click, the parenchyma round a tumour clicked, and the in-window voxels right round the click. */
function startSeeds(
  grid: Grid,
  seed: number,
  rimSeeds: number[],
  sample: (n: number) => number,
  window: [number, number],
  p: { smoothingRadiusMm: number },
): number[] {
  const seeds = [seed, ...rimSeeds];
  for (const v of voxelsWithin(grid, seed, seedRadiusMm(p))) {
    const x = sample(v);
    if (x >= window[0] && x <= window[1]) seeds.push(v);
  }
  return seeds;
}

/** The click's start region: the voxels this close to it that lie in the window seed the grow. */
function seedRadiusMm(p: { smoothingRadiusMm: number }): number {
  return Math.max(3, 2 * p.smoothingRadiusMm);
}

/** 1.4826 x the median absolute deviation: the SD of the normal part of a sample with outliers. */
function robustSd(values: Float64Array): number {
  values.sort();
  const m = quantile(values, 0.5);
  return 1.4826 * quantile(Float64Array.from(values, (v) => Math.abs(v - m)).sort(), 0.5);
}

/**
 * Removes from the mask the enhancing (above-window) structures thicker than radiusMm: the
 * filling takes in every vessel the liver wraps round in a slice, and the IVC is the one a liver
 * contour leaves out. The opening of the enhancing voxels by a ball of radiusMm keeps only what
 * such a ball fits in (not the thinner vessels joining it); its partial-volume rim (voxels next to
 * it brighter than half-way from the parenchyma) goes with it.
 */
function removeWideVessels(
  m: Uint8Array,
  smooth: Float32Array,
  grid: Grid,
  parenchyma: number,
  above: number,
  radiusMm: number,
): void {
  const bright = new Uint8Array(m.length);
  let any = false;
  for (let n = 0; n < m.length; n++)
    if (m[n] && smooth[n]! > above) {
      bright[n] = 1;
      any = true;
    }
  if (!any) return;
  const core = shrinkMm(bright, grid, radiusMm);
  if (!core.includes(1)) return; // shrinkMm gives 0/1; includes is native, some() calls back per voxel
  let wide = growMm(core, grid, radiusMm);
  for (let n = 0; n < m.length; n++) wide[n] = wide[n]! & bright[n]!;
  // Only wide vessels that leave the outline (the IVC runs on above and below the liver); a
  // junction of intrahepatic veins may be as wide, but parenchyma surrounds it.
  const leaving: number[] = [];
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  for (let n = 0; n < m.length; n++) {
    if (!wide[n]) continue;
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / plane);
    const out =
      i === 0 ||
      j === 0 ||
      k === 0 ||
      i === nx - 1 ||
      j === ny - 1 ||
      k === nz - 1 ||
      !m[n - 1] ||
      !m[n + 1] ||
      !m[n - nx] ||
      !m[n + nx] ||
      !m[n - plane] ||
      !m[n + plane];
    if (out) leaving.push(n);
  }
  if (leaving.length === 0) return;
  wide = keepComponentsAt(wide, grid.dims, leaving);
  const rim = growMm(wide, grid, Math.max(...grid.spacing) * 1.01);
  const half = (parenchyma + above) / 2;
  for (let n = 0; n < m.length; n++) if (wide[n] || (rim[n] && smooth[n]! > half)) m[n] = 0;
}

/**
 * A click on air, fat or bone cannot be liver: say so rather than grow something else. Only on CT
 * (looksLikeCt), where HU have a fixed meaning.
 */
function checkSeedTissue(seedMedian: number): void {
  const hu = Math.round(seedMedian);
  if (seedMedian < -200) throw new Error(`The liver click lies on air (${hu} HU); click inside the liver.`);
  if (seedMedian < -30) throw new Error(`The liver click lies on fat (${hu} HU); click inside the liver.`);
  if (seedMedian > 300) throw new Error(`The liver click lies on bone or contrast (${hu} HU); click inside the liver.`);
}

/**
 * Window bounds from the histogram of the smoothed image.
 * The parenchyma's mode is the tallest peak near the click's median (the same for a click in a
 * darker part of the liver). lower: the deepest valley between 8 and 90 units below that mode
 * with a real tissue peak on its dark side. On contrast CT the muscle peak (~40 HU) and the liver's
 * (~90-110) are apart, and parenchyma darker in part (dependent segments, perfusion) still lies
 * above the valley. Null when there is none (unenhanced CT, where muscle and liver merge).
 * upper: past the mode, where the histogram falls to a third of the mode's height. mode and
 * modeSd (from the half-height on the mode's bright side) bound the window where no valley is;
 * they are read from the voxels `near` the click when given (the image's own mode may be bowel).
 */
function histogramWindow(
  smooth: Float32Array,
  med: number,
  sd: number,
  /** Multiplies every intensity first (MR: puts the click at 100, the bins' HU-like scale). */
  scale = 1,
  /** Voxels whose histogram gives the parenchyma's mode (round the click); all when absent. */
  near?: (visit: (n: number) => void) => void,
  /** How far above the click (units) the parenchyma's mode is looked for. */
  above = 40,
  /** Look for the mode below the click instead (more than 15 units below, down to the bins' floor). */
  below = false,
): { lower: number | null; upper: number; mode: number; modeSd: number; height: number } {
  const BIN = 2;
  const lo = med - 120;
  const bins = Math.ceil((med + above + 50 - lo) / BIN) + 1;
  // Counts per bin, smoothed over ~2 bins (a Gaussian of SD 2 bins).
  const histogram = (count: (add: (v: number) => void) => void) => {
    const h = new Float64Array(bins);
    count((v) => {
      const b = Math.floor((v * scale - lo) / BIN);
      if (b >= 0 && b < bins) h[b]!++;
    });
    const g = new Float64Array(bins);
    for (let b = 0; b < bins; b++) {
      let s = 0;
      let w = 0;
      for (let d = -4; d <= 4; d++) {
        if (b + d < 0 || b + d >= bins) continue;
        const k = Math.exp(-(d * d) / 8);
        s += k * h[b + d]!;
        w += k;
      }
      g[b] = s / w;
    }
    return g;
  };
  const g = histogram((add) => {
    for (let n = 0; n < smooth.length; n++) add(smooth[n]!);
  });
  const gm = near
    ? histogram((add) => {
        near((n) => add(smooth[n]!));
      })
    : g;
  const bin = (v: number) => Math.max(0, Math.min(bins - 1, Math.floor((v - lo) / BIN)));
  // The parenchyma's main mode: the tallest peak from a little below the click to `above` above
  // it, so a click in a darker part of the liver (or in a tumour) finds the same mode as one in
  // the bulk.
  let peak = below ? 0 : bin(med - 15);
  for (let b = peak; below ? b < bin(med - 15) : b <= bin(med + above); b++) if (gm[b]! > gm[peak]!) peak = b;
  const mode = lo + (peak + 0.5) * BIN;
  let best = -1;
  for (let b = Math.max(1, bin(mode - 90)); b < Math.min(bin(mode - Math.max(8, 2 * sd)), bins - 1); b++) {
    if (g[b]! > g[b - 1]! || g[b]! > g[b + 1]!) continue;
    // A valley: clearly lower than both sides, with a real tissue peak (muscle) on its dark side,
    // not the tail of the fat peak nor a partial-volume ripple.
    const from = bin(mode - 90);
    let leftPeak = from;
    for (let c = from + 1; c < b; c++) if (g[c]! > g[leftPeak]!) leftPeak = c;
    const left = g[leftPeak]!;
    const right = g[peak]!;
    if (leftPeak < from + 2 || left < 1.1 * g[from]! || left < 1.15 * g[b]! || right < 1.15 * g[b]!) continue;
    if (left < 0.25 * right) continue;
    if (best < 0 || g[b]! < g[best]!) best = b;
  }
  let end = peak;
  while (end < bins - 1 && gm[end]! > gm[peak]! / 3) end++;
  let half = peak;
  while (half < bins - 1 && gm[half]! > gm[peak]! / 2) half++;
  // The mode's width on its bright side (vessels are far brighter), as a Gaussian SD.
  const modeSd = Math.max(BIN, ((half - peak) * BIN) / 1.1774);
  return {
    lower: best < 0 ? null : lo + (best + 0.5) * BIN,
    upper: lo + (end + 0.5) * BIN,
    mode,
    modeSd,
    height: gm[peak]!,
  };
}

/**
 * Voxels within marginMm of the bright (> above) regions a ball of radiusMm fits in and whose
 * centre lies at least 20 mm head-wards of the click: the heart chambers above the dome, not the
 * kidney, spine or aorta beside the liver (their surroundings are no liver-bright wall).
 */
function cavityWalls(
  smooth: Float32Array,
  grid: Grid,
  above: number,
  radiusMm: number,
  marginMm: number,
  seed: number,
): Uint8Array | null {
  const bright = new Uint8Array(smooth.length);
  let count = 0;
  for (let n = 0; n < smooth.length; n++)
    if (smooth[n]! > above) {
      bright[n] = 1;
      count++;
    }
  const ball = (4 / 3) * Math.PI * radiusMm ** 3;
  if (count * grid.spacing[0] * grid.spacing[1] * grid.spacing[2] < ball) return null;
  const core = shrinkMm(bright, grid, radiusMm);
  const { labels, sizes } = labelComponents(core, grid.dims);
  if (sizes.length < 2) return null;
  const [nx, ny] = grid.dims;
  const headward = (n: number) => {
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    return indexToPatient(grid, i, j, Math.floor(n / (nx * ny)))[2];
  };
  const sum = new Float64Array(sizes.length);
  for (let n = 0; n < labels.length; n++) if (labels[n]) sum[labels[n]!] += headward(n);
  const seedS = headward(seed);
  const keep = sizes.map((size, l) => l > 0 && sum[l]! / size > seedS + 20);
  if (!keep.some(Boolean)) return null;
  for (let n = 0; n < core.length; n++) core[n] = keep[labels[n]!] ? 1 : 0;
  return growMm(core, grid, radiusMm + marginMm);
}

/** Components containing an anchor voxel; the largest component when none does; null if empty. */
function pickComponent(mask: Uint8Array, dims: [number, number, number], anchors: number[]): Uint8Array | null {
  const hit = anchors.some((a) => mask[a]);
  if (hit) return keepComponentsAt(mask, dims, anchors);
  const largest = keepLargestComponent(mask, dims);
  return largest.some((v) => v) ? largest : null;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const x = q * (sorted.length - 1);
  const a = Math.floor(x);
  const b = Math.min(sorted.length - 1, a + 1);
  return sorted[a]! + (sorted[b]! - sorted[a]!) * (x - a);
}
