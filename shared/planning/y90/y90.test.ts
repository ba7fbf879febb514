import { describe, expect, it } from 'vitest';
import { PlanValidationError } from '../errors';
import { loadDefaultRuleSet } from '../loadDefaultRuleSet';
import { bodySurfaceArea } from '../bsa';
import { decayToTreatment } from './decay';
import { lungDoseGy } from './lungDose';
import { mirdActivityGBq, mirdDoseGy } from './mird';
import { partitionActivity, partitionDoses } from './partition';
import { resinBsaActivity, resinLsfReduction } from './resinBsa';

const rs = loadDefaultRuleSet();
const bsaM2 = bodySurfaceArea(170, 70, rs).m2;
// Tumour burden 20%: V_T / (V_T + V_N) = 0.2.
const whole = { bsaM2, tumourMl: 200, liverMl: 1000, lsf: 0 };

describe('resin BSA method (clinical-rules.md 4 vectors)', () => {
  it('170 cm, 70 kg, TB 20% -> 1.810 GBq', () => {
    expect(resinBsaActivity(whole, rs).activityGBq).toBeCloseTo(1.81, 3);
  });
  it('60% lobe -> 1.086 GBq', () => {
    expect(resinBsaActivity({ ...whole, targetMl: 600 }, rs).activityGBq).toBeCloseTo(1.086, 3);
  });
  it('LSF 12% -> 1.448 GBq (-20%)', () => {
    const r = resinBsaActivity({ ...whole, lsf: 0.12 }, rs);
    expect(r.lsfReduction).toBe(0.2);
    expect(r.activityGBq).toBeCloseTo(1.448, 3);
  });
  it('LSF 17% -> 1.086 GBq (-40%)', () => {
    expect(resinBsaActivity({ ...whole, lsf: 0.17 }, rs).activityGBq).toBeCloseTo(1.086, 3);
  });
  it('LSF bands at their edges; >20% do not treat', () => {
    expect(resinLsfReduction(0.0999, rs)).toEqual({ reduction: 0, doNotTreat: false });
    expect(resinLsfReduction(0.1, rs).reduction).toBe(0.2);
    expect(resinLsfReduction(0.15, rs).reduction).toBe(0.4);
    expect(resinLsfReduction(0.2, rs)).toEqual({ reduction: 0.4, doNotTreat: false });
    const r = resinBsaActivity({ ...whole, lsf: 0.21 }, rs);
    expect(r).toMatchObject({ doNotTreat: true, activityGBq: 0 });
  });
  it('refuses LSF outside 0..1', () => {
    expect(() => resinBsaActivity({ ...whole, lsf: 1.2 }, rs)).toThrow(PlanValidationError);
    expect(() => resinBsaActivity({ ...whole, lsf: -0.1 }, rs)).toThrow(/lungShuntFraction/);
  });
});

describe('MIRD single compartment', () => {
  const m = (1000 * rs.constants.tissueDensity.value) / 1000;
  it('1000 mL (1.03 kg), 120 Gy, k 50, LSF 0 -> 2.472 GBq', () => {
    expect(m).toBeCloseTo(1.03, 6);
    expect(mirdActivityGBq(120, m, 0, 50)).toBeCloseTo(2.472, 3);
  });
  it('LSF 5% -> 2.602 GBq, lung dose 6.5 Gy', () => {
    const a = mirdActivityGBq(120, m, 0.05, 50);
    expect(a).toBeCloseTo(2.602, 3);
    expect(lungDoseGy(a, 0.05, 1, 50)).toBeCloseTo(6.5, 1);
  });
  it('inverts to the prescribed dose', () => {
    expect(mirdDoseGy(mirdActivityGBq(150, 0.4, 0.1, 49.67), 0.4, 0.1, 49.67)).toBeCloseTo(150, 9);
  });
  it('refuses negative mass and LSF 1', () => {
    expect(() => mirdActivityGBq(120, -1, 0, 50)).toThrow(/targetMassKg/);
    expect(() => mirdActivityGBq(120, 1, 1, 50)).toThrow(/lungShuntFraction/);
  });
});

describe('partition model (Ho 1996)', () => {
  const masses = { tumourKg: 0.2, normalKg: 1.3, tumourToNormal: 3 };
  it('M_T 0.2, M_N 1.3, T/N 3, LSF 8%, D_N 40 Gy, k 49.67 -> 1.663 GBq, D_T 120 Gy, D_L 6.6 Gy', () => {
    const r = partitionActivity(40, masses, 0.08, 49.67);
    expect(r.activityGBq).toBeCloseTo(1.663, 3);
    expect(r.tumourDoseGy).toBeCloseTo(120, 9);
    expect(lungDoseGy(r.activityGBq, 0.08, 1, 49.67)).toBeCloseTo(6.6, 1);
  });
  it('partitionDoses inverts partitionActivity', () => {
    const r = partitionDoses(1.663, masses, 0.08, 49.67);
    expect(r.normalDoseGy).toBeCloseTo(40, 1);
  });
});

describe('decay', () => {
  it('one half-life (64.1 h) doubles the activity needed at calibration', () => {
    const r = decayToTreatment(2, '2026-01-01T00:00:00Z', '2026-01-03T16:06:00Z', 64.1);
    expect(r.hoursFromCalibration).toBeCloseTo(64.1, 6);
    expect(r.activityAtCalibrationGBq).toBeCloseTo(4, 9);
    expect(r.decayFactor).toBeCloseTo(0.5, 9);
  });
  it('honours time-zone offsets', () => {
    const r = decayToTreatment(1, '2026-01-01T12:00:00+02:00', '2026-01-01T10:00:00Z', 64.1);
    expect(r.hoursFromCalibration).toBeCloseTo(0, 9);
  });
  it('refuses a gap beyond two weeks', () => {
    expect(() => decayToTreatment(1, '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', 64.1)).toThrow(/implausible/);
  });
});
