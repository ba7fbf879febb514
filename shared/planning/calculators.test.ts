import { describe, expect, it } from 'vitest';
import { albi } from './albi';
import { bodySurfaceArea } from './bsa';
import { childPugh } from './childPugh';
import { PlanValidationError } from './errors';
import { loadDefaultRuleSet } from './loadDefaultRuleSet';

const rs = loadDefaultRuleSet();

describe('ALBI', () => {
  it('pins the clinical-rules vector: bilirubin 17.1 umol/L, albumin 40 g/L -> -2.586, grade 2', () => {
    const r = albi(17.1, 40, rs);
    expect(r.score).toBeCloseTo(-2.586, 3);
    expect(r.grade).toBe(2);
  });
  it('grades at the published cut-offs', () => {
    expect(albi(5, 50, rs).grade).toBe(1);
    expect(albi(50, 25, rs).grade).toBe(3);
  });
  it('refuses out-of-range values', () => {
    expect(() => albi(0, 40, rs)).toThrow(PlanValidationError);
    expect(() => albi(17, -1, rs)).toThrow(/labs.albumin/);
  });
});

describe('Child-Pugh', () => {
  const base = { bilirubinMgDl: 1, albuminGDl: 4, inr: 1, ascites: 'none', encephalopathy: 'none' } as const;
  it('scores A5 for normal values', () => {
    expect(childPugh(base, rs)).toMatchObject({ score: 5, class: 'A', label: 'A5' });
  });
  it('applies band edges: bilirubin 2 and 3 -> 2 points, >3 -> 3; albumin 3.5 -> 2, <2.8 -> 3', () => {
    expect(childPugh({ ...base, bilirubinMgDl: 2 }, rs).points.bilirubin).toBe(2);
    expect(childPugh({ ...base, bilirubinMgDl: 3 }, rs).points.bilirubin).toBe(2);
    expect(childPugh({ ...base, bilirubinMgDl: 3.1 }, rs).points.bilirubin).toBe(3);
    expect(childPugh({ ...base, albuminGDl: 3.5 }, rs).points.albumin).toBe(2);
    expect(childPugh({ ...base, albuminGDl: 2.8 }, rs).points.albumin).toBe(2);
    expect(childPugh({ ...base, albuminGDl: 2.7 }, rs).points.albumin).toBe(3);
    expect(childPugh({ ...base, inr: 1.7 }, rs).points.inr).toBe(2);
    expect(childPugh({ ...base, inr: 2.4 }, rs).points.inr).toBe(3);
  });
  it('classes B (7-9) and C (10-15)', () => {
    expect(childPugh({ ...base, bilirubinMgDl: 2.5, ascites: 'mild', inr: 1.8 }, rs).label).toBe('B8');
    const worst = {
      bilirubinMgDl: 4,
      albuminGDl: 2,
      inr: 3,
      ascites: 'moderate-severe',
      encephalopathy: 'grade-3-4',
    } as const;
    expect(childPugh(worst, rs)).toMatchObject({ score: 15, class: 'C' });
  });
});

describe('BSA (Du Bois)', () => {
  it('170 cm, 70 kg -> 1.810 m2', () => {
    expect(bodySurfaceArea(170, 70, rs).m2).toBeCloseTo(1.8097, 3);
  });
  it('refuses implausible height', () => {
    expect(() => bodySurfaceArea(17, 70, rs)).toThrow(/patient.heightCm/);
  });
});
