/**
 * Writes one hybrid phantom (lesions inserted into real CT, shared/sample/hybrid) as a DICOM
 * series the app can open, plus its truth: lesion labels as NIfTI (lesion n = n + 1), the
 * background's liver mask, and the lesion list as JSON.
 *
 *   npx tsx scripts/hybrid/writeHybrid.mts --case siemens-slab|crop-3mm [--recipe NAME] --out DIR
 *
 * Output goes only under DIR: DIR/dicom/IMnnnn.dcm, DIR/truth/{lesions,liver}.nii.gz,
 * DIR/truth/lesions.json. The real CT is read from ../shared/data/real-ct (Wasserthal et al.,
 * TotalSegmentator, Radiology: AI 2023; CC BY 4.0) and is not copied anywhere else.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CaseDefinition } from '../../shared/sample/cases';
import { phaseSpec } from '../../shared/sample/generateCase';
import { HYBRID_RECIPES, type HybridBackgroundName } from '../../shared/sample/hybrid/hybridRecipes';
import { makeHybridPhantom } from '../../shared/sample/hybrid/makeHybridPhantom';
import { uidFromKey } from '../../shared/sample/random';
import { writeSeries } from '../../shared/sample/writeSeries';
import { encodeNifti } from '../../shared/volume/nifti';
import { loadCrop3mm, loadSiemensSlab } from '../../tests/testing/realCt';

const { values } = parseArgs({
  options: { case: { type: 'string' }, recipe: { type: 'string' }, out: { type: 'string' } },
});
const caseName = values.case as HybridBackgroundName | undefined;
if (!caseName || !(caseName in HYBRID_RECIPES) || !values.out) {
  console.error('usage: writeHybrid.mts --case siemens-slab|crop-3mm [--recipe NAME] --out DIR');
  console.error(
    `recipes: ${JSON.stringify(Object.fromEntries(Object.entries(HYBRID_RECIPES).map(([k, r]) => [k, r.map((x) => x.name)])))}`,
  );
  process.exit(2);
}
const recipe = HYBRID_RECIPES[caseName].find((r) => r.name === (values.recipe ?? HYBRID_RECIPES[caseName][0]!.name));
if (!recipe) {
  console.error(`no recipe '${values.recipe}' for ${caseName}`);
  process.exit(2);
}
const out = resolve(values.out);

const bg = caseName === 'siemens-slab' ? await loadSiemensSlab() : loadCrop3mm();
const phantom = makeHybridPhantom(bg, recipe.requests, recipe.seed);

// A patient/study identity of its own, so the phantom never merges with the original scan.
const def: CaseDefinition = {
  name: `hybrid-${recipe.name}`,
  title: `Hybrid phantom ${recipe.name}`,
  description: 'Lesions inserted into real CT with exact truth (issue 15)',
  difficulty: 'hard',
  modality: 'CT',
  phases: ['portal_venous'],
  segReferencePhase: 'portal_venous',
  patient: {
    name: `HYBRID^${recipe.name.toUpperCase()}`,
    id: `HYB${recipe.name.length}0015`,
    birthDate: '19600101',
    sex: 'M',
    age: '066Y',
    weightKg: 75,
    heightM: 1.75,
  },
  liverScale: 1,
  lesions: () => [],
  liverSeedLps: [0, 0, 0],
};
const spec = {
  ...phaseSpec('CT', 'portal_venous'),
  seriesDescription: `HYBRID ${recipe.name} (real CT + inserted lesions)`,
};
const key = `hybrid:${recipe.name}`;
const ctx = {
  def,
  grid: phantom.image.grid,
  spec,
  studyInstanceUid: uidFromKey(`${key}:study`),
  seriesInstanceUid: uidFromKey(`${key}:series`),
  frameOfReferenceUid: uidFromKey(`${key}:for`),
  seriesNumber: 1,
  studyDate: '20260101',
  studyTime: '120000',
  seriesTime: '120110',
  contrastStartTime: '120000',
};
const sink = (path: string, bytes: Uint8Array) => {
  const file = join(out, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
};
await writeSeries(ctx, Float32Array.from(phantom.image.data), 'dicom', (k) => uidFromKey(`${key}:image:${k}`), sink);
const grid = phantom.image.grid;
sink(
  'truth/lesions.nii.gz',
  encodeNifti({ grid, data: phantom.labels }, { gzip: true, description: `hybrid ${recipe.name} lesions` }),
);
sink(
  'truth/liver.nii.gz',
  encodeNifti({ grid, data: bg.liver }, { gzip: true, description: 'TotalSegmentator liver' }),
);
const summary = {
  case: caseName,
  recipe: recipe.name,
  seed: recipe.seed,
  liverHu: phantom.liverHu,
  noiseSd: phantom.noiseSd,
  lesions: phantom.lesions,
};
sink('truth/lesions.json', new TextEncoder().encode(JSON.stringify(summary, null, 2)));
console.log(`wrote ${grid.dims[2]} slices and truth for ${phantom.lesions.length} lesions to ${out}`);
