import { describe, expect, it } from 'vitest';
import { scoreAttempt } from './scoreAttempt';
import { scenarioActivity } from './scoreDosimetry';
import type { PracticeTask } from './tasks';
import { axialGrid } from '../volume/testing/testGrids';

const scenario = { method: 'resin-bsa' as const, heightCm: 170, weightKg: 70, lungShuntFraction: 0.12 };
const task: PracticeTask = { id: 'y90', kind: 'y90-activity', title: '', instructions: '', y90: scenario };

describe('Y-90 practice scoring', () => {
  it('reproduces the clinical-rules test vector (170 cm, 70 kg, TB 20%, LSF 12% -> 1.448 GBq)', () => {
    expect(scenarioActivity(scenario, 1000, 200).activityGBq).toBeCloseTo(1.448, 3);
  });

  it('reports the difference from the reference and splits volume from arithmetic error', () => {
    const grid = axialGrid([10, 10, 10], [2, 2, 5], [0, 0, 0]); // 20 uL voxels
    const labels = new Uint8Array(1000);
    labels.fill(1, 0, 500); // 10 mL liver
    labels.fill(2, 500, 600); // 2 mL lesion -> 12 mL incl. tumour
    const out = scoreAttempt({
      task,
      reference: { grid, liver: new Uint8Array(1000), lesions: [] },
      truth: { liverMl: 1000, tumourMl: 200, lesions: [] },
      attempt: {
        grid,
        labels,
        segments: [
          { label: 1, kind: 'liver' },
          { label: 2, kind: 'lesion' },
        ],
      },
      activityGBq: 1.5,
    });
    const d = out.scores.dosimetry!;
    expect(d.referenceGBq).toBeCloseTo(1.448, 3);
    expect(d.differenceGBq).toBeCloseTo(1.5 - d.referenceGBq, 9);
    expect(out.scores.headline.value).toBeCloseTo((100 * (1.5 - d.referenceGBq)) / d.referenceGBq, 6);
    // Own volumes: 12 mL liver, 2 mL tumour -> TB 16.7%.
    expect(d.fromAttemptVolumesGBq).toBeCloseTo(scenarioActivity(scenario, 12, 2).activityGBq, 9);
    expect(out.errorMap).toBeNull();
    expect(() =>
      scoreAttempt({
        task,
        reference: { grid, liver: labels, lesions: [] },
        truth: { liverMl: 1, tumourMl: 0, lesions: [] },
      }),
    ).toThrow(/GBq/);
  });
});
