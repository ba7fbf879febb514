import { describe, expect, it } from 'vitest';
import type { CaseTruth } from '../sample/truth';
import { practiceTasksFor } from './tasks';

const truth = {
  case: 'solitary-ablation',
  lesions: [
    { id: 'L1', centreLps: [-96, -8, -50], diameterMm: 25 },
    { id: 'L2', centreLps: [10, 14, 3], diameterMm: 120 },
  ],
} as unknown as CaseTruth;

describe('practiceTasksFor', () => {
  it('offers liver, lesions, ablation of ablatable lesions only, and a Y-90 scenario from the patient', () => {
    const tasks = practiceTasksFor(truth);
    expect(tasks.map((t) => t.id)).toEqual([
      'segment-liver',
      'segment-lesions',
      'plan-ablation:L1',
      'y90-activity:bsa-lsf12',
    ]);
    const abl = tasks[2]!;
    expect(abl.marginTarget!.mm).toBe(5);
    expect(abl.lesion!.nearLps).toEqual([-100, -10, -50]);
    expect(tasks[3]!.y90).toMatchObject({ heightCm: 166, weightKg: 68 });
    // Nothing of the reference volumes leaks into what the trainee sees.
    expect(JSON.stringify(tasks)).not.toMatch(/volumeMl|voxels/);
  });
});
