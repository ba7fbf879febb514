import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAnatomy } from '../../../shared/sample/anatomy';
import { caseGrid, SAMPLE_CASES } from '../../../shared/sample/cases';
import { phaseSpec } from '../../../shared/sample/generateCase';
import { rasterise } from '../../../shared/sample/rasterise';
import { synthesisePhase } from '../../../shared/sample/synthesise';
import { lesionOfLabel } from '../../../shared/sample/tissues';
import { findLiverSeed } from '../../../shared/sample/truth';
import { lesionFromClick } from '../../../shared/segment/lesionFromClick';
import { liverFromSeed } from '../../../shared/segment/liverFromSeed';
import { closeMm, fillHoles3d } from '../../../shared/segment/morphology';
import { dice } from '../../../shared/segment/testPhantom';
import { flatIndex, patientToIndex, type Grid, type ScalarVolume, type Vec3 } from '../../../shared/volume/grid';
import { encodeNifti } from '../../../shared/volume/nifti';
import { measureCommand, measureInProcess } from '../measure';
import type { BenchRow, BenchScenario } from '../types';

const NAME = 'segmentation';
const toIndex = (grid: Grid, p: Vec3) => flatIndex(grid, ...(patientToIndex(grid, p).map(Math.round) as Vec3));

/**
 * Accuracy on the sample cases (phantoms built in memory, truth from the phantom labels): liver
 * from the case's one seed on the portal venous phase (MR: the portal venous T1), and each lesion
 * from one click at its centre over all phases, constrained to our own liver result. Timing of
 * each operation on a 512x512x300 synthetic volume, beside plastimatch threshold of the same
 * volume (a plain global threshold: the speed floor a region grow is read against), and
 * plastimatch dice on our liver mask as a cross-check of the Dice we print.
 */
const scenario: BenchScenario = {
  name: NAME,
  description: 'liver-from-seed and lesion-from-click Dice on the sample cases; timing on 512x512x300',
  async run({ workDir, quick }) {
    const rows: BenchRow[] = [];
    const cases = quick ? SAMPLE_CASES.slice(0, 1) : SAMPLE_CASES;
    for (const def of cases) {
      const grid = caseGrid(def.modality, 'normal');
      const lesions = def.lesions();
      const ph = rasterise(grid, buildAnatomy({ liverScale: def.liverScale, lesions }));
      const ct = def.modality === 'CT';
      const images = new Map<string, ScalarVolume>();
      for (const phase of def.phases) {
        const data = synthesisePhase(ph, phaseSpec(def.modality, phase), {
          blurSigmaMm: ct ? [0.8, 0.8, 1.0] : [0.9, 0.9, 1.2],
          seed: `${def.name}:noise:${phase}`,
          min: ct ? -1024 : 0,
          max: ct ? 3071 : 4095,
        });
        images.set(phase, { grid, data });
      }
      const pv = images.get(ct ? 'portal_venous' : 't1_portal_venous')!;
      const seed = toIndex(grid, findLiverSeed(ph, def.liverSeedLps));
      const liver = await measureInProcess(() => liverFromSeed(pv, { seed }));
      const liverDice = dice(liver.value.mask, ph.liver);
      rows.push({
        scenario: NAME,
        subject: `${def.name} liver from one seed`,
        seconds: liver.seconds,
        note: `Dice ${liverDice.toFixed(4)} (target >= 0.95)`,
      });
      if (def === cases[0]) rows.push(...(await plastimatchDice(workDir, grid, ph.liver, liver.value.mask, liverDice)));
      const phases = def.phases.map((p) => images.get(p)!);
      for (const [n, lesion] of lesions.entries()) {
        const truth = Uint8Array.from(ph.labels, (v) => (lesionOfLabel(v) === n ? 1 : 0));
        const click = toIndex(grid, lesion.centreLps);
        const r = await measureInProcess(() => lesionFromClick(phases, { click, liverMask: liver.value.mask }));
        const d = dice(r.value.mask, truth);
        rows.push({
          scenario: NAME,
          subject: `${def.name} ${lesion.id} (${lesion.diameterMm} mm${lesion.necrosis ? ', necrotic' : ''})`,
          seconds: r.seconds,
          note: `Dice ${d.toFixed(3)} on ${def.phases[r.value.phaseIndex]} (target >= 0.85)`,
        });
      }
    }
    rows.push(...(await timing(workDir, quick)));
    return rows;
  },
};
export default scenario;

async function plastimatchDice(workDir: string, grid: Grid, truth: Uint8Array, test: Uint8Array, ours: number) {
  const a = join(workDir, 'truth.nii.gz');
  const b = join(workDir, 'test.nii.gz');
  writeFileSync(a, encodeNifti({ grid, data: truth }, { gzip: true }));
  writeFileSync(b, encodeNifti({ grid, data: test }, { gzip: true }));
  try {
    const m = await measureCommand('plastimatch', ['dice', a, b]);
    const dc = /DICE:\s*([\d.]+)/.exec(m.stdout)?.[1];
    return [
      {
        scenario: NAME,
        subject: 'plastimatch dice on the first liver (reference)',
        seconds: m.seconds,
        peakRssMb: m.peakRssMb,
        note: `Dice ${dc ?? '?'} vs ours ${ours.toFixed(4)}`,
      },
    ];
  } catch (e) {
    return [{ scenario: NAME, subject: 'plastimatch dice (reference)', note: `not run: ${(e as Error).message}` }];
  }
}

