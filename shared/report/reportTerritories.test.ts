import { describe, expect, it } from 'vitest';
import { caseDocOf } from '../case/testing/caseDocOf';
import { ORIGINS_KEY } from '../case/planOrigins';
import { measureCase } from '../export/buildCaseObjects';
import { baseInput } from '../planning/testing/baseInput';
import { setAtPath } from '../planning/draft';
import type { Grid } from '../volume/grid';
import { planExtras } from './planExtras';
import { reportInputOrigins, reportTerritories } from './reportTerritories';

// A 1.3 L liver box (label 1) with a tumour (2) in its patient-right half (low x in LPS).
const grid: Grid = {
  dims: [60, 50, 30],
  spacing: [2, 2, 2.5],
  origin: [0, 0, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};
const data = new Uint8Array(60 * 50 * 30);
for (let k = 2; k < 28; k++)
  for (let j = 2; j < 48; j++)
    for (let i = 2; i < 58; i++)
      data[i + 60 * (j + 50 * k)] = i >= 10 && i < 20 && j >= 10 && j < 20 && k >= 10 && k < 18 ? 2 : 1;

function caseWithRightLobe() {
  const caseDoc = caseDocOf([
    { label: 1, name: 'Liver', kind: 'liver' },
    { label: 2, name: 'Lesion 1', kind: 'lesion' },
  ]);
  // Cantlie-like sagittal plane at x = 60 mm; the normal of these points is -x: the kept side is patient right.
  caseDoc.territories = [
    {
      id: 'T1',
      name: 'Right lobe',
      planes: [
        {
          points: [
            [60, 0, 0],
            [60, 0, 10],
            [60, 10, 0],
          ],
          keep: 'positive',
        },
      ],
      lobe: 'right',
    },
  ];
  caseDoc.targetTerritoryId = 'T1';
  return caseDoc;
}

describe('territories in the report', () => {
  it('shows the target territory with its measured tumour and normal liver, and feeds them to the Y-90 figures', () => {
    const caseDoc = caseWithRightLobe();
    const m = measureCase(caseDoc, { grid, data });
    const t = m.figures.territories[0]!.figures;
    // Columns i = 2..30 lie at x <= 60 mm: 29 of the liver's 56; the tumour lies wholly inside.
    expect(t.tumourMl).toBeCloseTo((10 * 10 * 8 * 10) / 1000, 9);
    expect(t.targetMl).toBeCloseTo((29 * 46 * 26 * 10) / 1000, 9);
    expect(m.figures.lesions[0]!.lobe).toBe('right');
    const rows = reportTerritories(caseDoc, m.figures.territories);
    expect(rows).toEqual([
      expect.objectContaining({ name: 'Right lobe', target: true, planes: 'patient right of a 3-point plane' }),
    ]);
    const input = baseInput() as Record<string, unknown>;
    input.y90 = {
      product: 'resin',
      intent: 'lobar',
      lungShuntFraction: 0.05,
      targetVolumeMl: 1,
      tumourInTargetMl: 0,
      normalInTargetMl: 1,
    };
    (input.measured as Record<string, unknown>).liverMl = 1400;
    (input.measured as Record<string, unknown>).tumourMl = 10;
    caseDoc.planInput = input;
    const y90 = planExtras(caseDoc, m).y90!;
    const mass = (label: string) => Number(y90.rows.find((r) => r.label === label)!.value);
    expect(mass('Tumour mass in target')).toBeCloseTo((t.tumourMl * 1.03) / 1000, 3);
    expect(mass('Normal liver mass in target')).toBeCloseTo((t.normalMl * 1.03) / 1000, 3);
  });

  it('keeps a value the user overrode and marks it as overridden', () => {
    const caseDoc = caseWithRightLobe();
    const m = measureCase(caseDoc, { grid, data });
    const t = m.figures.territories[0]!.figures;
    let input = baseInput() as Record<string, unknown>;
    input = setAtPath(input, 'y90', {
      product: 'resin',
      intent: 'lobar',
      lungShuntFraction: 0.05,
      targetVolumeMl: 500,
      tumourInTargetMl: 8,
      normalInTargetMl: 400,
    });
    input = setAtPath(input, 'measured.liverMl', 1400);
    input = setAtPath(input, 'measured.tumourMl', 10);
    input[ORIGINS_KEY] = {
      'y90.targetVolumeMl': { source: "Territory 'Right lobe'", measured: Math.round(t.targetMl * 10) / 10 },
      'y90.normalInTargetMl': { source: "Territory 'Right lobe'", measured: 400 },
    };
    caseDoc.planInput = input;
    const origins = reportInputOrigins(caseDoc);
    expect(origins).toEqual([
      expect.objectContaining({
        field: expect.stringMatching(/target/i),
        overridden: true,
        source: expect.stringMatching(/^overridden \(measured/),
      }),
      expect.objectContaining({ overridden: false, source: "Territory 'Right lobe'" }),
    ]);
    const y90 = planExtras(caseDoc, m).y90!;
    // The overridden target volume stays 500 mL; the others follow the territory.
    expect(Number(y90.rows.find((r) => r.label === 'Target mass')!.value)).toBeCloseTo(0.515, 3);
    expect(Number(y90.rows.find((r) => r.label === 'Tumour mass in target')!.value)).toBeCloseTo(
      (t.tumourMl * 1.03) / 1000,
      3,
    );
  });
});
