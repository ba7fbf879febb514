import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaseStore } from '../../electron/services/case/caseStore';
import { analyseAblation } from '../../shared/ablation/analyseAblation';
import { applicatorFromDevice } from '../../shared/ablation/applicatorFromDevice';
import { fillMeasuredDraft } from '../../shared/case/fillMeasuredDraft';
import { measureCase } from '../../shared/case/measureCase';
import { measureSummary, measuredMargins, type MeasureSummary } from '../../shared/case/measureSummary';
import type { CaseDocument } from '../../shared/case/model';
import type { OriginRow } from '../../shared/case/planOrigins';
import type { Territory } from '../../shared/case/territory';
import { makeTestCase } from '../../shared/export/testing/testCase';
import { setAtPath, type Draft } from '../../shared/planning/draft';
import type { PlanResult } from '../../shared/planning/evaluate';
import { baseInput } from '../../shared/planning/testing/baseInput';
import { mergeDeviceEntries } from '../../shared/volume/devices';
import { indexToPatient, type Vec3 } from '../../shared/volume/grid';
import { encodeNifti } from '../../shared/volume/nifti';
import { planCommand } from './plan';
import { CliError } from './types';

const dir = mkdtempSync(join(tmpdir(), 'liverplan-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, data: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

describe('liverplan plan', () => {
  it('evaluates an input file and returns outcomes and Y-90 figures', async () => {
    const input = {
      ...baseInput(),
      y90: {
        product: 'glass',
        intent: 'lobar',
        lungShuntFraction: 0.05,
        targetVolumeMl: 1000,
        tumourInTargetMl: 200,
        normalInTargetMl: 800,
        perfusedDoseGy: 120,
      },
    };
    const r = await planCommand.run(['--input', write('in.json', input), '--set', 'doseFactorK=50', '--json']);
    const plan = r.json as PlanResult;
    expect(plan.ruleSetId).toBe('liverplan-net-liver');
    expect(plan.y90!.methods.find((m) => m.method === 'mird')!.activityGBq).toBeCloseTo(2.602, 3);
    expect(r.text).toMatch(/mird\s+2\.6/);
  });

  it('accepts the example in docs/plan-input.md', async () => {
    const doc = readFileSync(new URL('../../docs/plan-input.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
    const r = await planCommand.run(['--input', write('doc.json', example)]);
    expect((r.json as PlanResult).y90!.methods.map((m) => m.method)).toEqual(['bsa', 'mird', 'partition']);
  });

  it('evaluates an input file without clinical (every clinical field has a default)', async () => {
    const { clinical: _omitted, ...input } = baseInput();
    const r = await planCommand.run(['--input', write('noclinical.json', input), '--json']);
    expect((r.json as PlanResult).calculators.childPugh.label).toBe('A5');
  });

  it('prints the JSON Schema', async () => {
    const r = await planCommand.run(['--schema']);
    expect((r.json as { type: string }).type).toBe('object');
  });

  it('refuses invalid input with a one-line reason naming the field', async () => {
    const bad = baseInput();
    bad.measured.tumourMl = -5;
    await expect(planCommand.run(['--input', write('bad.json', bad)])).rejects.toThrow(/measured\.tumourMl/);
    await expect(planCommand.run(['--input', write('x.json', '{')])).rejects.toThrow(/not valid JSON/);
    await expect(planCommand.run(['--set', 'k=1', '--input', 'x'])).rejects.toBeInstanceOf(CliError);
  });
});

type CasePlanJson = PlanResult & {
  caseId: string;
  input: {
    measured: { liverMl: number; tumourMl: number; lesions: Record<string, unknown>[] };
    y90: Record<string, number>;
  };
  measuredInputs: OriginRow[];
  measured: MeasureSummary;
  notes: string[];
};

const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * A case as the app saves it: the synthetic CT case (liver 1, lesion 2 in an ablation zone 3) with
 * a second lesion (label 5) across a right/left split plane, the right lobe as Y-90 target, one
 * microwave applicator over lesion 2, and the plan draft the app had after "Use volumes from
 * segmentation" with one measured value overridden by the user.
 */
async function savedCase(root: string) {
  const c = makeTestCase();
  // Stretched 2.5 times, so the liver has a plausible volume (the plan refuses < 50 mL).
  c.labels.grid = { ...c.labels.grid, spacing: c.labels.grid.spacing.map((v) => v * 2.5) as Vec3 };
  const { grid, data } = c.labels;
  const centre = indexToPatient(grid, 24, 20, 8);
  const [nx, ny, nz] = grid.dims;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const p = indexToPatient(grid, i, j, k);
        if (Math.hypot(p[0] - centre[0] + 40, p[1] - centre[1], p[2] - centre[2]) < 10) data[i + nx * (j + ny * k)] = 5;
      }
  const lesion2 = c.caseDoc.segments.find((s) => s.label === 2)!;
  const segments = [...c.caseDoc.segments, { ...lesion2, label: 5, name: 'Lesion 2' }];
  const x = centre[0] - 20;
  const right: Territory = {
    id: 'right',
    name: 'Right lobe',
    lobe: 'right',
    planes: [
      {
        points: [
          [x, 0, 0],
          [x, 10, 0],
          [x, 0, 10],
        ],
        keep: 'positive',
      },
    ],
  };
  const applicator = {
    id: 'a1',
    entry: [centre[0] + 60, centre[1], centre[2]] as Vec3,
    tip: [centre[0] - 20, centre[1], centre[2]] as Vec3,
    deviceId: 'Emprint',
    settingId: 'emprint-100w-5min',
  };
  // What the app computes for the Plan form: the one measurement, the Ablation analysis, the fill.
  const figures = measureCase({ labels: c.labels, segments, territories: [right] });
  const analysis = analyseAblation(c.labels, segments, [
    applicatorFromDevice(applicator, mergeDeviceEntries([]).entries),
  ]);
  const app = measureSummary(figures, measuredMargins(analysis, { tumourLabel: null, mamMm: undefined }), {
    territories: [right],
    targetId: 'right',
  })!;
  const typed = {
    ...baseInput(),
    measured: { liverMl: 1, tumourMl: 0, lesions: [] },
    y90: { product: 'resin', intent: 'lobar', lungShuntFraction: 0.05, perfusedDoseGy: 120 },
  } as unknown as Draft;
  // The user overrides the measured target volume (e.g. from a cone-beam CT).
  const draft = setAtPath(fillMeasuredDraft(typed, app), 'y90.targetVolumeMl', 400);
  const store = createCaseStore(root);
  const created = await store.create({ ...c.caseDoc, segments, applicators: [] });
  const doc: CaseDocument = {
    ...created.document,
    applicators: [applicator],
    territories: [right],
    targetTerritoryId: 'right',
    planInput: draft,
  };
  const labelsFile = encodeNifti(c.labels, { gzip: true });
  await store.save(doc, labelsFile);
  return { store, doc, labelsFile, figures, analysis, app, dir: join(root, doc.caseId) };
}

describe('liverplan plan --case', () => {
  it('plans from a saved case with the measured inputs of the app, to the voxel, overrides kept and marked', async () => {
    const { store, doc, labelsFile, figures, analysis, app, dir: caseDir } = await savedCase(join(dir, 'cases'));
    const r = await planCommand.run(['--case', caseDir, '--json']);
    const plan = r.json as CasePlanJson;
    expect(plan.caseId).toBe(doc.caseId);
    // The same measurement as the app: whole liver to the voxel, lesion ids from segment numbers.
    expect(plan.measured).toEqual(app);
    expect(plan.measured.liverMl).toBe((figures.wholeLiver!.voxels * figures.voxelVolumeMm3) / 1000);
    expect(plan.input.measured.liverMl).toBe(round1(figures.burden!.liverIncludingTumourMl));
    expect(plan.input.measured.tumourMl).toBe(round1(figures.burden!.tumourMl));
    expect(plan.burden.liverIncludingTumourMl).toBe(round1(figures.burden!.liverIncludingTumourMl));
    expect(plan.input.measured.lesions.map((l) => [l.id, l.lobe, l.diameterMm])).toEqual(
      figures.lesions.map((l) => [l.id, l.lobe, round1(l.maxDiameter3dMm)]),
    );
    expect(figures.lesions.map((l) => l.id)).toEqual(['L2', 'L5']);
    expect(new Set(figures.lesions.map((l) => l.lobe))).toEqual(new Set(['right', 'left']));
    // The margin of the Ablation analysis reaches lesion L2's ablation rule.
    const mam = analysis.tumours.find((t) => t.label === 2)!.margin!.mamMm;
    expect(Number.isFinite(mam)).toBe(true);
    expect(plan.input.measured.lesions[0]!.minimalAblativeMarginMm).toBe(round1(mam));
    const marginRule = plan.outcomes.find((o) => o.ruleId === 'ablation.margin' && o.lesionId === 'L2');
    expect(marginRule?.rationale).toContain(`Minimal margin ${round1(mam)}`);
    // Target masses from the territory; the user's target volume is kept and marked overridden.
    const target = figures.territories[0]!.figures;
    expect(plan.input.y90.tumourInTargetMl).toBe(round1(target.tumourMl));
    expect(plan.input.y90.normalInTargetMl).toBe(round1(target.normalMl));
    expect(plan.y90!.masses.tumourKg).toBeCloseTo((round1(target.tumourMl) * 1.03) / 1000, 9);
    expect(plan.input.y90.targetVolumeMl).toBe(400);
    const row = plan.measuredInputs.find((o) => o.path === 'y90.targetVolumeMl')!;
    expect(row).toMatchObject({
      value: 400,
      overridden: true,
      measured: round1(target.targetMl),
      source: "Territory 'Right lobe'",
    });
    expect(plan.measuredInputs.filter((o) => o.overridden).map((o) => o.path)).toEqual(['y90.targetVolumeMl']);
    expect(r.text).toMatch(/y90\.targetVolumeMl: 400 \(overridden; measured [\d.]+\) <- Territory 'Right lobe'/);

    // Renaming a lesion afterwards changes nothing but the words of its source.
    const renamed = doc.segments.map((s) => (s.label === 2 ? { ...s, name: 'Segment VII metastasis' } : s));
    await store.save({ ...doc, segments: renamed }, labelsFile);
    const again = (await planCommand.run(['--case', caseDir, '--json'])).json as CasePlanJson;
    expect(again.input.measured.lesions).toEqual(plan.input.measured.lesions);
    expect(again.outcomes).toEqual(plan.outcomes);
  });

  it('refuses a folder that is not a case, and a case whose plan inputs are incomplete, saying what is missing', async () => {
    await expect(planCommand.run(['--case', join(dir, 'nowhere')])).rejects.toThrow(/not a saved case folder/);
    await expect(planCommand.run(['--case', 'a', '--input', 'b'])).rejects.toMatchObject({ exitCode: 2 });
    const c = makeTestCase();
    const store = createCaseStore(join(dir, 'cases2'));
    const created = await store.create({ ...c.caseDoc, applicators: [] });
    await store.save(
      { ...created.document, planInput: { patient: { heightCm: 170 } } },
      encodeNifti(c.labels, { gzip: true }),
    );
    await expect(planCommand.run(['--case', join(dir, 'cases2', created.document.caseId)])).rejects.toThrow(
      /plan inputs are incomplete.*[Ww]eight/,
    );
  });
});