/** An ellipsoid liver (110 HU) in fat with a 30 mm lesion (arterial 160 HU), noise SD 12. */
function syntheticLarge(quick: boolean): { pv: ScalarVolume; art: ScalarVolume; seed: number; click: number } {
  const dims: Vec3 = quick ? [128, 128, 75] : [512, 512, 300];
  const spacing: Vec3 = quick ? [3, 3, 3.2] : [0.75, 0.75, 0.8];
  const grid: Grid = { dims, spacing, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const [nx, ny, nz] = dims;
  const pv = new Int16Array(nx * ny * nz);
  const art = new Int16Array(nx * ny * nz);
  let s = 12345;
  const noise = () => {
    // Sum of uniforms: cheap near-Gaussian noise with SD 12.
    let acc = 0;
    for (let t = 0; t < 4; t++) acc += (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    return (acc - 2) * 12 * Math.sqrt(3);
  };
  const c = [nx * spacing[0] * 0.5, ny * spacing[1] * 0.5, nz * spacing[2] * 0.5];
  const r = [c[0]! * 0.7, c[1]! * 0.55, c[2]! * 0.6];
  const lc = [c[0]! - r[0]! * 0.4, c[1]!, c[2]!];
  for (let k = 0, n = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, n++) {
        const x = i * spacing[0];
        const y = j * spacing[1];
        const z = k * spacing[2];
        const inLiver = ((x - c[0]!) / r[0]!) ** 2 + ((y - c[1]!) / r[1]!) ** 2 + ((z - c[2]!) / r[2]!) ** 2 <= 1;
        const inLesion = (x - lc[0]!) ** 2 + (y - lc[1]!) ** 2 + (z - lc[2]!) ** 2 <= 15 ** 2;
        pv[n] = Math.round((inLesion ? 90 : inLiver ? 110 : -100) + noise());
        art[n] = Math.round((inLesion ? 160 : inLiver ? 75 : -100) + noise());
      }
  const seedP: Vec3 = [c[0]! + r[0]! * 0.4, c[1]!, c[2]!];
  return {
    pv: { grid, data: pv },
    art: { grid, data: art },
    seed: toIndex(grid, seedP),
    click: toIndex(grid, lc as Vec3),
  };
}

async function timing(workDir: string, quick: boolean): Promise<BenchRow[]> {
  const v = syntheticLarge(quick);
  const size = v.pv.grid.dims.join('x');
  const rows: BenchRow[] = [];
  const liver = await measureInProcess(() => liverFromSeed(v.pv, { seed: v.seed }));
  rows.push({
    scenario: NAME,
    subject: `LiverPlan liverFromSeed ${size}`,
    seconds: liver.seconds,
    peakRssMb: liver.peakRssMb,
    note: `${liver.value.voxelCount} voxels`,
  });
  const lesion = await measureInProcess(() =>
    lesionFromClick([v.pv, v.art], { click: v.click, liverMask: liver.value.mask }),
  );
  rows.push({
    scenario: NAME,
    subject: `LiverPlan lesionFromClick ${size} (2 phases)`,
    seconds: lesion.seconds,
    peakRssMb: lesion.peakRssMb,
    note: `${lesion.value.voxelCount} voxels`,
  });
  const fill = await measureInProcess(() => fillHoles3d(liver.value.mask, v.pv.grid.dims));
  rows.push({
    scenario: NAME,
    subject: `LiverPlan fillHoles3d ${size}`,
    seconds: fill.seconds,
    peakRssMb: fill.peakRssMb,
  });
  const close = await measureInProcess(() => closeMm(liver.value.mask, v.pv.grid, 5));
  rows.push({
    scenario: NAME,
    subject: `LiverPlan closeMm 5 mm ${size}`,
    seconds: close.seconds,
    peakRssMb: close.peakRssMb,
  });
  const file = join(workDir, 'pv.nii.gz');
  writeFileSync(file, encodeNifti(v.pv, { gzip: false }));
  try {
    const m = await measureCommand('plastimatch', [
      'threshold',
      '--input',
      file,
      '--output',
      join(workDir, 'thr.nii'),
      '--range',
      '95,125',
    ]);
    rows.push({
      scenario: NAME,
      subject: `plastimatch threshold ${size} (reference)`,
      seconds: m.seconds,
      peakRssMb: m.peakRssMb,
      note: m.code === 0 ? 'global threshold incl. file IO' : `exit ${m.code}`,
    });
  } catch (e) {
    rows.push({
      scenario: NAME,
      subject: 'plastimatch threshold (reference)',
      note: `not run: ${(e as Error).message}`,
    });
  }
  return rows;
}
