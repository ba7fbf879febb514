import { buildAnatomy } from '../../../shared/sample/anatomy';
import { caseGrid, SAMPLE_CASES } from '../../../shared/sample/cases';
import { phaseSpec } from '../../../shared/sample/generateCase';
import { hybridCases } from '../../../shared/sample/hybrid';
import { rasterise } from '../../../shared/sample/rasterise';
import { synthesisePhase } from '../../../shared/sample/synthesise';
import { findLiverSeed } from '../../../shared/sample/truth';
import { lesionFromClick } from '../../../shared/segment/lesionFromClick';
import { liverFromSeed } from '../../../shared/segment/liverFromSeed';
import { voxelsWithin } from '../../../shared/segment/localMean';
import { compareMasks } from '../../../shared/volume/compare';
import { flatIndex, patientToIndex, type Grid, type ScalarVolume, type Vec3 } from '../../../shared/volume/grid';
import {
  deepSeeds,
  loadCrop3mm,
  loadMr3mm,
  loadSiemensSlab,
  loadUnlabelled3mm,
  realCtAvailable,
  type RealCase,
} from '../../../tests/testing/realCt';
import { measureInProcess } from '../measure';
import type { BenchRow, BenchScenario } from '../types';

const NAME = 'segmentation-real';
/** Targets of issue 15. */
const TARGET = { liverDice: 0.95, liverVolumePercent: 3, seedAgreement: 0.97, lesionDice: 0.85, smallLesionDice: 0.7 };
const mark = (ok: boolean) => (ok ? 'ok' : 'BELOW TARGET');
const ijkOf = (grid: Grid, n: number) =>
  [n % grid.dims[0], Math.floor(n / grid.dims[0]) % grid.dims[1], Math.floor(n / grid.dims[0] / grid.dims[1])].join(
    ',',
  );
const toIndex = (grid: Grid, p: Vec3) => flatIndex(grid, ...(patientToIndex(grid, p).map(Math.round) as Vec3));

/**
 * Segmentation on real anatomy (../shared/data/real-ct, TotalSegmentator labels as the reference):
 * the liver from each of several seeds at least 15 mm inside the reference liver (Dice, HD95,
 * volume error, and the least Dice between two seeds' results), on the Siemens slab, the 3 mm
 * crop, the whole abdomen the crop was cut from, the 3 mm MR and the hybrid phantoms (whose
 * reference liver holds the inserted lesions); every lesion of the hybrid phantoms (lesions inserted into those CTs, exact truth) from
 * one click and from one drag along its longest axial diameter; then the time of a liver grow and
 * of a re-grow after one exclude stroke at 512x512x300.
 */
const scenario: BenchScenario = {
  name: NAME,
  description: 'liver and lesion accuracy on real CT and hybrid phantoms; stroke re-grow timing at 512x512x300',
  async run({ quick }) {
    const rows: BenchRow[] = [];
    if (!realCtAvailable())
      return [{ scenario: NAME, subject: 'real CT', note: 'skipped: ../shared/data/real-ct missing' }];
    const cases: RealCase[] = [await loadSiemensSlab(), loadCrop3mm()];
    for (const c of cases) rows.push(...(await liverRows(c, quick ? 3 : 6)));
    rows.push(...(await wholeAbdomenRows(cases[1]!, quick ? 3 : 6)));
    rows.push(...(await liverRows(loadMr3mm(), quick ? 3 : 6)));
    for (const c of quick ? cases.slice(1) : cases) rows.push(...(await hybridLiverRows(c, quick ? 1 : 3)));
    for (const c of quick ? cases.slice(1) : cases) rows.push(...(await lesionRows(c)));
    if (!quick) rows.push(...(await strokeTiming()));
    return rows;
  },
};
export default scenario;

async function liverRows(c: RealCase, seedCount: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const { grid } = c.image;
  const masks: Uint8Array[] = [];
  const dices: number[] = [];
  for (const seed of deepSeeds(c.liver, grid, seedCount)) {
    const r = await measureInProcess(() => liverFromSeed(c.image, { seed }));
    const m = compareMasks(c.liver, r.value.mask, grid);
    masks.push(r.value.mask);
    dices.push(m.dice);
    rows.push({
      scenario: NAME,
      subject: `${c.name} liver, seed voxel ${ijkOf(grid, seed)}`,
      seconds: r.seconds,
      note:
        `Dice ${m.dice.toFixed(3)} (target >= ${TARGET.liverDice}: ${mark(m.dice >= TARGET.liverDice)}), ` +
        `HD95 ${m.hd95Mm.toFixed(1)} mm, volume ${signed(m.volumeDifferencePercent)}% ` +
        `(target within ${TARGET.liverVolumePercent}%)`,
    });
  }
  let agreement = 1;
  for (let a = 0; a < masks.length; a++)
    for (let b = a + 1; b < masks.length; b++)
      agreement = Math.min(agreement, compareMasks(masks[a]!, masks[b]!, grid).dice);
  rows.push({
    scenario: NAME,
    subject: `${c.name} liver, ${masks.length} seeds`,
    note:
      `Dice min ${Math.min(...dices).toFixed(3)} / mean ${mean(dices).toFixed(3)}; least Dice between two seeds ` +
      `${agreement.toFixed(3)} (target >= ${TARGET.seedAgreement}: ${mark(agreement >= TARGET.seedAgreement)})`,
  });
  return rows;
}

