import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaseStore } from '../../electron/services/case/caseStore';
import { confirmMargin } from '../../shared/ablation/confirmMargin';
import type { CaseDocument } from '../../shared/case/model';
import type { OriginRow } from '../../shared/case/planOrigins';
import { makeTestCase } from '../../shared/export/testing/testCase';
import { bytesToBase64 } from '../../shared/ipc/base64';
import type { Draft } from '../../shared/planning/draft';
import type { PlanResult } from '../../shared/planning/evaluate';
import { baseInput } from '../../shared/planning/testing/baseInput';
import { indexToPatient, type Labelmap, type Vec3 } from '../../shared/volume/grid';
import { encodeNifti } from '../../shared/volume/nifti';
import { planCommand } from './plan';

const dir = mkdtempSync(join(tmpdir(), 'liverplan-plan-case-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type CasePlanJson = PlanResult & {
  input: { measured: { lesions: Record<string, unknown>[] } };
  measuredInputs: OriginRow[];
  notes: string[];
};

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Post-ablation CT lies shifted by this from the pre-procedure one (patient moved between scans). */
const SHIFT: Vec3 = [7, -4, 5];

/**
 * A case saved after Confirm: the synthetic case (liver 1, lesion 2 of radius ~11 mm inside an
 * ablation ring 3 reaching ~22 mm), one microwave applicator over lesion 2 (the Ablation
 * workspace's predicted margin) and a confirmation: the achieved zone (lesion and ring) segmented
 * on a post series shifted by SHIFT, four landmark pairs, lesion 2 chosen. The saved plan draft
 * holds only typed values: the margins come from the case when `plan --case` re-measures it.
 */
async function confirmedCase(
  root: string,
  {
    zoneBase64,
    tipOffsetMm = -20,
    confirm = true,
  }: { zoneBase64?: string; tipOffsetMm?: number; confirm?: boolean } = {},
) {
  const c = makeTestCase();
  // Stretched 2.5 times, so the liver has a plausible volume (the plan refuses < 50 mL).
  c.labels.grid = { ...c.labels.grid, spacing: c.labels.grid.spacing.map((v) => v * 2.5) as Vec3 };
  const pre = c.labels;
  const post: Labelmap = {
    grid: { ...pre.grid, origin: pre.grid.origin.map((v, a) => v + SHIFT[a]!) as Vec3 },
    data: pre.data.map((v) => (v === 2 || v === 3 ? 1 : 0)),
  };
  const centre = indexToPatient(pre.grid, 24, 20, 8);
  const landmarks: Vec3[] = [
    centre,
    [centre[0] + 30, centre[1], centre[2]],
    [centre[0], centre[1] + 25, centre[2]],
    [centre[0], centre[1], centre[2] + 20],
  ];
  const confirmation: NonNullable<CaseDocument['confirmation']> = {
    postSeriesUid: '2.25.424242',
    pairs: landmarks.map((p) => ({ pre: p, post: p.map((v, a) => v + SHIFT[a]!) as Vec3 })),
    refinedMatrix: null,
    tumourLabel: 2,
    zoneBase64: zoneBase64 ?? bytesToBase64(encodeNifti(post, { gzip: true })),
  };
  const applicator = {
    id: 'a1',
    entry: [centre[0] + 60, centre[1], centre[2]] as Vec3,
    tip: [centre[0] + tipOffsetMm, centre[1], centre[2]] as Vec3,
    deviceId: 'Emprint',
    settingId: 'emprint-100w-5min',
  };
  const typed = {
    ...baseInput(),
    // No lobe split in this case: the lobe is asked, so the user typed it for lesion L2.
    measured: { liverMl: 1, tumourMl: 0, lesions: [{ id: 'L2', lobe: 'right', diameterMm: 1, volumeMl: 1 }] },
  } as unknown as Draft;
  const store = createCaseStore(root);
  const created = await store.create({ ...c.caseDoc, applicators: [] });
  const doc: CaseDocument = {
    ...created.document,
    applicators: [applicator],
    ...(confirm ? { confirmation } : {}),
    planInput: typed,
  };
  await store.save(doc, encodeNifti(pre, { gzip: true }));
  return { pre, post, caseDir: join(root, doc.caseId), segments: c.caseDoc.segments };
}

const marginRow = (plan: CasePlanJson) =>
  plan.measuredInputs.find((o) => o.path === 'measured.lesions.0.minimalAblativeMarginMm');

describe('liverplan plan --case with a confirmation', () => {
  it("puts the Confirm workspace's achieved margin on its lesion's ablation rule, over the predicted one", async () => {
    const { pre, post, caseDir, segments } = await confirmedCase(join(dir, 'confirmed'));
    const plan = (await planCommand.run(['--case', caseDir, '--json'])).json as CasePlanJson;
    expect(plan.notes).toEqual([]);
    // The workspace's own computation on the same inputs: post zone moved back by the shift.
    const translation = [1, 0, 0, -SHIFT[0], 0, 1, 0, -SHIFT[1], 0, 0, 1, -SHIFT[2], 0, 0, 0, 1];
    const expected = confirmMargin({
      labelmap: pre,
      segments: segments.map(({ label, name, kind }) => ({ label, name, kind })),
      tumourLabel: 2,
      postZone: post,
      postToPre: translation,
    }).margin.mamMm;
    // Independently of that function: the zone reaches 22.5 mm from the centre, the lesion 11.25 mm,
    // so 11.25 mm within the voxels' discretisation (slices 5 mm apart).
    expect(Math.abs(expected - 11.25)).toBeLessThan(5);
    const lesion = plan.input.measured.lesions.find((l) => l.id === 'L2')!;
    expect(lesion.minimalAblativeMarginMm).toBe(round1(expected));
    expect(lesion.lobe).toBe('right');
    expect(marginRow(plan)).toMatchObject({
      source: 'Confirm (achieved zone)',
      measured: round1(expected),
      overridden: false,
    });
    const rule = plan.outcomes.find((o) => o.ruleId === 'ablation.margin' && o.lesionId === 'L2');
    expect(rule?.rationale).toContain(`Minimal margin ${round1(expected)}`);
  });

  it("falls back to the Ablation workspace's predicted margin, with a note, when the saved zone cannot be read", async () => {
    const { caseDir } = await confirmedCase(join(dir, 'unreadable'), {
      zoneBase64: bytesToBase64(new TextEncoder().encode('not a NIfTI')),
    });
    const plan = (await planCommand.run(['--case', caseDir, '--json'])).json as CasePlanJson;
    expect(plan.notes).toHaveLength(1);
    expect(plan.notes[0]).toMatch(/^Confirmation: .+; its margin is left out\.$/);
    const row = marginRow(plan)!;
    expect(row.source).toBe('Ablation (predicted zone)');
    const rule = plan.outcomes.find((o) => o.ruleId === 'ablation.margin' && o.lesionId === 'L2');
    expect(rule?.rationale).toContain(`Minimal margin ${row.measured}`);
  });

  it('gives a lesion no predicted zone reaches no margin (its distance to the zone is none), unless Confirm measured one', async () => {
    // The applicator's tip 60 mm from the lesion's centre: the predicted zone misses it (0 % covered).
    const missed = await confirmedCase(join(dir, 'missed'), { tipOffsetMm: -60, confirm: false });
    const plan = (await planCommand.run(['--case', missed.caseDir, '--json'])).json as CasePlanJson;
    expect(plan.notes).toEqual([]);
    const lesion = plan.input.measured.lesions.find((l) => l.id === 'L2')!;
    expect(lesion.minimalAblativeMarginMm).toBeUndefined();
    expect(marginRow(plan)?.measured).toBeUndefined();
    const rule = plan.outcomes.find((o) => o.ruleId === 'ablation.margin' && o.lesionId === 'L2');
    expect(rule?.rationale ?? '').not.toMatch(/Minimal margin -/);
    // The same applicator with the confirmation saved: the achieved zone's margin is the lesion's.
    const confirmed = await confirmedCase(join(dir, 'missed-confirmed'), { tipOffsetMm: -60 });
    const withConfirm = (await planCommand.run(['--case', confirmed.caseDir, '--json'])).json as CasePlanJson;
    expect(marginRow(withConfirm)).toMatchObject({ source: 'Confirm (achieved zone)', overridden: false });
    expect(marginRow(withConfirm)!.measured).toBeGreaterThan(0);
  });
});
