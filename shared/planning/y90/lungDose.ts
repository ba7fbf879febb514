import { requireRange } from '../errors';

/** Lung absorbed dose D_L = k x A x LSF / M_lung (Gy). */
export function lungDoseGy(activityGBq: number, lsf: number, lungMassKg: number, k: number): number {
  requireRange('activityGBq', activityGBq, 0, 100, 'GBq');
  requireRange('y90.lungShuntFraction', lsf, 0, 1);
  requireRange('y90.lungMassKg', lungMassKg, 0.2, 3, 'kg');
  requireRange('settings.doseFactorK', k, 40, 60, 'Gy.kg/GBq');
  return (k * activityGBq * lsf) / lungMassKg;
}