/**
 * The liver from seeds in the whole 112-slice abdomen the crop was cut from (its upper 30 slices):
 * Dice over the crop's slices against its labels, and the whole volume in mL, which shows a leak
 * into the lower abdomen the crop cannot.
 */
async function wholeAbdomenRows(crop: RealCase, seedCount: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const full = loadUnlabelled3mm();
  const [nx, ny, nz] = crop.image.grid.dims;
  const offset = (full.grid.dims[2] - nz) * nx * ny;
  const voxelMl = full.grid.spacing.reduce((a, b) => a * b, 1) / 1000;
  const masks: Uint8Array[] = [];
  for (const seed of deepSeeds(crop.liver, crop.image.grid, seedCount)) {
    const r = await measureInProcess(() => liverFromSeed(full, { seed: seed + offset }));
    const mask = r.value.mask;
    masks.push(mask);
    const m = compareMasks(crop.liver, mask.subarray(offset), crop.image.grid);
    rows.push({
      scenario: NAME,
      subject: `whole abdomen 3 mm (112 slices) liver, seed voxel ${seed % nx},${Math.floor(seed / nx) % ny},${Math.floor(seed / nx / ny) + full.grid.dims[2] - nz}`,
      seconds: r.seconds,
      note:
        `Dice over the labelled upper 30 slices ${m.dice.toFixed(3)}, volume there ${signed(m.volumeDifferencePercent)}%; ` +
        `whole liver ${(r.value.voxelCount * voxelMl).toFixed(0)} mL`,
    });
  }
  let agreement = 1;
  for (let a = 0; a < masks.length; a++)
    for (let b = a + 1; b < masks.length; b++)
      agreement = Math.min(agreement, compareMasks(masks[a]!, masks[b]!, full.grid).dice);
  rows.push({
    scenario: NAME,
    subject: `whole abdomen 3 mm liver, ${masks.length} seeds`,
    note: `least Dice between two seeds ${agreement.toFixed(3)} (target >= ${TARGET.seedAgreement}: ${mark(agreement >= TARGET.seedAgreement)})`,
  });
  return rows;
}

/**
 * The liver from seeds in each hybrid phantom: the real liver with lesions inserted, which the
 * reference liver holds (as expert and TotalSegmentator livers hold their tumours). Dice and
 * volume error against it, and the share of lesion voxels the liver took in.
 */
async function hybridLiverRows(c: RealCase, seedCount: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const { grid } = c.image;
  for (const { name, phantom } of hybridCases(c.name as 'siemens-slab' | 'crop-3mm', c)) {
    for (const seed of deepSeeds(c.liver, grid, seedCount)) {
      const r = await measureInProcess(() => liverFromSeed(phantom.image, { seed }));
      const m = compareMasks(c.liver, r.value.mask, grid);
      let lesion = 0;
      let taken = 0;
      phantom.labels.forEach((v, n) => {
        if (!v) return;
        lesion++;
        if (r.value.mask[n]) taken++;
      });
      rows.push({
        scenario: NAME,
        subject: `${name} liver, seed voxel ${ijkOf(grid, seed)}`,
        seconds: r.seconds,
        note:
          `Dice ${m.dice.toFixed(3)} (target >= ${TARGET.liverDice}: ${mark(m.dice >= TARGET.liverDice)}), ` +
          `volume ${signed(m.volumeDifferencePercent)}%, lesion voxels inside ${((100 * taken) / Math.max(1, lesion)).toFixed(0)}%`,
      });
    }
  }
  return rows;
}

