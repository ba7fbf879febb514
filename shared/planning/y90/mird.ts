import { PlanValidationError, requireRange } from '../errors';

/**
 * MIRD single-compartment activity: A = D x M / [k x (1 - LSF)], M the perfused (target) mass
 * in kg, D the mean perfused absorbed dose in Gy.
 */
export function mirdActivityGBq(doseGy: number, massKg: number, lsf: number, k: number): number {
  requireRange('y90.perfusedDoseGy', doseGy, 0, 1000, 'Gy');
  requireRange('targetMassKg', massKg, 0, 15, 'kg');
  requireRange('y90.lungShuntFraction', lsf, 0, 1);
  requireRange('settings.doseFactorK', k, 40, 60, 'Gy.kg/GBq');
  if (lsf >= 1) throw new PlanValidationError('y90.lungShuntFraction', 'LSF of 1 leaves no liver dose');
  return (doseGy * massKg) / (k * (1 - lsf));
}

/** Mean perfused absorbed dose (Gy) delivered by an activity: the MIRD relation inverted. */
export function mirdDoseGy(activityGBq: number, massKg: number, lsf: number, k: number): number {
  requireRange('activityGBq', activityGBq, 0, 100, 'GBq');
  if (!(massKg > 0)) throw new PlanValidationError('targetMassKg', 'must be positive');
  requireRange('y90.lungShuntFraction', lsf, 0, 1);
  return (activityGBq * k * (1 - lsf)) / massKg;
}
