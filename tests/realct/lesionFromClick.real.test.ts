import { beforeAll, describe, expect, it } from 'vitest';
import { hybridCases, type HybridBackgroundName } from '../../shared/sample/hybrid/hybridRecipes';
import type { HybridPhantom } from '../../shared/sample/hybrid/types';
import { lesionFromClick } from '../../shared/segment/lesionFromClick';
import { dice } from '../../shared/segment/testing/testPhantom';
import { flatIndex, patientToIndex, type Grid, type Vec3 } from '../../shared/volume/grid';
import { deepSeeds, loadCrop3mm, loadSiemensSlab, realCtAvailable, type RealCase } from '../testing/realCt';

/**
 * Clicks anywhere deep inside (5 points at least 8 mm inside the truth), as a reader clicks a
 * large tumour: Dice floors per lesion (recipe, index) that hold for every one of them. The
 * necrotic lesion's core clicked gave 0.77 (its rim left out, then a wider reading 1.6x) and the
 * 42 mm mottled tumour's necrotic patches 0.01-0.05 before lesionOuterRing and lesionByTexture.
 */
const DEEP_FLOORS: [recipe: string, index: number, floor: number][] = [
  ['slab-mixed', 0, 0.95],
  ['slab-heterogeneous', 1, 0.84],
];

const toIndex = (grid: Grid, p: Vec3) => flatIndex(grid, ...(patientToIndex(grid, p).map(Math.round) as Vec3));

/**
 * Dice floors that hold today for one click (at the lesion centre, mid-rim for rim and necrotic
 * lesions) and one drag (the longest in-slice diameter), per hybrid lesion in recipe order, with
 * TotalSegmentator's liver as the liver mask. Issue 15's targets are 0.85 (>= 10 mm) and 0.70
 * (5-10 mm); null marks a lesion that still fails badly (listed, not pinned): these are the gaps.
 * Raised where smoothLesionOutline gained (slab hypo 18 mm 0.78 -> 0.86, hyper 13 mm 0.81 -> 0.87)
 * and where cutTubes kept a necrotic lesion's lower half (slab necrotic click 0.79 -> 0.86).
 */
const FLOORS: Record<string, [click: number | null, line: number | null][]> = {
  // necrotic 32, target 28 (its outer rim added by lesionOuterRing from a click), rimIso 25
  // (vessel), hyper 21, hypo 10
  'slab-mixed': [
    [0.83, 0.89],
    [0.93, 0.93],
    [0.77, 0.84],
    [0.92, 0.92],
    [0.87, 0.87],
  ],
  // hypo 45 (capsule), hyper 17, hyper 13 (confluent), hyper 8, hypo 18 (in a darker liver region);
  // the drag across the 17 mm lesion keeps its confluent neighbour out
  'slab-capsule-confluent': [
    [0.95, 0.95],
    [0.88, 0.89],
    [0.85, 0.85],
    [0.82, 0.82],
    [0.85, 0.85],
  ],
  // heterogeneous 54 and 42 (mottled, 10-110 HU in a 93 HU liver; both cut by the slab's ends):
  // the first's drag takes the whole tumour (its window grow stopped on a patch edge); the
  // second's window grow runs on into a darker liver region round it (4x its volume), and its
  // texture reading (lesionByTexture) replaces that: 0.87 by click and by drag
  'slab-heterogeneous': [
    [0.92, 0.92],
    [0.87, 0.87],
  ],
  // hypo 54, necrotic 40, target 28, rimIso 19 (capsule), hyper 8 (3 mm voxels, unenhanced CT)
  'crop-mixed': [
    [0.88, 0.95],
    [null, 0.87],
    [0.3, 0.65],
    [null, null],
    [0.74, 0.85],
  ],
  // hypo 19, hypo 17 (confluent), hyper 13 (vessel), hypo 8, hyper 25
  'crop-vessel-confluent': [
    [0.72, 0.77],
    [0.62, 0.75],
    [0.83, 0.84],
    [0.67, 0.78],
    [0.92, 0.93],
  ],
  // heterogeneous 56 and 43 (capsule), mottled in an unenhanced liver of 46 HU
  'crop-heterogeneous': [
    [0.84, 0.8],
    [0.82, 0.67],
  ],
};

function run(ph: HybridPhantom, liver: Uint8Array, m: number, mode: 'click' | 'line'): number {
  const { grid } = ph.image;
  const l = ph.lesions[m]!;
  const truth = Uint8Array.from(ph.labels, (v) => (v === l.label ? 1 : 0));
  const r = lesionFromClick(
    [ph.image],
    mode === 'click'
      ? { click: toIndex(grid, l.clickLps), liverMask: liver }
      : { line: [toIndex(grid, l.lineLps[0]), toIndex(grid, l.lineLps[1])], liverMask: liver },
  );
  expect(r.outsideLiver).toBe(false);
  return dice(r.mask, truth);
}

describe.skipIf(!realCtAvailable())('lesionFromClick on hybrid phantoms (real CT, Wasserthal et al. 2023)', () => {
  const built: Partial<Record<HybridBackgroundName, { bg: RealCase; cases: ReturnType<typeof hybridCases> }>> = {};
  beforeAll(async () => {
    const slab = await loadSiemensSlab();
    const crop = loadCrop3mm();
    built['siemens-slab'] = { bg: slab, cases: hybridCases('siemens-slab', slab) };
    built['crop-3mm'] = { bg: crop, cases: hybridCases('crop-3mm', crop) };
  }, 120_000);

  for (const name of ['siemens-slab', 'crop-3mm'] as const) {
    it(`${name}: every lesion keeps its Dice floor from one click and from one drag`, () => {
      const { bg, cases } = built[name]!;
      for (const { name: recipe, phantom } of cases) {
        const floors = FLOORS[recipe]!;
        expect(phantom.lesions.length).toBe(floors.length);
        floors.forEach(([click, line], m) => {
          const kind = `${recipe} #${m} ${phantom.lesions[m]!.kind}`;
          if (click !== null) expect(run(phantom, bg.liver, m, 'click'), `${kind} click`).toBeGreaterThanOrEqual(click);
          if (line !== null) expect(run(phantom, bg.liver, m, 'line'), `${kind} drag`).toBeGreaterThanOrEqual(line);
        });
      }
    }, 300_000);
  }

  it('siemens-slab: clicks anywhere deep inside a necrotic or mottled tumour keep their floor', () => {
    const { bg, cases } = built['siemens-slab']!;
    for (const [recipe, m, floor] of DEEP_FLOORS) {
      const { phantom } = cases.find((c) => c.name === recipe)!;
      const l = phantom.lesions[m]!;
      const truth = Uint8Array.from(phantom.labels, (v) => (v === l.label ? 1 : 0));
      for (const click of deepSeeds(truth, phantom.image.grid, 5, 8)) {
        const r = lesionFromClick([phantom.image], { click, liverMask: bg.liver });
        expect(dice(r.mask, truth), `${recipe} #${m} ${l.kind} deep click ${click}`).toBeGreaterThanOrEqual(floor);
      }
    }
  }, 300_000);
});
