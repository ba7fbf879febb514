import { describe, expect, it } from 'vitest';
import { caseDocOf } from '../case/testing/caseDocOf';
import { measureCase } from '../export/buildCaseObjects';
import type { Grid } from '../volume/grid';
import { makeTestCase } from '../export/testing/testCase';
import { baseInput } from '../planning/testing/baseInput';
import { planExtras } from './planExtras';

describe('planExtras', () => {
  it('evaluates the case plan inputs with the shipped rule set and reports calculators and sources', () => {
    const c = makeTestCase();
    c.caseDoc.planInput = baseInput() as Record<string, unknown>;
    const extras = planExtras(c.caseDoc, { margins: [] });
    expect(extras.ruleSet).toMatch(/@/);
    expect(extras.procedure).toBe('SIRT');
    expect(extras.clinical?.map((r) => r.label)).toEqual(['Child-Pugh', 'ALBI', 'Body surface area (Du Bois)']);
    expect(extras.clinical?.[0]?.value).toMatch(/^A /);
    for (const o of extras.outcomes ?? []) expect(o.source.length).toBeGreaterThan(0);
  });

  it('takes volumes from the segmentation and says which input is invalid instead of guessing', () => {
    const c = makeTestCase();
    c.caseDoc.planInput = baseInput() as Record<string, unknown>;
    // The synthetic liver (about 25 mL) is below the plan's valid range for a whole liver.
    const extras = planExtras(c.caseDoc, measureCase(c.caseDoc, c.labels, c.volume));
    expect(extras.outcomes).toEqual([
      expect.objectContaining({ status: 'not evaluated', message: expect.stringMatching(/Liver incl\. tumour/) }),
    ]);
    // Clinician words only: no field path, no schema wording.
    expect(extras.outcomes?.[0]?.message).not.toMatch(/measured\.|Invalid input|expected/);
  });

  it('names every missing plan input by its label when the form is incomplete', () => {
    const c = makeTestCase();
    const input = baseInput() as Record<string, unknown> & { patient: Record<string, unknown> };
    delete input.patient.heightCm;
    delete input.patient.weightKg;
    c.caseDoc.planInput = input;
    const [row] = planExtras(c.caseDoc, { margins: [] }).outcomes ?? [];
    expect(row?.status).toBe('not evaluated');
    expect(row?.message).toMatch(/Height/);
    expect(row?.message).toMatch(/Weight/);
    expect(row?.message).not.toMatch(/patient\.heightCm|Invalid input/);
  });

  it('gives nothing for a case without plan inputs', () => {
    expect(planExtras(makeTestCase().caseDoc, { margins: [] })).toEqual({});
  });

  it('brings a measured margin to its lesion by id, also after the lesion is renamed', () => {
    // 337 mL liver box; a 5 mm lesion (label 2) inside a 12 mm ablation zone (label 3).
    const grid: Grid = {
      dims: [60, 60, 30],
      spacing: [1.5, 1.5, 2.5],
      origin: [0, 0, 0],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    };
    const data = new Uint8Array(60 * 60 * 30);
    for (let k = 0; k < 30; k++)
      for (let j = 0; j < 60; j++)
        for (let i = 0; i < 60; i++) {
          const d = Math.hypot((i - 30) * 1.5, (j - 30) * 1.5, (k - 15) * 2.5);
          const inLiver = i >= 5 && i < 55 && j >= 5 && j < 55 && k >= 3 && k < 27;
          data[i + 60 * (j + 60 * k)] = d <= 5 ? 2 : d <= 12 ? 3 : inLiver ? 1 : 0;
        }
    const labels = { grid, data };
    const caseDoc = caseDocOf([
      { label: 1, name: 'Liver', kind: 'liver' },
      { label: 2, name: 'Lesion 1', kind: 'lesion' },
      { label: 3, name: 'Ablation zone 1', kind: 'ablation' },
    ]);
    const m = measureCase(caseDoc, labels);
    const [lesion] = m.figures.lesions;
    expect(lesion!.id).toBe('L2');
    caseDoc.planInput = {
      ...baseInput(),
      plannedModality: 'MWA',
      measured: { liverMl: 1, tumourMl: 0, lesions: [{ id: lesion!.id, diameterMm: 10, lobe: 'right' }] },
    };
    const marginRow = (extras: ReturnType<typeof planExtras>) =>
      extras.outcomes?.find((o) => o.ruleId === 'ablation.margin' && o.lesionId === 'L2');
    const before = marginRow(planExtras(caseDoc, m));
    const mam = m.margins[0]!.result.mamMm;
    expect(mam).toBeGreaterThan(5);
    expect(before?.message).toContain(`Minimal margin ${mam.toFixed(1)} mm`);

    caseDoc.segments[1]!.name = 'Segment VII metastasis';
    const after = marginRow(planExtras(caseDoc, measureCase(caseDoc, labels)));
    expect(after).toEqual(before);
  });
});