async function lesionRows(c: RealCase): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const { grid } = c.image;
  for (const { name, phantom } of hybridCases(c.name as 'siemens-slab' | 'crop-3mm', c)) {
    for (const lesion of phantom.lesions) {
      const truth = Uint8Array.from(phantom.labels, (v) => (v === lesion.label ? 1 : 0));
      const target = lesion.axialLongestMm >= 10 ? TARGET.lesionDice : TARGET.smallLesionDice;
      const phases = [phantom.image];
      const click = toIndex(grid, lesion.clickLps);
      const line: [number, number] = [toIndex(grid, lesion.lineLps[0]), toIndex(grid, lesion.lineLps[1])];
      // A refusal ("no lesion found") is a result too: it reads as Dice 0 with its reason.
      const attempt = async (options: { click: number; line?: [number, number] }) => {
        try {
          const r = await measureInProcess(() => lesionFromClick(phases, { ...options, liverMask: c.liver }));
          return { dice: compareMasks(truth, r.value.mask, grid).dice, seconds: r.seconds, error: '' };
        } catch (e) {
          return { dice: 0, seconds: 0, error: (e as Error).message.split(':')[0]! };
        }
      };
      const byClick = await attempt({ click });
      const byDrag = await attempt({ click, line });
      const show = (a: typeof byClick) => (a.error ? `0 (${a.error})` : a.dice.toFixed(3));
      rows.push({
        scenario: NAME,
        subject: `${name} lesion ${lesion.label} ${lesion.kind} ${lesion.placement} ${lesion.axialLongestMm.toFixed(0)} mm`,
        seconds: Math.max(byClick.seconds, byDrag.seconds),
        note:
          `click Dice ${show(byClick)}, drag Dice ${show(byDrag)} (target >= ${target}: ` +
          `${mark(Math.min(byClick.dice, byDrag.dice) >= target)}); truth ${lesion.volumeMl.toFixed(2)} mL`,
      });
    }
  }
  return rows;
}

/** Liver from one seed, then the re-grow after one exclude stroke, on the 512x512x300 sample. */
/** Re-grow targets of issue 15 point 3 (seconds) by slice count of a 512x512 series. */
const STROKE_TARGET: Record<number, number> = { 300: 3, 120: 1 };

async function strokeTiming(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const slices of [300, 120]) rows.push(...(await strokeTimingAt(slices)));
  return rows;
}

/**
 * The solitary-ablation case at 512x512 in-plane: the bench grid (300 slices of 0.8 mm), or the
 * same field of view in 120 slices of 2 mm.
 */
async function strokeTimingAt(slices: number): Promise<BenchRow[]> {
  const def = SAMPLE_CASES.find((x) => x.name === 'solitary-ablation')!;
  const bench = caseGrid(def.modality, 'bench');
  const dz = (bench.spacing[2] * (bench.dims[2] - 1)) / (slices - 1);
  const top = bench.origin[2] + bench.spacing[2] * (bench.dims[2] - 1);
  const grid: Grid = {
    ...bench,
    dims: [bench.dims[0], bench.dims[1], slices],
    spacing: [bench.spacing[0], bench.spacing[1], dz],
    origin: [bench.origin[0], bench.origin[1], top - dz * (slices - 1)],
  };
  const phantom = rasterise(grid, buildAnatomy({ liverScale: def.liverScale, lesions: def.lesions() }));
  const data = synthesisePhase(phantom, phaseSpec(def.modality, 'portal_venous'), {
    blurSigmaMm: [0.8, 0.8, 1.0],
    seed: `${def.name}:bench:noise:portal_venous`,
    min: -1024,
    max: 3071,
  });
  const pv: ScalarVolume = { grid, data };
  const seed = toIndex(grid, findLiverSeed(phantom, def.liverSeedLps));
  // The app keeps one cache per click, so a stroke's re-grow reuses the click's preparation.
  const cache = {};
  const first = await measureInProcess(() => liverFromSeed(pv, { seed, cache }));
  // An exclude stroke on fat just outside the liver: the typical correction of a small leak.
  let edge = -1;
  for (let n = seed; n < phantom.liver.length && edge < 0; n++)
    if (!phantom.liver[n] && phantom.liver[n - 1]) edge = n + 3;
  const exclude = voxelsWithin(grid, edge, 3);
  const again = await measureInProcess(() => liverFromSeed(pv, { seed, exclude, cache }));
  const size = grid.dims.join('x');
  const target = STROKE_TARGET[slices]!;
  return [
    { scenario: NAME, subject: `liverFromSeed ${size}`, seconds: first.seconds, peakRssMb: first.peakRssMb },
    {
      scenario: NAME,
      subject: `re-grow after one exclude stroke ${size}`,
      seconds: again.seconds,
      peakRssMb: again.peakRssMb,
      note: `target < ${target} s: ${mark(again.seconds < target)}`,
    },
  ];
}

function mean(v: number[]): number {
  return v.reduce((s, x) => s + x, 0) / Math.max(1, v.length);
}

function signed(p: number): string {
  return `${p >= 0 ? '+' : ''}${p.toFixed(1)}`;
}
