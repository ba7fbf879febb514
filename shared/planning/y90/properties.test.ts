import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../evaluate';
import { PlanValidationError } from '../errors';
import { loadDefaultRuleSet } from '../loadDefaultRuleSet';
import { baseInput } from '../testing/baseInput';
import { seededRandom } from '../testing/seededRandom';
import { lungDoseGy } from './lungDose';
import { mirdActivityGBq } from './mird';
import { partitionActivity } from './partition';
import { resinBsaActivity } from './resinBsa';

const rs = loadDefaultRuleSet();
const CASES = 300;

describe('Y-90 activity properties (seeded)', () => {
  it('MIRD activity is monotonic in dose and in mass, and never negative', () => {
    const r = seededRandom(1);
    for (let n = 0; n < CASES; n++) {
      const [d1, d2] = [r.range(0, 500), r.range(0, 500)].sort((a, b) => a - b) as [number, number];
      const [m1, m2] = [r.range(0.01, 3), r.range(0.01, 3)].sort((a, b) => a - b) as [number, number];
      const lsf = r.range(0, 0.5);
      const k = r.next() < 0.5 ? 49.67 : 50;
      const a11 = mirdActivityGBq(d1, m1, lsf, k);
      expect(a11).toBeGreaterThanOrEqual(0);
      expect(mirdActivityGBq(d2, m1, lsf, k)).toBeGreaterThanOrEqual(a11);
      expect(mirdActivityGBq(d1, m2, lsf, k)).toBeGreaterThanOrEqual(a11);
    }
  });

  it('partition activity is monotonic in normal dose and both masses, D_T = T/N x D_N', () => {
    const r = seededRandom(2);
    for (let n = 0; n < CASES; n++) {
      const masses = { tumourKg: r.range(0, 1), normalKg: r.range(0.05, 2), tumourToNormal: r.range(0.5, 20) };
      const lsf = r.range(0, 0.3);
      const dN = r.range(0, 100);
      const base = partitionActivity(dN, masses, lsf, 49.67);
      expect(base.activityGBq).toBeGreaterThanOrEqual(0);
      expect(base.tumourDoseGy).toBeCloseTo(masses.tumourToNormal * dN, 9);
      const grow = r.range(0, 1);
      expect(partitionActivity(dN + grow, masses, lsf, 49.67).activityGBq).toBeGreaterThanOrEqual(base.activityGBq);
      const moreT = { ...masses, tumourKg: masses.tumourKg + grow };
      const moreN = { ...masses, normalKg: masses.normalKg + grow };
      expect(partitionActivity(dN, moreT, lsf, 49.67).activityGBq).toBeGreaterThanOrEqual(base.activityGBq);
      expect(partitionActivity(dN, moreN, lsf, 49.67).activityGBq).toBeGreaterThanOrEqual(base.activityGBq);
    }
  });

  it('resin BSA activity grows with target volume and shrinks with LSF; never negative', () => {
    const r = seededRandom(3);
    for (let n = 0; n < CASES; n++) {
      const liverMl = r.range(800, 4000);
      const tumourMl = r.range(0, liverMl * 0.9);
      const bsaM2 = r.range(1.2, 2.6);
      const [t1, t2] = [r.range(50, liverMl), r.range(50, liverMl)].sort((a, b) => a - b) as [number, number];
      const [l1, l2] = [r.range(0, 0.3), r.range(0, 0.3)].sort((a, b) => a - b) as [number, number];
      const at = (targetMl: number, lsf: number) =>
        resinBsaActivity({ bsaM2, tumourMl, liverMl, targetMl, lsf }, rs).activityGBq;
      expect(at(t1, l1)).toBeGreaterThanOrEqual(0);
      expect(at(t2, l1)).toBeGreaterThanOrEqual(at(t1, l1));
      expect(at(t1, l2)).toBeLessThanOrEqual(at(t1, l1));
    }
  });

  it('lung dose is linear in activity and LSF', () => {
    const r = seededRandom(4);
    for (let n = 0; n < CASES; n++) {
      const a = r.range(0, 10);
      const lsf = r.range(0, 0.5);
      const m = r.range(0.5, 2);
      expect(lungDoseGy(2 * a, lsf, m, 50)).toBeCloseTo(2 * lungDoseGy(a, lsf, m, 50), 9);
      expect(lungDoseGy(a, lsf, m, 50)).toBeGreaterThanOrEqual(0);
    }
  });

  it('refuses values outside the valid ranges', () => {
    const r = seededRandom(5);
    for (let n = 0; n < CASES; n++) {
      const badLsf = r.next() < 0.5 ? -r.range(0.001, 5) : 1 + r.range(0.001, 5);
      const badMass = -r.range(0.001, 10);
      expect(() => mirdActivityGBq(100, 1, badLsf, 50)).toThrow(PlanValidationError);
      expect(() => mirdActivityGBq(100, badMass, 0.1, 50)).toThrow(PlanValidationError);
      expect(() => mirdActivityGBq(-r.range(0.001, 100), 1, 0.1, 50)).toThrow(PlanValidationError);
      expect(() => partitionActivity(40, { tumourKg: badMass, normalKg: 1, tumourToNormal: 3 }, 0.1, 50)).toThrow(
        PlanValidationError,
      );
      expect(() => lungDoseGy(1, badLsf, 1, 50)).toThrow(PlanValidationError);
    }
  });

  it('full plans on random valid inputs give finite, non-negative figures', () => {
    const r = seededRandom(6);
    for (let n = 0; n < 60; n++) {
      const input = baseInput();
      const liverMl = r.range(900, 3000);
      const tumourMl = r.range(10, liverMl * 0.8);
      const targetMl = r.range(100, liverMl);
      const tumourIn = Math.min(tumourMl, targetMl) * r.range(0, 1);
      input.measured = { liverMl, tumourMl, lesions: [] };
      input.y90 = {
        product: r.next() < 0.5 ? 'resin' : 'glass',
        intent: (['segmentectomy', 'lobar', 'whole-liver'] as const)[Math.floor(r.next() * 3)]!,
        lungShuntFraction: r.range(0, 0.3),
        targetVolumeMl: targetMl,
        tumourInTargetMl: tumourIn,
        normalInTargetMl: targetMl - tumourIn,
        tumourToNormalRatio: r.range(0.5, 10),
        perfusedDoseGy: r.range(20, 500),
        normalLiverDoseGy: r.range(10, 80),
      };
      const plan = evaluatePlan(input, rs);
      for (const m of plan.y90!.methods) {
        for (const v of [m.activityGBq, m.perfusedDoseGy, m.tumourDoseGy!, m.normalDoseGy!, m.lungDoseGy]) {
          expect(Number.isFinite(v) && v >= 0).toBe(true);
        }
      }
    }
  });
});
